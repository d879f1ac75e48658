import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import writeXlsxFile from 'write-excel-file/universal';
import { parseCsv, parseCsvInSlices, parseXlsx } from '../../src/import/index.js';
import { CrmValidationError } from '../../src/errors.js';
import { windows1258 } from './windows-1258.js';

describe('reading CSV files', () => {
  it('reads an Excel-style file: BOM, semicolons, quoted separators, quotes and line breaks, Vietnamese text', () => {
    const text = '\ufeffHọ và tên;Số điện thoại;Địa chỉ;Ghi chú\r\nNguyễn Văn Đức;0912 345 678;"12 Lê Lợi; Q.1";"Khách ""VIP""\r\ngọi sáng"\r\n\r\nTrần Thị Bích;+84 903 111 222;;\r\n';
    const table = parseCsv(new TextEncoder().encode(text));
    assert.deepEqual(table.headers, ['Họ và tên', 'Số điện thoại', 'Địa chỉ', 'Ghi chú']);
    assert.deepEqual(table.rows, [
      ['Nguyễn Văn Đức', '0912 345 678', '12 Lê Lợi; Q.1', 'Khách "VIP"\r\ngọi sáng'],
      ['Trần Thị Bích', '+84 903 111 222', '', ''],
    ]);
    assert.deepEqual(table.rowNumbers, [2, 4]);
  });

  it('reads comma files from text and pads short rows', () => {
    const table = parseCsv('name,phone,email\nAn,0901,\nBình\n');
    assert.deepEqual(table.rows, [['An', '0901', ''], ['Bình', '', '']]);
  });

  it('parsed a slice at a time (giving the event loop back), a file reads into the same table and row numbers', async () => {
    const lines = ['\ufeffHọ và tên;Số điện thoại;Ghi chú', '', ''];
    for (let i = 0; i < 400; i++) {
      if (i % 37 === 0) lines.push(''); // blank rows shift the row numbers of the rows after them
      const phone = `09${String(i).padStart(8, '0')}`;
      lines.push(i % 25 === 0 ? `Khách ${i};${phone};"ghi chú; dòng 1\r\ndòng ""2"""` : `Khách ${i};${phone};`);
    }
    const text = lines.join('\r\n');
    let yields = 0;
    const sliced = await parseCsvInSlices(text, { sliceMs: 0, yieldToEventLoop: async () => void yields++ });
    assert.deepEqual(sliced, parseCsv(text));
    assert.equal(sliced.rows.length, 400);
    assert.equal(sliced.rows[25]![2], 'ghi chú; dòng 1\r\ndòng "2"');
    assert.ok(yields >= 6, `paused every 64 rows with a zero budget (${yields} times)`);
    const bytes = await parseCsvInSlices(new TextEncoder().encode(text), { sliceMs: Infinity, yieldToEventLoop: async () => assert.fail('no slices asked for') });
    assert.deepEqual(bytes, sliced);
  });

  it('parsing in slices stops at the next slice when aborted, rejecting with the reason', async () => {
    const text = ['Họ và tên,Số điện thoại', ...Array.from({ length: 500 }, (_, i) => `Khách ${i},09${String(i).padStart(8, '0')}`)].join('\n');
    const controller = new AbortController();
    const reason = new Error('the user picked another file');
    let yields = 0;
    const outcome = await parseCsvInSlices(text, { sliceMs: 0, signal: controller.signal, yieldToEventLoop: async () => void (++yields === 2 && controller.abort(reason)) }).catch((error: unknown) => error);
    assert.equal(outcome, reason);
    assert.equal(yields, 2, 'no slice after the abort');
  });

  it('finds the separator of a short two-column file that ends with a line break, as Excel saves it', async () => {
    // papaparse alone counts the empty line after the last break and reads such a file as one column
    for (const separator of [';', '\t', '|', ',']) {
      const text = `Họ và tên${separator}SĐT\r\nNguyễn Văn An${separator}0912 345 678\r\nLê Thu${separator}\r\n`;
      const expected = { headers: ['Họ và tên', 'SĐT'], rows: [['Nguyễn Văn An', '0912 345 678'], ['Lê Thu', '']], rowNumbers: [2, 3], headerRow: 1 };
      assert.deepEqual(parseCsv(text), expected, JSON.stringify(separator));
      assert.deepEqual(await parseCsvInSlices(text, { sliceMs: 0 }), expected, JSON.stringify(separator));
    }
    // blank lines between the rows do not hide it either, and a one-column file stays one column
    assert.deepEqual(parseCsv('Họ và tên;SĐT\n\n\nAn;0912\n\n').headers, ['Họ và tên', 'SĐT']);
    assert.deepEqual(parseCsv('Họ và tên\nAn\nBình\n').rows, [['An'], ['Bình']]);
  });

  it('gives an empty table for an empty file', () => {
    assert.deepEqual(parseCsv(''), { headers: [], rows: [], rowNumbers: [] });
  });
});

