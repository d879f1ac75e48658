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

  it('takes the row naming known columns over a date line as wide as a three-column header', async () => {
    // "Ngày lập" and "Người lập" fill two of three cells: wide enough to pass for a header by width alone
    const csv = ['DANH SÁCH KHÁCH HÀNG THÁNG 11/2026;;', 'Ngày lập: 23/11/2026;;Người lập: Lan', ';;', 'Họ và tên;Số điện thoại;Tỉnh/Thành phố', 'Nguyễn Văn An;0912 345 678;Hà Nội', 'Trần Thị Bình;0987 111 222;Hà Nội'].join('\r\n');
    const table = parseCsv(csv);
    assert.deepEqual([table.headerRow, table.headers, table.rowNumbers], [4, ['Họ và tên', 'Số điện thoại', 'Tỉnh/Thành phố'], [5, 6]]);
    const crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-lan', role: 'manager' } });
    const dry = await crm.imports.dryRun(csv, { entity: 'contact', policy: 'skip' });
    assert.deepEqual(dry.mapping, ['fullName', 'phone', 'address.province']);
    assert.deepEqual([dry.summary.new, dry.summary.invalid], [2, 0]);
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

  describe('a header over two rows (merged group cells)', () => {
    /**
     * "Địa chỉ" merged over three columns with their names on the row below, and "STT", "Họ và tên", "Số điện
     * thoại" merged down over both rows: what a merged header looks like once saved (only a merge's first cell
     * holds its text).
     */
    const GROUPED = [
      ['DANH SÁCH KHÁCH HÀNG'],
      ['STT', 'Họ và tên', 'Số điện thoại', 'Địa chỉ', '', ''],
      ['', '', '', 'Phường/Xã', 'Quận/Huyện', 'Tỉnh/Thành phố'],
      ['1', 'Nguyễn Văn An', '0912 345 678', 'Phường 5', 'Quận 3', 'TP Hồ Chí Minh'],
      ['2', 'Trần Thị Bình', '0987 111 222', 'Dịch Vọng', 'Cầu Giấy', 'Hà Nội'],
    ];
    const HEADERS = ['STT', 'Họ và tên', 'Số điện thoại', 'Phường/Xã', 'Quận/Huyện', 'Tỉnh/Thành phố'];

    it('names each grouped column by its own label and keeps the merged-down labels, so no data lands under the group name', () => {
      const table = tableFromCells(GROUPED);
      assert.deepEqual(table.headers, HEADERS);
      assert.deepEqual([table.headerRow, table.subHeaderRow], [2, 3]);
      assert.deepEqual(table.rowNumbers, [4, 5]);
      assert.deepEqual(table.rows[0], GROUPED[3]);
    });

    it('pairs the rows whichever of the two the search lands on first, and after a header the caller names', () => {
      // wide groups: the upper row has too few cells to pass for the header by width, the lower one is found
      const wide = [
        ['STT', 'Họ và tên', 'Liên hệ', '', 'Địa chỉ', '', '', ''],
        ['', '', 'SĐT', 'Email', 'Số nhà', 'Phường/Xã', 'Quận/Huyện', 'Tỉnh/Thành phố'],
        ['1', 'Nguyễn Văn An', '0912 345 678', 'an@example.vn', '12 Lê Lợi', 'Bến Nghé', 'Quận 1', 'TP Hồ Chí Minh'],
      ];
      const table = tableFromCells(wide);
      assert.deepEqual(table.headers, ['STT', 'Họ và tên', 'SĐT', 'Email', 'Số nhà', 'Phường/Xã', 'Quận/Huyện', 'Tỉnh/Thành phố']);
      assert.deepEqual([table.headerRow, table.subHeaderRow, table.rowNumbers], [1, 2, [3]]);
      const named = tableFromCells(GROUPED, { headerRow: 2 });
      assert.deepEqual([named.headers, named.subHeaderRow, named.rowNumbers], [HEADERS, 3, [4, 5]]);
    });

    it('does not take a data row, a title or a date line for the second header row', () => {
      // the first data row has a note in an unnamed column and a blank phone: still data
      const notes = tableFromCells([['Họ và tên', 'SĐT', 'Loại'], ['Nguyễn Văn An', '', 'Công ty', 'gọi lại sau Tết'], ['Lê Thu', '0912 000 001', 'Cá nhân']]);
      assert.deepEqual([notes.headers, notes.subHeaderRow, notes.rows.length], [['Họ và tên', 'SĐT', 'Loại'], undefined, 2]);
      // a date line right above a header: the header is the lower row alone
      const dated = tableFromCells([['Ngày lập: 23/11/2026', '', '', 'Người lập: Lan'], ['STT', 'Họ và tên', 'Số điện thoại', 'Tỉnh/Thành phố'], ['1', 'Nguyễn Văn An', '0912 345 678', 'Hà Nội']]);
      assert.deepEqual([dated.headerRow, dated.subHeaderRow, dated.headers], [2, undefined, ['STT', 'Họ và tên', 'Số điện thoại', 'Tỉnh/Thành phố']]);
      // a title right above a header: the same
      const titled = tableFromCells([['DANH SÁCH KHÁCH HÀNG'], ['Họ và tên', 'SĐT'], ['Nguyễn Văn An', '0912 345 678']]);
      assert.deepEqual([titled.headerRow, titled.subHeaderRow], [2, undefined]);
    });

    it('reads the same from CSV, in slices, and from an Excel file with real merged cells', async () => {
      const csv = GROUPED.map((row) => row.join(',')).join('\r\n');
      const expected = tableFromCells(GROUPED);
      assert.deepEqual(parseCsv(csv), expected);
      assert.deepEqual(await parseCsvInSlices(csv, { sliceMs: 0 }), expected);
      const workbook = await writeXlsxFile([
        [{ value: 'DANH SÁCH KHÁCH HÀNG', columnSpan: 6 }, null, null, null, null, null],
        [{ value: 'STT', rowSpan: 2 }, { value: 'Họ và tên', rowSpan: 2 }, { value: 'Số điện thoại', rowSpan: 2 }, { value: 'Địa chỉ', columnSpan: 3 }, null, null],
        [null, null, null, { value: 'Phường/Xã' }, { value: 'Quận/Huyện' }, { value: 'Tỉnh/Thành phố' }],
        ...GROUPED.slice(3).map((row) => row.map((value) => ({ value }))),
      ]).toBlob();
      const fromExcel = await parseXlsx(workbook);
      assert.deepEqual([fromExcel.headers, fromExcel.headerRow, fromExcel.subHeaderRow, fromExcel.rows], [HEADERS, 2, 3, expected.rows]);
    });

    it('an import maps ward, district and province from the second row instead of filing wards as streets', async () => {
      const crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-admin', role: 'admin' } });
      const csv = GROUPED.map((row) => row.join(',')).join('\r\n');
      const dry = await crm.imports.dryRun(csv, { entity: 'contact', policy: 'skip' });
      assert.deepEqual(dry.mapping, [null, 'fullName', 'phone', 'address.ward', 'address.district', 'address.province']);
      assert.deepEqual([dry.summary.new, dry.summary.invalid], [2, 0]);
      const result = await crm.imports.run(csv, { entity: 'contact', policy: 'skip' });
      assert.equal(result.summary.create, 2);
      const an = (await crm.contacts.listAll()).find((record) => record['fullName'] === 'Nguyễn Văn An');
      assert.deepEqual(an?.['address'], { ward: 'Phường 5', district: 'Quận 3', province: 'TP Hồ Chí Minh' });
    });
  });
});

