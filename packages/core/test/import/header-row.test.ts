import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import writeXlsxFile from 'write-excel-file/universal';
import { createCrm, createMemoryAdapter, crmStorageSchema, CrmValidationError } from '../../src/index.js';
import { HEADER_SEARCH_ROWS, parseCsv, parseCsvInSlices, parseXlsx, tableFromCells } from '../../src/import/index.js';

/** A customer list as Vietnamese offices keep them: a title, the date it was drawn up, a blank line, the header. */
const TITLED = [
  ['DANH SÁCH KHÁCH HÀNG THÁNG 11/2026'],
  ['Ngày lập: 23/11/2026', '', '', 'Người lập: Lan'],
  [],
  ['STT', 'Họ và tên', 'Số điện thoại', 'Tỉnh/Thành phố'],
  ['1', 'Nguyễn Văn An', '0912 345 678', 'Hà Nội'],
  ['2', 'Trần Thị Bình', '0987 111 222', ''],
];

function errorOn(run: () => unknown): CrmValidationError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CrmValidationError);
    return error;
  }
  assert.fail('expected a validation error');
}

describe('finding the header row of a customer file', () => {
  it('skips a title and a date line above the header, and keeps the spreadsheet row numbers', () => {
    const table = tableFromCells(TITLED);
    assert.deepEqual(table.headers, ['STT', 'Họ và tên', 'Số điện thoại', 'Tỉnh/Thành phố']);
    assert.equal(table.headerRow, 4);
    assert.deepEqual(table.rows, [
      ['1', 'Nguyễn Văn An', '0912 345 678', 'Hà Nội'],
      ['2', 'Trần Thị Bình', '0987 111 222', ''],
    ]);
    assert.deepEqual(table.rowNumbers, [5, 6]);
  });

  it('takes the first row of a file without a title, and the first row of a one-column file', () => {
    assert.equal(tableFromCells(TITLED.slice(3)).headerRow, 1);
    const names = tableFromCells([['Họ và tên'], ['Nguyễn Văn An'], ['Lê Thu']]);
    assert.deepEqual([names.headers, names.rows.length, names.headerRow], [['Họ và tên'], 2, 1]);
  });

  it('finds the header the same in CSV, in slices, and in Excel files', async () => {
    const csv = TITLED.map((row) => row.join(';')).join('\r\n');
    const expected = tableFromCells(TITLED);
    assert.deepEqual(parseCsv(csv), expected);
    assert.deepEqual(await parseCsvInSlices(csv, { sliceMs: 0 }), expected);
    const workbook = await writeXlsxFile(TITLED.map((row) => (row.length === 0 ? [null] : row))).toBlob();
    const fromExcel = await parseXlsx(workbook);
    assert.deepEqual([fromExcel.headers, fromExcel.headerRow, fromExcel.rowNumbers], [expected.headers, 4, [5, 6]]);
  });

  it('takes a header that names its columns even when the data run wider (notes in unnamed columns)', () => {
    const rows = [['Họ và tên', 'SĐT'], ...Array.from({ length: 5 }, (_, i) => [`Khách ${i}`, `0912 000 00${i}`, 'ghi chú', 'gọi lại', 'tháng 12'])];
    const table = tableFromCells(rows);
    assert.equal(table.headerRow, 1);
    assert.equal(table.rows.length, 5);
  });

  it('decides within the first rows it looks at, however long the file', () => {
    const rows = [['Báo cáo'], ['Họ và tên', 'SĐT'], ...Array.from({ length: HEADER_SEARCH_ROWS * 3 }, (_, i) => [`Khách ${i}`, `09${i}`])];
    const table = tableFromCells(rows);
    assert.equal(table.headerRow, 2);
    assert.equal(table.rows.length, HEADER_SEARCH_ROWS * 3);
    assert.deepEqual(table.rows[HEADER_SEARCH_ROWS * 3 - 1], [`Khách ${HEADER_SEARCH_ROWS * 3 - 1}`, `09${HEADER_SEARCH_ROWS * 3 - 1}`]);
  });

  it('takes the row the caller names, and refuses a blank one, one past the end or one that is not a row number', () => {
    const named = tableFromCells(TITLED, { headerRow: 2 });
    assert.deepEqual([named.headers[0], named.headerRow, named.rowNumbers], ['Ngày lập: 23/11/2026', 2, [4, 5, 6]]);
    for (const [headerRow, reason] of [
      [3, /row 3 is blank/],
      [9, /the file has only 6 rows/],
      [0, /must be a row number/],
      [1.5, /must be a row number/],
    ] as const) {
      const error = errorOn(() => tableFromCells(TITLED, { headerRow }));
      assert.deepEqual(error.issues.map((issue) => [issue.path, issue.code]), [['headerRow', 'invalid_value']]);
      assert.match(error.message, reason);
    }
  });

  it('a blank header row named for a CSV parsed in slices rejects the parse instead of escaping it', async () => {
    const csv = TITLED.map((row) => row.join(';')).join('\r\n');
    await assert.rejects(parseCsvInSlices(csv, { headerRow: 3, sliceMs: 0 }), (error) => error instanceof CrmValidationError && /row 3 is blank/.test(error.message));
  });

  it('a titled Excel list imports under its real header: columns mapped, rows numbered as the user sees them', async () => {
    const crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-admin', role: 'admin' } });
    const workbook = await writeXlsxFile([...TITLED.map((row) => (row.length === 0 ? [null] : row)), ['3', 'Lê Hoàng', 'không có', 'Huế']]).toBlob();
    const dry = await crm.imports.dryRun(workbook, { entity: 'contact', policy: 'skip' });
    assert.equal(dry.table.headerRow, 4);
    assert.deepEqual(dry.mapping, [null, 'fullName', 'phone', 'address.province']);
    assert.deepEqual([dry.summary.new, dry.summary.invalid], [2, 1]);
    assert.deepEqual(dry.issues.map((issue) => [issue.row, issue.field]), [[7, 'phone']]);
  });
});
