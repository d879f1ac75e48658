import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import writeXlsxFile from 'write-excel-file/universal';
import { windows1258 } from './windows-1258.js';
import { createCrm, createMemoryAdapter, crmStorageSchema, CrmValidationError, rowToEntityInput, type Actor, type ImportProgress, type StorageAdapter } from '../../src/index.js';

const admin: Actor = { id: 'u-admin', role: 'admin' };

async function setup(wrap: (storage: StorageAdapter) => StorageAdapter = (storage) => storage) {
  const storage = wrap(await createMemoryAdapter({ schema: crmStorageSchema }));
  let tick = Date.parse('2026-11-23T02:00:00.000Z');
  const crm = createCrm({ storage, actor: admin, now: () => new Date((tick += 1000)) });
  return { storage, crm };
}

const CSV = [
  'Họ và tên;Số điện thoại;Email;Ngày sinh;Tỉnh/Thành phố;Ghi chú',
  'Nguyễn Văn An;0912 345 678;an@example.vn;10/12/1985;Hà Nội;khách cũ', // row 2: duplicate of the stored contact (phone)
  'Trần Thị Bình;0987 111 222;binh@example;;TP. Hồ Chí Minh;', // row 3: bad e-mail
  'Lê Hoàng Cường;0903 222 333;cuong@example.vn;;Đà Nẵng;', // row 4: new
  'Le Hoang Cuong;+84 903 222 333;;;Đà Nẵng;gọi lại', // row 5: duplicate of row 4
  ';0904 000 000;;;;', // row 6: no name
  'Phạm Thu Hà;0905 444 555;ha@example.vn;1990-01-02;Huế;', // row 7: new
].join('\r\n');

async function withStoredContact() {
  const env = await setup();
  const stored = await env.crm.contacts.create({ fullName: 'Nguyễn Văn An', kind: 'shop', phones: [{ number: '0912345678' }], emails: ['an.nguyen@gmail.com'], address: { province: 'Hà Nội', district: 'Cầu Giấy' } } as never);
  return { ...env, stored };
}

