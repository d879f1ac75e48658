import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCrm, createMemoryAdapter, crmStorageSchema } from '../../src/index.js';
import { normalizeDate } from '../../src/dedup/prepare.js';
import { rowToEntityInput } from '../../src/import/index.js';

const phonesOf = (cell: string) => (rowToEntityInput('contact', { fullName: 'Khách', phone: cell })['phones'] as { number: string }[] | undefined)?.map((phone) => phone.number);

describe('cell values as Vietnamese customer lists write them', () => {
  it('two phone numbers in one cell, joined by a slash or a spaced dash, are two phones', () => {
    assert.deepEqual(phonesOf('0912345678 - 0987654321'), ['0912345678', '0987654321']);
    assert.deepEqual(phonesOf('0912345678/0987654321'), ['0912345678', '0987654321']);
    assert.deepEqual(phonesOf('0912.345.678 – 0987.654.321'), ['0912.345.678', '0987.654.321']);
    assert.deepEqual(phonesOf('(028) 3822 1234 / 0912 345 678'), ['(028) 3822 1234', '0912 345 678']);
    assert.deepEqual(phonesOf('0912 345 678; 0987 654 321'), ['0912 345 678', '0987 654 321']);
  });

  it('one number written with dashes or slashes inside it stays one phone', () => {
    for (const cell of ['028-3822-1234', '0912-345-678', '0912 345 678', '028 3822 1234 / 1235', '0912/345/678', '+84 - 912 345 678']) {
      assert.deepEqual(phonesOf(cell), [cell], cell);
    }
  });

  // the timeout is a hang guard, not a speed measure: a separator with a quantifier beside it backtracks over
  // every run of spaces, seconds on a cell like this
  it('a cell of long runs of spaces around the joins splits at once, not in time growing with its square', { timeout: 20_000 }, () => {
    const spaces = ' '.repeat(50_000);
    assert.deepEqual(phonesOf(`${spaces}0912 345 678${spaces}/${spaces}0987 654 321${spaces} - ${spaces}0903 111 222${spaces}`), ['0912 345 678', '0987 654 321', '0903 111 222']);
  });

  it('dates written year first with slashes or dots are read', () => {
    assert.equal(normalizeDate('1985/12/10'), '1985-12-10');
    assert.equal(normalizeDate('1985.12.1'), '1985-12-01');
    assert.equal(normalizeDate('10/12/1985'), '1985-12-10');
  });

  it('a date the import cannot read is refused with the ways of writing it that it can, not "ISO date" alone', async () => {
    const crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-admin', role: 'admin' } });
    const dry = await crm.imports.dryRun('Họ và tên;Ngày sinh\nNguyễn Văn An;10/12/85\nLê Thu;31390\n', { entity: 'contact', policy: 'create' });
    assert.deepEqual(dry.issues.map((issue) => [issue.row, issue.field]), [[2, 'birthday'], [3, 'birthday']]);
    for (const issue of dry.issues) assert.equal(issue.reason, 'must be a date written dd/mm/yyyy (10/12/1985) or yyyy-mm-dd (1985-12-10)');
  });

  it('gender written as "Nam giới", "Nữ giới", "Ông", "Bà", "Mr", "Mrs" is read', () => {
    const genderOf = (cell: string) => rowToEntityInput('contact', { fullName: 'Khách', gender: cell })['gender'];
    for (const cell of ['Nam', 'nam giới', 'Ông', 'ÔNG', 'Mr', 'Mr.']) assert.equal(genderOf(cell), 'male', cell);
    for (const cell of ['Nữ', 'Nữ giới', 'Bà', 'Mrs', 'Ms.']) assert.equal(genderOf(cell), 'female', cell);
    assert.equal(genderOf('không rõ'), 'không rõ', 'anything else is left for the schema to refuse');
  });

  it('an import stores both numbers of a two-number cell, and a duplicate of either is found', async () => {
    const crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-admin', role: 'admin' } });
    const csv = 'Họ và tên;SĐT;Ngày sinh;Giới tính\nNguyễn Văn An;0912345678 - 0987654321;1985/12/10;Ông\nAn Nguyễn;0987 654 321;;\n';
    const dry = await crm.imports.dryRun(csv, { entity: 'contact', policy: 'skip' });
    assert.deepEqual(dry.issues, []);
    assert.deepEqual([dry.summary.new, dry.summary.duplicatesInFile], [1, 1], 'the second row repeats the first one\'s second number');
    await crm.imports.run(csv, { entity: 'contact', policy: 'skip' });
    const [an] = await crm.contacts.listAll();
    assert.deepEqual([an!['phones'], an!['birthday'], an!['gender']], [[{ number: '0912345678', kind: 'mobile' }, { number: '0987654321', kind: 'mobile' }], '1985-12-10', 'male']);
  });

  it('a name kept in two columns, "Họ và tên đệm" and "Tên", is imported whole and matched whole', async () => {
    const crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-admin', role: 'admin' } });
    const csv = 'STT,Họ và tên đệm,Tên,Ngày tháng năm sinh\n1,Nguyễn Văn,An,10/12/1985\n2,Nguyễn Văn,An,10/12/1985\n';
    const dry = await crm.imports.dryRun(csv, { entity: 'contact', policy: 'skip' });
    assert.deepEqual(dry.mapping, [null, 'fullName', 'fullName', 'birthday']);
    assert.deepEqual([dry.summary.new, dry.summary.duplicatesInFile], [1, 1]);
    await crm.imports.run(csv, { entity: 'contact', policy: 'skip' });
    assert.deepEqual((await crm.contacts.listAll()).map((record) => [record['fullName'], record['birthday']]), [['Nguyễn Văn An', '1985-12-10']]);
  });

  it('phones in two columns ("SĐT 1", "SĐT 2") are imported as two phones, and a duplicate of the second is found', async () => {
    const crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-admin', role: 'admin' } });
    const csv = 'Họ và tên;SĐT 1;SĐT 2;Email;Email 2\nNguyễn Văn An;0912 345 678;0987 654 321;an@x.vn;an.nguyen@y.vn\nAn Nguyễn;;0987654321;;\n';
    const dry = await crm.imports.dryRun(csv, { entity: 'contact', policy: 'skip' });
    assert.deepEqual(dry.mapping, ['fullName', 'phone', 'phone', 'email', 'email']);
    assert.deepEqual([dry.summary.new, dry.summary.duplicatesInFile, dry.issues], [1, 1, []]);
    await crm.imports.run(csv, { entity: 'contact', policy: 'skip' });
    const [an] = await crm.contacts.listAll();
    assert.deepEqual([an!['phones'], an!['emails']], [[{ number: '0912 345 678', kind: 'mobile' }, { number: '0987 654 321', kind: 'mobile' }], ['an@x.vn', 'an.nguyen@y.vn']]);
  });

  it('a lead keeps one e-mail: a second e-mail column is left unmapped, not a reason to refuse the row', async () => {
    const crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-admin', role: 'admin' } });
    const csv = 'Họ và tên;SĐT 1;SĐT 2;Email;Email 2\nNguyễn Văn An;0912 345 678;0987 654 321;an@x.vn;an.nguyen@y.vn\n';
    const dry = await crm.imports.dryRun(csv, { entity: 'lead', policy: 'create' });
    assert.deepEqual([dry.mapping, dry.issues], [['fullName', 'phone', 'phone', 'email', null], []]);
    await crm.imports.run(csv, { entity: 'lead', policy: 'create' });
    const [lead] = await crm.leads.listAll();
    assert.deepEqual([lead!['phones'], lead!['email']], [{ mobile: '0912 345 678', desk: '0987 654 321' }, 'an@x.vn']);
  });

  it('a lead has room for two phones: a third is kept in its note, after the note the file gives', async () => {
    const crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-admin', role: 'admin' } });
    const csv = 'Họ và tên;SĐT 1;SĐT 2;SĐT 3;Ghi chú\nNguyễn Văn An;0912 345 678;0987 654 321;"0903 111 222, 0904 333 444";gọi buổi sáng\nLê Thu;0912 000 111;;;\n';
    await crm.imports.run(csv, { entity: 'lead', policy: 'create' });
    const leads = await crm.leads.listAll();
    const an = leads.find((lead) => lead['contactName'] === 'Nguyễn Văn An')!;
    const thu = leads.find((lead) => lead['contactName'] === 'Lê Thu')!;
    assert.deepEqual([an['phones'], an['note']], [{ mobile: '0912 345 678', desk: '0987 654 321' }, 'gọi buổi sáng\nSĐT khác / Other phones: 0903 111 222, 0904 333 444']);
    assert.deepEqual([thu['phones'], thu['note']], [{ mobile: '0912 000 111' }, undefined]);
  });

  it('a Facebook Lead Ads export (UTF-16 text, tabs, phones written "p:+84…", name in first_name and last_name) imports as leads', async () => {
    const crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-admin', role: 'admin' } });
    const lines = [
      ['id', 'created_time', 'ad_name', 'campaign_name', 'form_name', 'is_organic', 'platform', 'first_name', 'last_name', 'phone_number', 'email'],
      ['l:1201', '2026-11-20T09:15:00+07:00', 'Ưu đãi tháng 11', 'Khai trương', 'Đăng ký tư vấn', 'false', 'fb', 'An', 'Nguyễn Văn', 'p:+84912345678', 'an@example.vn'],
      ['l:1202', '2026-11-20T10:02:00+07:00', 'Ưu đãi tháng 11', 'Khai trương', 'Đăng ký tư vấn', 'false', 'ig', 'Bình', 'Trần Thị', 'p:0987654321', ''],
    ];
    const text = lines.map((line) => line.join('\t')).join('\r\n');
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(utf16.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    const dry = await crm.imports.dryRun(utf16, { entity: 'lead', policy: 'create' });
    assert.deepEqual(dry.issues, []);
    assert.deepEqual(dry.mapping.slice(7), ['fullName', 'fullName', 'phone', 'email']);
    await crm.imports.run(utf16, { entity: 'lead', policy: 'create' });
    const leads = (await crm.leads.listAll()).map((lead) => [lead['contactName'], lead['phones']]).sort();
    assert.deepEqual(leads, [['An Nguyễn Văn', { mobile: '+84912345678' }], ['Bình Trần Thị', { mobile: '0987654321' }]]);
  });
});
