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

  it('a CSV in Windows-1258 (Excel on Vietnamese Windows) is recognised and read in NFC', () => {
    // "Tên\r\nNguyễn" with ễ written as ê (0xEA) and a combining tilde (0xDE), as the code page does
    const bytes = new Uint8Array([0x54, 0xea, 0x6e, 0x0d, 0x0a, 0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e]);
    const table = parseCsv(bytes);
    expect(table.headers).to.deep.equal(['Tên']);
    expect(table.rows).to.deep.equal([['Nguyễn'.normalize('NFC')]]);
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