describe('importing contacts from a file', () => {
  it('a dry run maps Vietnamese headers, reports each refused row with its field and reason, finds duplicates, and writes nothing', async () => {
    const { crm, storage, stored } = await withStoredContact();
    const seq = (await storage.changesSince(0)).cursor;
    const dry = await crm.imports.dryRun(CSV, { entity: 'contact', policy: 'skip' });
    assert.deepEqual(dry.mapping, ['fullName', 'phone', 'email', 'birthday', 'address.province', 'note']);
    assert.deepEqual(
      { rows: dry.summary.rows, invalid: dry.summary.invalid, new: dry.summary.new, duplicates: dry.summary.duplicates, inFile: dry.summary.duplicatesInFile, skip: dry.summary.skip },
      { rows: 6, invalid: 2, new: 2, duplicates: 2, inFile: 1, skip: 2 },
    );
    assert.deepEqual(dry.issues.map((issue) => [issue.row, issue.field]), [[3, 'email'], [6, 'fullName']]);
    const duplicate = dry.plan.rows.find((row) => row.row === 2)!;
    assert.equal(duplicate.duplicates![0]!.id, stored.id);
    assert.equal(dry.plan.rows.find((row) => row.row === 5)!.duplicateOfRow, 4);
    assert.equal(dry.plan.rows.find((row) => row.row === 7)!.record!['birthday'], '1990-01-02');
    const csv = dry.rejectedRowsCsv();
    assert.match(csv, /^\ufeffRow,Field,Reason,Họ và tên/);
    assert.match(csv, /\r\n3,email,must be a valid e-mail address,Trần Thị Bình/);
    assert.equal((await storage.changesSince(seq)).batches.length, 0);
  });

  it('a row refused for its e-mail comes back in the rejected-rows CSV with its +84 phone as typed, and imports once the e-mail is fixed', async () => {
    const { crm } = await setup();
    const dry = await crm.imports.dryRun('Họ và tên,SĐT,Email\nNguyễn Văn An,+84-912-345-678,an@example\n', { entity: 'contact', policy: 'skip' });
    assert.deepEqual(dry.issues.map((issue) => [issue.row, issue.field]), [[2, 'email']]);
    const toFix = dry.rejectedRowsCsv({ bom: false });
    assert.equal(toFix, 'Row,Field,Reason,Họ và tên,SĐT,Email\r\n2,email,must be a valid e-mail address,Nguyễn Văn An,+84-912-345-678,an@example\r\n');
    const fixed = toFix.replace('an@example\r\n', 'an@example.vn\r\n');
    const report = await crm.imports.run(fixed, { entity: 'contact', policy: 'skip' });
    assert.deepEqual([report.summary.create, report.summary.invalid, report.issues], [1, 0, []]);
    const [an] = await crm.contacts.listAll();
    assert.deepEqual([an?.['fullName'], an?.['emails'], (an?.['phones'] as { number: string }[]).map((phone) => phone.number)], ['Nguyễn Văn An', ['an@example.vn'], ['+84-912-345-678']]);
  });

  it('a CSV saved by Excel on Vietnamese Windows (Windows-1258) is read right, and its customers are found as duplicates', async () => {
    const { crm, stored } = await withStoredContact();
    const dry = await crm.imports.dryRun(windows1258(CSV), { entity: 'contact', policy: 'skip' });
    assert.deepEqual(dry.table.headers, ['Họ và tên', 'Số điện thoại', 'Email', 'Ngày sinh', 'Tỉnh/Thành phố', 'Ghi chú']);
    assert.equal(dry.plan.rows.find((row) => row.row === 7)!.record!['fullName'], 'Phạm Thu Hà');
    assert.equal(dry.plan.rows.find((row) => row.row === 2)!.duplicates![0]!.id, stored.id);
    assert.equal(dry.summary.new, 2);
  });

  it('a file past the limits is refused at "file" before it is read, and nothing is written', async () => {
    const { crm, storage } = await withStoredContact();
    const seq = (await storage.changesSince(0)).cursor;
    const tooLarge = new Blob([CSV]);
    const bytes = await crm.imports.dryRun(tooLarge, { entity: 'contact', policy: 'skip', limits: { maxBytes: 100 } }).catch((e: unknown) => e);
    assert.ok(bytes instanceof CrmValidationError);
    assert.deepEqual(bytes.issues.map((issue) => [issue.path, issue.code]), [['file', 'too_big']]);
    assert.match(bytes.issues[0]!.message, /limit is 0\.0 MiB \(limits\.maxBytes\)/);
    const rows = await crm.imports.run(CSV, { entity: 'contact', policy: 'create', limits: { maxRows: 5 } }).catch((e: unknown) => e);
    assert.ok(rows instanceof CrmValidationError);
    assert.equal(rows.issues[0]!.message, 'has 6 rows; the limit is 5 (limits.maxRows)');
    assert.equal((await storage.changesSince(seq)).batches.length, 0);
    assert.equal((await crm.imports.dryRun(CSV, { entity: 'contact', policy: 'skip', limits: { maxRows: 6 } })).summary.rows, 6, 'at the limit is fine');
  });

  it('an Excel workbook past the row limit is refused as soon as the reader passes it, and nothing is written; an old .xls is refused, not read as CSV', async () => {
    const { crm, storage } = await withStoredContact();
    const seq = (await storage.changesSince(0)).cursor;
    const sheet = [['Họ và tên', 'Số điện thoại'], ...Array.from({ length: 40 }, (_, i) => [`Khách ${i}`, `0912 000 ${String(i).padStart(3, '0')}`])];
    const workbook = await writeXlsxFile(sheet).toBlob();
    const refused = await crm.imports.run(workbook, { entity: 'contact', policy: 'create', limits: { maxRows: 25 } }).catch((e: unknown) => e);
    assert.ok(refused instanceof CrmValidationError);
    assert.deepEqual(refused.issues.map((issue) => [issue.path, issue.code, issue.message]), [['file', 'too_big', 'has more than 25 rows; the limit is 25 (limits.maxRows)']]);
    assert.equal((await storage.changesSince(seq)).batches.length, 0);
    const wrongSheet = await crm.imports.dryRun(workbook, { entity: 'contact', policy: 'skip', sheet: 'Khách hàng' }).catch((e: unknown) => e);
    assert.ok(wrongSheet instanceof CrmValidationError);
    assert.deepEqual(wrongSheet.issues.map((issue) => [issue.path, issue.code]), [['sheet', 'not_found']]);
    assert.equal((await crm.imports.dryRun(workbook, { entity: 'contact', policy: 'skip', limits: { maxRows: 40 } })).summary.new, 40, 'at the limit is fine');
    // an old .xls is not read as CSV: the user is told to save it as .xlsx
    const xls = new Uint8Array(2048);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const old = await crm.imports.dryRun(xls, { entity: 'contact', policy: 'skip' }).catch((e: unknown) => e);
    assert.ok(old instanceof CrmValidationError);
    assert.deepEqual(old.issues.map((issue) => [issue.path, issue.code]), [['file', 'invalid_format']]);
    assert.match(old.message, /\.xls\) file or a password-protected workbook/);
  });

  it('a run commits chunk by chunk with progress, yielding between chunks; skipped duplicates stay out', async () => {
    const { crm, storage } = await withStoredContact();
    const seq = (await storage.changesSince(0)).cursor;
    const progress: ImportProgress[] = [];
    let yields = 0;
    const report = await crm.imports.run(CSV, {
      entity: 'contact',
      policy: 'skip',
      chunkSize: 2,
      onProgress: (p) => progress.push(p),
      yieldToEventLoop: async () => void yields++,
    });
    assert.equal(report.outcome, 'done');
    assert.deepEqual(progress.map((p) => p.done), [2, 4, 6]);
    assert.equal(yields, 2);
    assert.equal(report.written, 2);
    assert.equal(report.skipped, 2);
    assert.equal(report.rejected, 2);
    const batches = (await storage.changesSince(seq)).batches;
    assert.equal(batches.length, 2, 'one commit per chunk with rows to write');
    assert.ok(batches.every((batch) => batch.changes.every((change) => (change.meta as { action?: string }).action === 'import')));
    const names = (await crm.contacts.listAll()).map((record) => record['fullName']).sort();
    assert.deepEqual(names, ['Lê Hoàng Cường', 'Nguyễn Văn An', 'Phạm Thu Hà']);
    const cuong = (await crm.contacts.listAll()).find((record) => record['fullName'] === 'Lê Hoàng Cường')!;
    assert.deepEqual(cuong['phones'], [{ number: '0903 222 333', kind: 'mobile' }]);
  });

  it('a large file is parsed and planned in slices, giving the event loop back with progress; the plan is the same', async () => {
    const { crm, storage } = await withStoredContact();
    const seq = (await storage.changesSince(0)).cursor;
    const lines = ['Họ và tên,Số điện thoại,Email'];
    // 1,500 people, every tenth typed again later in the file with the phone written the 84 way
    for (let i = 0; i < 1500; i++) lines.push(`Khách hàng ${i},09${String(i).padStart(8, '0')},khach${i}@example.vn`);
    for (let i = 0; i < 1500; i += 10) lines.push(`Khach hang ${i},849${String(i).padStart(8, '0')},`);
    const csv = lines.join('\n');
    let yields = 0;
    const progress: number[] = [];
    const sliced = await crm.imports.dryRun(csv, { entity: 'contact', policy: 'skip', sliceMs: 0, yieldToEventLoop: async () => void yields++, onPlanProgress: (p) => progress.push(p.planned) });
    const whole = await crm.imports.dryRun(csv, { entity: 'contact', policy: 'skip', sliceMs: Infinity, yieldToEventLoop: async () => assert.fail('no slices asked for') });
    assert.deepEqual(sliced.plan, whole.plan);
    assert.deepEqual({ rows: sliced.summary.rows, new: sliced.summary.new, inFile: sliced.summary.duplicatesInFile }, { rows: 1650, new: 1500, inFile: 150 });
    assert.ok(yields >= 1650 / 64, `one slice per 64 rows with a zero budget, parsing included (${yields} yields)`);
    assert.equal(progress.at(-1), 1650);
    assert.ok(progress.every((planned, i) => i === 0 || planned > progress[i - 1]!), 'progress only moves forward');
    assert.equal((await storage.changesSince(seq)).batches.length, 0);
  });

  it('aborted while planning, a dry run and a run reject with the reason and write nothing', async () => {
    const { crm, storage } = await withStoredContact();
    const seq = (await storage.changesSince(0)).cursor;
    const csv = ['Họ và tên,Số điện thoại', ...Array.from({ length: 300 }, (_, i) => `Khách ${i},09${String(i).padStart(8, '0')}`)].join('\n');
    for (const start of [crm.imports.dryRun.bind(crm.imports), crm.imports.run.bind(crm.imports)]) {
      const controller = new AbortController();
      const reason = new Error('the user closed the import dialog');
      const outcome = await start(csv, { entity: 'contact', policy: 'create', sliceMs: 0, signal: controller.signal, onPlanProgress: () => controller.abort(reason) }).catch((error: unknown) => error);
      assert.equal(outcome, reason);
    }
    assert.equal((await storage.changesSince(seq)).batches.length, 0);
    assert.equal((await crm.contacts.listAll()).length, 1);
  });

  it('update writes the row over the stored record, uniting phones and e-mails and keeping what the file does not hold', async () => {
    const { crm, stored } = await withStoredContact();
    const report = await crm.imports.run(CSV, { entity: 'contact', policy: 'update' });
    assert.equal(report.outcome, 'done');
    const after = await crm.contacts.get(stored.id);
    assert.equal(after['kind'], 'shop', 'a default of the row schema does not overwrite the stored kind');
    assert.deepEqual(after['emails'], ['an@example.vn', 'an.nguyen@gmail.com']);
    assert.deepEqual((after['phones'] as { number: string }[]).map((phone) => phone.number), ['0912 345 678']);
    assert.equal(after['birthday'], '1985-12-10');
    assert.deepEqual(after['address'], { province: 'Hà Nội', district: 'Cầu Giấy' });
    // row 5 updated row 4's new record, in the same chunk: one Cường with both notes' worth of data
    const cuongs = (await crm.contacts.listAll()).filter((record) => String(record['fullName']).includes('Cư') || String(record['fullName']).includes('Cuong'));
    assert.equal(cuongs.length, 1);
    assert.equal(cuongs[0]!['note'], 'gọi lại');
  });

  it('merge keeps the stored values and fills blanks from the row; create adds duplicates anyway', async () => {
    const merged = await withStoredContact();
    await merged.crm.imports.run(CSV, { entity: 'contact', policy: 'merge' });
    const after = await merged.crm.contacts.get(merged.stored.id);
    assert.equal(after['fullName'], 'Nguyễn Văn An');
    assert.deepEqual(after['emails'], ['an.nguyen@gmail.com', 'an@example.vn']);
    assert.equal(after['note'], 'khách cũ');
    const created = await withStoredContact();
    const report = await created.crm.imports.run(CSV, { entity: 'contact', policy: 'create' });
    assert.equal(report.written, 4);
    assert.equal((await created.crm.contacts.listAll()).length, 5);
  });

  it('a failing chunk writes nothing of itself and stops the import with a report', async () => {
    let commits = 0;
    const { crm, storage } = await setup((inner) => ({
      ...inner,
      name: inner.name,
      capabilities: inner.capabilities,
      version: inner.version,
      get: inner.get.bind(inner),
      query: inner.query.bind(inner),
      count: inner.count.bind(inner),
      changesSince: inner.changesSince.bind(inner),
      history: inner.history.bind(inner),
      subscribe: inner.subscribe.bind(inner),
      close: inner.close.bind(inner),
      commit: async (request) => {
        // the second chunk's commit fails half-way, as a full disk would: the adapter applies nothing of it
        if (++commits === 2) throw new Error('disk full');
        return inner.commit(request);
      },
    }));
    const rows = ['Họ và tên,Số điện thoại', ...Array.from({ length: 9 }, (_, i) => `Khách ${i},0912 000 10${i}`)].join('\n');
    const report = await crm.imports.run(rows, { entity: 'contact', policy: 'skip', chunkSize: 3 });
    assert.equal(report.outcome, 'failed');
    assert.equal((report.error as Error).message, 'disk full');
    assert.deepEqual(report.failedRows, [5, 6, 7]);
    assert.equal(report.written, 3);
    const names = (await crm.contacts.listAll()).map((record) => record['fullName']).sort();
    assert.deepEqual(names, ['Khách 0', 'Khách 1', 'Khách 2']);
    assert.equal((await storage.changesSince(0)).batches.length, 1);
  });

  it('leads get a title from the contact when the file has none; a mapping without a required field is refused', async () => {
    const { crm } = await setup();
    const report = await crm.imports.run('Tên khách hàng,Di động,Công ty\nVõ Thị Mai,0938 765 432,Công ty TNHH Hạ Long\n', { entity: 'lead', policy: 'skip' });
    assert.equal(report.written, 1);
    const [lead] = await crm.leads.listAll();
    assert.equal(lead!['title'], 'Võ Thị Mai');
    assert.equal(lead!['contactName'], 'Võ Thị Mai');
    assert.deepEqual(lead!['phones'], { mobile: '0938 765 432' });
    await assert.rejects(
      crm.imports.dryRun('Email\nx@example.vn\n', { entity: 'contact', policy: 'skip' }),
      (error: unknown) => error instanceof CrmValidationError && /fullName/.test(error.message),
    );
  });

  it('updating or merging a stored lead keeps its title and every phone: the file’s number first on update, the stored one first on merge', async () => {
    for (const [policy, phones] of [['update', { mobile: '0987654321', desk: '0912345678' }], ['merge', { mobile: '0912345678', desk: '0987654321' }]] as const) {
      const { crm } = await setup();
      const stored = await crm.leads.create({ title: 'Gói cước doanh nghiệp 50 thuê bao', contactName: 'Nguyễn Văn An', email: 'an@example.vn', phones: { mobile: '0912345678' } } as never);
      const report = await crm.imports.run('Họ và tên,Email,Số điện thoại,Chức vụ\nNguyễn Văn An,an@example.vn,0987654321,Giám đốc kinh doanh\n', { entity: 'lead', policy });
      assert.equal(report.written, 1, policy);
      const after = await crm.leads.get(stored.id);
      assert.deepEqual([after['title'], after['jobTitle'], after['phones']], ['Gói cước doanh nghiệp 50 thuê bao', 'Giám đốc kinh doanh', phones], policy);
    }
  });

  it('merging a raw contact keeps one copy of a number written two ways, and a refused source is named as the user’s column', async () => {
    const { crm } = await setup();
    const stored = await crm.rawContacts.create({ name: 'Bùi Thanh Tâm', phones: ['0912345678'], email: 'tam@example.vn', source: 'event' } as never);
    await crm.imports.run('Họ và tên,Số điện thoại,Email\nBùi Thanh Tâm,+84 912 345 678,tam@example.vn\n', { entity: 'rawContact', policy: 'merge' });
    assert.deepEqual((await crm.rawContacts.get(stored.id))['phones'], ['0912345678']);
    const dry = await crm.imports.dryRun(`Họ và tên,Số điện thoại,Nguồn\nLê Văn Tám,0903 111 222,${'x'.repeat(400)}\n`, { entity: 'rawContact', policy: 'skip' });
    assert.deepEqual(dry.issues.map((issue) => [issue.row, issue.field]), [[2, 'source']]);
  });

  it('a dry run by a salesperson says a row duplicates a colleague’s customer without showing that customer’s values', async () => {
    const { crm } = await setup();
    await crm.contacts.create({ fullName: 'Phạm Thị Mai', birthday: '1988-03-02', phones: [{ number: '0912 345 678' }], ownerId: 'u-khoa' } as never);
    const sales = crm.as({ id: 'u-an', role: 'salesperson', teamIds: ['team-hn'] });
    const dry = await sales.imports.dryRun('Họ và tên,Số điện thoại,Ngày sinh\nMai Pham,0912345678,02/03/1988\n', { entity: 'contact', policy: 'skip' });
    const [row] = dry.plan.rows;
    assert.equal(row!.status, 'duplicate');
    assert.ok(row!.duplicates!.length > 0);
    for (const rule of row!.duplicates!.flatMap((match) => match.rules)) for (const field of rule.fields) assert.equal(field.values, null, `${rule.ruleId}.${field.field}`);
    // the owner sees them
    const own = await crm.imports.dryRun('Họ và tên,Số điện thoại,Ngày sinh\nMai Pham,0912345678,02/03/1988\n', { entity: 'contact', policy: 'skip' });
    assert.ok(own.plan.rows[0]!.duplicates![0]!.rules[0]!.fields.some((field) => field.values !== null));
  });

  it('a later row that repeats what an earlier row added to a stored customer is a duplicate of that row, not a new customer', async () => {
    const { crm, stored } = await withStoredContact();
    // row 2 adds an e-mail to the stored An (same phone); row 3 has that e-mail and a new phone: the same An
    const csv = 'Họ và tên,Số điện thoại,Email\nNguyễn Văn An,0912 345 678,an.work@example.vn\nNguyễn An,0977 000 111,an.work@example.vn\n';
    const dry = await crm.imports.dryRun(csv, { entity: 'contact', policy: 'update' });
    assert.deepEqual(dry.plan.rows.map((row) => [row.row, row.status, row.action, row.duplicateOfRow]), [[2, 'duplicate', 'update', undefined], [3, 'duplicate', 'update', 2]]);
    const report = await crm.imports.run(csv, { entity: 'contact', policy: 'update', chunkSize: 1 });
    assert.equal(report.outcome, 'done');
    assert.equal(await crm.contacts.count(), 1);
    const an = await crm.contacts.get(stored.id);
    assert.deepEqual((an['phones'] as { number: string }[]).map((phone) => phone.number), ['0977 000 111', '0912 345 678']);
    // the same in one chunk
    const again = await withStoredContact();
    assert.equal((await again.crm.imports.run(csv, { entity: 'contact', policy: 'update' })).outcome, 'done');
    assert.equal(await again.crm.contacts.count(), 1);
  });
});

