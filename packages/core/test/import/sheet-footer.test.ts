import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCrm, createMemoryAdapter, crmStorageSchema } from '../../src/index.js';
import { DEFAULT_DEDUP_SETTINGS, DEFAULT_FIELD_MAPS, DuplicateIndex } from '../../src/dedup/index.js';
import { personImportSchema, planImport, tableFromCells } from '../../src/import/index.js';
import { isSheetFooterLine } from '../../src/import/sheet-footer.js';

/** A customer list as accounting software exports it: the data, then a totals line, the date and the signatures. */
const WITH_FOOTER = [
  ['STT', 'Họ và tên', 'Số điện thoại', 'Tỉnh/Thành phố'],
  ['1', 'Nguyễn Văn An', '0912 345 678', 'Hà Nội'],
  ['2', 'Công Phượng', '0987 111 222', 'Nghệ An'],
  ['', 'Tổng cộng: 2 khách hàng', '', ''],
  ['', 'Hà Nội, ngày 23 tháng 11 năm 2026', '', ''],
  ['', 'Người lập biểu', 'Kế toán trưởng', 'Giám đốc'],
  ['', '(Ký, họ tên)', '(Ký, họ tên)', '(Ký, họ tên, đóng dấu)'],
];

describe('the footer under a customer list (totals, date, signatures)', () => {
  it('a totals line, the signing date and a signature title are footer lines', () => {
    for (const line of ['Tổng cộng', 'TỔNG CỘNG: 120 khách hàng', 'Tổng số khách hàng: 120', 'Cộng', 'Cộng: 12', 'Total (120)', 'Grand total', 'Hà Nội, ngày 23 tháng 11 năm 2026', 'TP. Hồ Chí Minh, ngày ... tháng ... năm 20..', 'Ngày 5 tháng 1 năm 2026', 'Người lập biểu', 'NGƯỜI LẬP BIỂU', 'Kế toán trưởng', 'Giám đốc', 'Thủ trưởng đơn vị', '(Ký, họ tên)', '(Ký, ghi rõ họ tên)', '(Ký, họ tên, đóng dấu)', 'Người lập:']) {
      // typed precomposed or decomposed (some Mac and web forms write tone marks as separate characters)
      assert.equal(isSheetFooterLine(line), true, line);
      assert.equal(isSheetFooterLine(line.normalize('NFD')), true, `${line} (NFD)`);
    }
  });

  it('names that share words with a footer are not footer lines: "Công" is not "Cộng", and organisations may start with "Tổng"', () => {
    for (const name of ['Công Phượng', 'Nguyễn Công Cộng', 'Lê Tổng', 'Tổng công ty Điện lực miền Bắc', 'Cộng đồng Doanh nhân trẻ', 'Công ty TNHH Cộng Hoà', 'Total Solutions', 'Ngày Thị Tháng', 'Giám đốc Nguyễn Văn Bình', 'Tong cong ty Xay dung', '']) {
      assert.equal(isSheetFooterLine(name), false, name);
      assert.equal(isSheetFooterLine(name.normalize('NFD')), false, `${name} (NFD)`);
    }
  });

  it('an import refuses the footer lines under the list, naming the row and the name column, and imports the customers', async () => {
    const crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-admin', role: 'admin' } });
    const csv = WITH_FOOTER.map((row) => row.join(';')).join('\r\n');
    const dry = await crm.imports.dryRun(csv, { entity: 'contact', policy: 'skip' });
    assert.deepEqual([dry.summary.new, dry.summary.invalid], [2, 4]);
    assert.deepEqual(
      dry.issues.map((issue) => [issue.row, issue.field, issue.code]),
      [4, 5, 6, 7].map((row) => [row, 'fullName', 'not_a_record']),
    );
    assert.match(dry.issues[0]!.reason, /totals, date or signature line/);
    const report = await crm.imports.run(csv, { entity: 'contact', policy: 'skip' });
    assert.equal(report.summary.create, 2);
    assert.deepEqual((await crm.contacts.listAll()).map((record) => record['fullName']).sort(), ['Công Phượng', 'Nguyễn Văn An']);
  });

  it('leads, raw contacts and companies refuse them too, each naming the column the user mapped', async () => {
    const crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-admin', role: 'admin' } });
    const people = 'Họ và tên,Số điện thoại,Tỉnh\nNguyễn Văn An,0912 345 678,Hà Nội\nTổng cộng: 1,,\n';
    for (const entity of ['lead', 'rawContact'] as const) {
      const dry = await crm.imports.dryRun(people, { entity, policy: 'create' });
      assert.deepEqual(dry.issues.map((issue) => [issue.row, issue.field, issue.code]), [[3, 'fullName', 'not_a_record']], entity);
    }
    // a raw contact keeps the name as `name`; its other row issues name the user's column too
    const nameless = await crm.imports.dryRun('Họ và tên,Số điện thoại\n,0912 345 678\n', { entity: 'rawContact', policy: 'create' });
    assert.deepEqual(nameless.issues.map((issue) => [issue.row, issue.field]), [[2, 'fullName']]);
    const companies = 'Tên công ty,Mã số thuế,Tỉnh\nTổng công ty Điện lực miền Bắc,0100100079,Hà Nội\nCộng:,,\n';
    const dry = await crm.imports.dryRun(companies, { entity: 'company', policy: 'create' });
    assert.deepEqual([dry.summary.new, dry.issues.map((issue) => [issue.row, issue.field, issue.code])], [1, [[3, 'name', 'not_a_record']]]);
  });

  it('a host planning with its own schema chooses: without a name field no row is refused for its name', () => {
    const table = tableFromCells(WITH_FOOTER.slice(0, 4));
    const mapping = [null, 'fullName', 'phone', 'address.province'];
    const index = new DuplicateIndex(DEFAULT_DEDUP_SETTINGS.contact);
    const plain = planImport(table, mapping, personImportSchema, index, 'skip', { fieldMap: DEFAULT_FIELD_MAPS.contact });
    assert.equal(plain.summary.invalid, 0);
    const named = planImport(table, mapping, personImportSchema, index, 'skip', { fieldMap: DEFAULT_FIELD_MAPS.contact, nameField: 'fullName' });
    assert.deepEqual([named.summary.new, named.summary.invalid, named.rows[2]!.issues?.[0]?.code], [2, 1, 'not_a_record']);
  });
});
