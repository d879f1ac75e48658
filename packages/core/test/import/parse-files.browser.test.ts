// Import parsing in real Chromium: papaparse (CommonJS) and the .xlsx reader (fflate, TextDecoder) must work in a browser page.
import { expect } from 'chai';
import writeXlsxFile from 'write-excel-file/browser';
import { parseCsv } from '../../src/import/parse-csv.js';
import { parseXlsx } from '../../src/import/parse-xlsx.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void> | void) => void;

describe('importing customer files in the browser', () => {
  it('a CSV exported by Excel (BOM, semicolons, quotes, Vietnamese) parses into headers and rows', () => {
    const table = parseCsv('\uFEFFHọ và tên;Số điện thoại;Ghi chú\r\nNguyễn Văn An;0912 345 678;"khách ""VIP""; gọi sáng"\r\n');
    expect(table.headers).to.deep.equal(['Họ và tên', 'Số điện thoại', 'Ghi chú']);
    expect(table.rows).to.deep.equal([['Nguyễn Văn An', '0912 345 678', 'khách "VIP"; gọi sáng']]);
  });

  it('an .xlsx file made in the page reads back cell by cell', async () => {
    const file = await writeXlsxFile([
      [{ value: 'Họ và tên' }, { value: 'SĐT' }],
      [{ value: 'Trần Thị Bình' }, { value: '0387654321' }],
    ]).toBlob();
    const table = await parseXlsx(file);
    expect(table.headers).to.deep.equal(['Họ và tên', 'SĐT']);
    expect(table.rows).to.deep.equal([['Trần Thị Bình', '0387654321']]);
  });
});