describe("a row in each entity's own shape", () => {
  const row = { fullName: 'Trần Thị Hoa', phone: '0912 345 678 / 0987 111 222 / 0903 222 333', email: 'hoa@example.vn', birthday: '10/12/1985', gender: 'Nữ', companyName: 'Công ty TNHH Minh Phát', jobTitle: 'Kế toán', source: 'Hội chợ', address: { district: 'Quận 1' }, note: 'Gọi buổi sáng' };

  it('a contact gets its phones and e-mails as lists, an ISO birthday, a gender and a position, and keeps the other columns', () => {
    assert.deepEqual(rowToEntityInput('contact', row), {
      address: { district: 'Quận 1' },
      note: 'Gọi buổi sáng',
      fullName: 'Trần Thị Hoa',
      phones: ['0912 345 678', '0987 111 222', '0903 222 333'].map((number) => ({ number, kind: 'mobile' })),
      emails: ['hoa@example.vn'],
      birthday: '1985-12-10',
      gender: 'female',
      position: 'Kế toán',
      source: 'Hội chợ',
    });
  });

  it('a lead takes its title from the name, two phones, and the third in its note', () => {
    assert.deepEqual(rowToEntityInput('lead', row), {
      address: { district: 'Quận 1' },
      note: 'Gọi buổi sáng\nSĐT khác / Other phones: 0903 222 333',
      title: 'Trần Thị Hoa',
      contactName: 'Trần Thị Hoa',
      phones: { mobile: '0912 345 678', desk: '0987 111 222' },
      email: 'hoa@example.vn',
      companyName: 'Công ty TNHH Minh Phát',
      jobTitle: 'Kế toán',
      source: 'Hội chợ',
    });
  });

  it('a raw contact and a company keep their own field names, and a blank column leaves no field at all', () => {
    assert.deepEqual(rowToEntityInput('rawContact', { fullName: 'Lê Văn Tám', companyName: 'Hộ kinh doanh Tám' }), { name: 'Lê Văn Tám', companyName: 'Hộ kinh doanh Tám' });
    assert.deepEqual(rowToEntityInput('company', { name: 'Công ty CP Sao Mai', phone: '028 3822 1234', taxCode: '0301234567' }), { name: 'Công ty CP Sao Mai', taxCode: '0301234567', phones: ['028 3822 1234'] });
    const lead = rowToEntityInput('lead', { companyName: 'Công ty CP Sao Mai' });
    assert.deepEqual(lead, { title: 'Công ty CP Sao Mai', companyName: 'Công ty CP Sao Mai' });
    assert.deepEqual(Object.keys(lead), ['title', 'companyName'], 'no key is present with an undefined value');
  });
});