describe('reading CSV files in the encodings Vietnamese offices save', () => {
  const text = 'Họ và tên,Số điện thoại,Tỉnh/Thành phố\r\nNguyễn Thị Hường,0912 345 678,Đắk Lắk\r\nTrần Ngọc Ẩn,0987 111 222,Thừa Thiên Huế\r\n';
  const expected = parseCsv(text);

  it('reads Excel\'s plain "CSV" from Vietnamese Windows (Windows-1258) without being told, in NFC', async () => {
    const bytes = windows1258(text);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the file is not UTF-8');
    const table = parseCsv(bytes);
    assert.deepEqual(table, expected);
    assert.equal(table.rows[0]![0], 'Nguyễn Thị Hường'.normalize('NFC'));
    assert.deepEqual(await parseCsvInSlices(bytes, { sliceMs: 0 }), expected);
    assert.deepEqual(parseCsv(bytes, { encoding: 'windows-1258' }), expected);
  });

  it('reads UTF-16 "Unicode Text" by its byte-order mark, and UTF-8 with or without one', () => {
    const tabbed = text.replaceAll(',', '\t');
    const utf16 = new Uint8Array(2 + tabbed.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < tabbed.length; i++) new DataView(utf16.buffer).setUint16(2 + i * 2, tabbed.charCodeAt(i), true);
    assert.deepEqual(parseCsv(utf16), expected);
    const utf8 = new TextEncoder().encode(text);
    assert.deepEqual(parseCsv(utf8), expected);
    assert.deepEqual(parseCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])), expected);
  });

  it('refuses an encoding it cannot read, naming the option', () => {
    assert.throws(
      () => parseCsv(new TextEncoder().encode(text), { encoding: 'tcvn3-abc' }),
      (error: unknown) => error instanceof CrmValidationError && error.issues[0]!.path === 'encoding' && /tcvn3-abc/.test(error.message),
    );
  });
});

describe('reading Excel files', () => {
  it('reads back an .xlsx written in the test, from a Uint8Array, with dates and numbers as text', async () => {
    const blob = await writeXlsxFile([
      ['Họ tên', 'SĐT', 'Ngày sinh', 'Tỉnh/Thành phố'],
      ['Phạm Thu Nhung', 831753530, new Date(Date.UTC(1996, 9, 11)), 'Hà Nội'],
      ['Lê Hữu Quân', '0366143387', null, 'Hồ Chí Minh'],
    ], { dateFormat: 'yyyy-mm-dd' }).toBlob();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const table = await parseXlsx(bytes);
    assert.deepEqual(table.headers, ['Họ tên', 'SĐT', 'Ngày sinh', 'Tỉnh/Thành phố']);
    assert.deepEqual(table.rows[0], ['Phạm Thu Nhung', '831753530', '1996-10-11', 'Hà Nội']);
    assert.deepEqual(table.rows[1], ['Lê Hữu Quân', '0366143387', '', 'Hồ Chí Minh']);
    const fromBlob = await parseXlsx(blob);
    assert.deepEqual(fromBlob.rows, table.rows);
  });

  it('refuses bytes that are not an .xlsx file', async () => {
    await assert.rejects(parseXlsx(new TextEncoder().encode('not a zip at all')));
  });
});