describe('reading several phones and e-mails from one cell', () => {
  it('splits a cell on commas, semicolons, line breaks and a spaced slash, and trims each number', () => {
    const input = rowToEntityInput('contact', { fullName: 'Ngô Bảo Châu', phone: ' 0912 345 678 ;0987 111 222\n 028 3822 1234 / 0903-222-333 ', email: 'chau@example.vn, bao.chau@example.vn' });
    assert.deepEqual(input['phones'], [
      { number: '0912 345 678', kind: 'mobile' },
      { number: '0987 111 222', kind: 'mobile' },
      { number: '028 3822 1234', kind: 'mobile' },
      { number: '0903-222-333', kind: 'mobile' },
    ]);
    assert.deepEqual(input['emails'], ['chau@example.vn', 'bao.chau@example.vn']);
  });

  it('a cell of 200,000 spaces is read at once, not in time growing with its square', { timeout: 20_000 }, () => {
    const input = rowToEntityInput('contact', { fullName: 'X', phone: `${' '.repeat(200_000)}0912 345 678${' '.repeat(200_000)}` });
    assert.deepEqual(input['phones'], [{ number: '0912 345 678', kind: 'mobile' }]);
  });
});

describe('importing a table the host parsed itself', () => {
  it('is checked like any other input: a bad place is named, and nothing is written', async () => {
    const { crm, storage } = await withStoredContact();
    const seq = (await storage.changesSince(0)).cursor;
    const bad: [unknown, string, RegExp][] = [
      [{ headers: 'Họ và tên', rows: [] }, 'table.headers', /list of column headers/],
      [{ headers: ['Họ và tên'], rows: [['An'], 'Bình'] }, 'table.rows.1', /list of cells/],
      [{ headers: ['Họ và tên'], rows: [['An', '0912']] }, 'table.rows.0', /2 cells for 1 headers/],
      [{ headers: ['Họ và tên', 'SĐT'], rows: [['An', 912345678]] }, 'table.rows.0.1', /must be text/],
      [{ headers: ['Họ và tên'], rows: [['An']], rowNumbers: [0] }, 'table.rowNumbers.0', /whole number/],
      [{ headers: ['Họ và tên'], rows: [['An'], ['Bình']], rowNumbers: [2] }, 'table.rowNumbers', /each of the 2 rows/],
    ];
    for (const [table, path, reason] of bad) {
      const error = await crm.imports.run(table as never, { entity: 'contact', policy: 'create' }).catch((e: unknown) => e);
      assert.ok(error instanceof CrmValidationError, `${path}: ${String(error)}`);
      assert.equal(error.issues[0]!.path, path);
      assert.match(error.issues[0]!.message, reason);
    }
    assert.equal((await storage.changesSince(seq)).batches.length, 0);
  });

  it('without row numbers, rows are numbered as if the header were row 1', async () => {
    const { crm } = await withStoredContact();
    const dry = await crm.imports.dryRun({ headers: ['Họ và tên', 'Số điện thoại'], rows: [['Lý Thường Kiệt', '0912 000 111'], ['', '0912 000 222']] } as never, { entity: 'contact', policy: 'skip' });
    assert.deepEqual(dry.table.rowNumbers, [2, 3]);
    assert.deepEqual(dry.issues.map((issue) => [issue.row, issue.field]), [[3, 'fullName']]);
  });
});

describe('import options', () => {
  it('are checked before anything is read: each bad option is named with its reason, and nothing is written', async () => {
    const { crm, storage } = await withStoredContact();
    const seq = (await storage.changesSince(0)).cursor;
    const bad: [Record<string, unknown>, string, RegExp][] = [
      [{ chunkSize: 1.5 }, 'chunkSize', /whole number/],
      [{ chunkSize: 0 }, 'chunkSize', /1 or more/],
      [{ headerRow: -2 }, 'headerRow', /1 or more/],
      [{ limits: { maxRows: '10' } }, 'limits.maxRows', /number/],
      [{ sheet: 0 }, 'sheet', /./],
      [{ format: 'xls' }, 'format', /./],
      [{ mapping: 'fullName' }, 'mapping', /./],
      [{ sliceMs: -5 }, 'sliceMs', /./],
      [{ delimiter: '' }, 'delimiter', /must not be empty/],
    ];
    for (const [options, path, reason] of bad) {
      const error = await crm.imports.run(CSV, { entity: 'contact', policy: 'create', ...options } as never).catch((e: unknown) => e);
      assert.ok(error instanceof CrmValidationError, `${path}: ${String(error)}`);
      assert.equal(error.issues[0]!.path, path);
      assert.match(error.issues[0]!.message, reason);
    }
    assert.equal((await storage.changesSince(seq)).batches.length, 0);
    const ok = await crm.imports.dryRun(CSV, { entity: 'contact', policy: 'skip', sliceMs: Number.POSITIVE_INFINITY, limits: { maxRows: 10 } });
    assert.equal(ok.summary.rows, 6);
  });
});
