import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { readSheet } from 'read-excel-file/universal';
import writeXlsxFile from 'write-excel-file/universal';
import { CrmValidationError } from '../../src/errors.js';
import { createCrm, createMemoryAdapter, crmStorageSchema } from '../../src/index.js';
import { parseXlsx } from '../../src/import/index.js';
import { tableFromCells } from '../../src/import/import-table.js';
import { isDateFormatCode } from '../../src/import/xlsx/date-styles.js';
import { zeroPaddedDigits } from '../../src/import/xlsx/zero-padded-format.js';
import { MergedCellsCollector, readMergedDown } from '../../src/import/xlsx/merged-cells.js';
import { decodeXmlText, XmlElementStream } from '../../src/import/xlsx/xml-text.js';
import { ZipArchive, ZipTextReader } from '../../src/import/xlsx/zip-archive.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface WorkbookSpec {
  /** Sheet XML bodies (inside `<sheetData>`), by sheet name, in tab order. */
  sheets: Record<string, string>;
  /** Names of sheets hidden from the tabs. */
  hidden?: string[];
  sharedStrings?: string[];
  /** `<numFmts>` and `<cellXfs>` markup. */
  styles?: string;
  date1904?: boolean;
  /** Element prefix, as the OpenXML SDK writes (`x:`). */
  prefix?: string;
  /** Store entries uncompressed (zip method 0). */
  stored?: boolean;
  /** Markup after each sheet's `</sheetData>` (merged cells), by sheet name. */
  afterRows?: Record<string, string>;
}

/** A workbook package built by hand, the way Excel lays one out (relationships, workbook, parts). */
function workbook(spec: WorkbookSpec): Uint8Array {
  const p = spec.prefix ?? '';
  const ns = p === '' ? `xmlns="${MAIN}"` : `xmlns:${p.slice(0, -1)}="${MAIN}"`;
  const names = Object.keys(spec.sheets);
  const files: Zippable = {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><${p}workbook ${ns} xmlns:r="${REL}"><${p}workbookPr${spec.date1904 ? ' date1904="1"' : ''}/><${p}sheets>${names
        .map((name, i) => `<${p}sheet name="${name}" sheetId="${i + 1}"${spec.hidden?.includes(name) ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`)
        .join('')}</${p}sheets></${p}workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rIdT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
  };
  names.forEach((name, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<?xml version="1.0"?><${p}worksheet ${ns}><${p}dimension ref="A1"/><${p}sheetData>${spec.sheets[name]}</${p}sheetData>${spec.afterRows?.[name] ?? ''}<${p}pageMargins left="0.7"/></${p}worksheet>`);
  });
  if (spec.sharedStrings) files['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0"?><${p}sst ${ns} count="${spec.sharedStrings.length}">${spec.sharedStrings.join('')}</${p}sst>`);
  if (spec.styles) files['xl/styles.xml'] = strToU8(`<?xml version="1.0"?><${p}styleSheet ${ns}>${spec.styles}</${p}styleSheet>`);
  return zipSync(files, { level: spec.stored ? 0 : 6 });
}

const si = (text: string) => `<si><t>${text}</t></si>`;

async function rejection(promise: Promise<unknown>): Promise<CrmValidationError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof CrmValidationError, `expected a CrmValidationError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the promise to reject');
}

describe('reading .xlsx workbooks', () => {
  it('reads what read-excel-file reads from a workbook of 2,000 Vietnamese contacts, cell for cell', async () => {
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const surnames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Đặng', 'Huỳnh'];
    const rows: unknown[][] = [['Họ và tên', 'Số điện thoại', 'Ngày sinh', 'Doanh số', 'VIP', 'Ghi chú']];
    for (let i = 0; i < 2000; i++) {
      rows.push([
        `${surnames[i % surnames.length]} Thị ${String.fromCharCode(65 + (i % 26))}`,
        random() < 0.5 ? `09${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : Math.floor(random() * 1e9),
        random() < 0.2 ? null : new Date(Date.UTC(1950 + (i % 50), i % 12, 1 + (i % 28))),
        Math.round(random() * 1e9) / 100,
        i % 3 === 0,
        random() < 0.1 ? 'Khách "thân thiết" & <quen> ' : random() < 0.5 ? '' : `  ghi chú ${i}  `,
      ]);
    }
    const bytes = new Uint8Array(await (await writeXlsxFile(rows as never, { dateFormat: 'dd/mm/yyyy' }).toBlob()).arrayBuffer());
    const peer = await readSheet(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const expected = tableFromCells(peer.map((row) => row.map((value) => (value === null ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : String(value)))));
    const table = await parseXlsx(bytes);
    assert.deepEqual(table, expected);
    assert.equal(table.rows.length, 2000);
    assert.match(table.rows[0]![2]!, /^\d{4}-\d{2}-\d{2}$|^$/);
  });

  it('reads shared, rich, inline and formula strings, numbers, booleans, errors and ISO dates', async () => {
    const bytes = workbook({
      sheets: {
        Khách: [
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>Ghi chú</t></is></c><c r="E1" t="inlineStr"><is><t>Ngày</t></is></c></row>',
          // a rich-text name with a phonetic guide, an escaped line break, entities, a formula string, a boolean
          '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>84912345678</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="str"><f>CONCAT("a","b")</f><v>Tom &amp; Jerry &#x1EA1;</v></c><c r="E2" t="d"><v>1990-05-17T00:00:00Z</v></c></row>',
          '<row r="3"><c r="A3" t="inlineStr"><is><r><t xml:space="preserve">  Lê </t></r><r><rPr><b/></rPr><t>Văn_x000D_Tám</t></r></is></c><c r="B3"><v>1.5E-3</v></c><c r="C3" t="b"><v>0</v></c><c r="D3" t="e"><v>#N/A</v></c><c r="E3" t="d"><v>2024-03-01T08:30:00</v></c></row>',
        ].join(''),
      },
      sharedStrings: [si('Họ tên'), si('SĐT'), si('VIP'), '<si><r><t>Nguyễn </t></r><r><t>Văn An</t></r><rPh sb="0" eb="1"><t>グエン</t></rPh></si>'],
    });
    const table = await parseXlsx(bytes, { sheet: 'Khách' });
    assert.deepEqual(table.headers, ['Họ tên', 'SĐT', 'VIP', 'Ghi chú', 'Ngày']);
    assert.deepEqual(table.rows, [
      ['Nguyễn Văn An', '84912345678', 'true', 'Tom & Jerry ạ', '1990-05-17'],
      ['Lê Văn\rTám', '0.0015', 'false', '#N/A', '2024-03-01T08:30:00'],
    ]);
  });

  it('reads numbers in a date style as dates: built-in formats, custom Vietnamese formats and the 1904 calendar', async () => {
    const styles =
      '<numFmts count="3"><numFmt numFmtId="164" formatCode="[$-42A]dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="#,##0 &quot;₫&quot;"/><numFmt numFmtId="166" formatCode="&quot;Ngày&quot; d &quot;tháng&quot; m"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="22"><alignment horizontal="left"/></xf><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs>';
    const sheet =
      '<row r="1"><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c><c t="inlineStr"><is><t>c</t></is></c><c t="inlineStr"><is><t>d</t></is></c><c t="inlineStr"><is><t>e</t></is></c><c t="inlineStr"><is><t>f</t></is></c></row>' +
      '<row r="2"><c s="0"><v>33000</v></c><c s="1"><v>33000</v></c><c s="2"><v>33000.5</v></c><c s="3"><v>45658</v></c><c s="4"><v>1500000</v></c><c s="5"><v>45658</v></c></row>';
    const table = await parseXlsx(workbook({ sheets: { S: sheet }, styles }));
    // 33000 is 1990-05-07 in Excel's 1900 calendar; 45658 is 2025-01-01
    assert.deepEqual(table.rows[0], ['33000', '1990-05-07', '1990-05-07T12:00:00', '2025-01-01', '1500000', '2025-01-01']);
    const mac = await parseXlsx(workbook({ sheets: { S: sheet }, styles, date1904: true }));
    assert.deepEqual(mac.rows[0]!.slice(1, 2), ['1994-05-08']);
  });

  it('reads a tax code or a phone stored as a number in a zero-padded format with the leading 0 Excel shows', async () => {
    // "0000000000" is how offices keep a tax code's leading 0 on screen, "0#########" a phone's; the others are plain numbers
    const styles =
      '<numFmts count="5"><numFmt numFmtId="164" formatCode="0000000000"/><numFmt numFmtId="165" formatCode="0#########"/><numFmt numFmtId="166" formatCode="#,##0"/><numFmt numFmtId="167" formatCode="###"/><numFmt numFmtId="168" formatCode="0.00"/></numFmts>' +
      '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="168"/></cellXfs>';
    const header = '<row r="1">' + ['Tên công ty', 'Mã số thuế', 'Điện thoại', 'Doanh số', 'Mã', 'Tỷ lệ'].map((text) => `<c t="inlineStr"><is><t>${text}</t></is></c>`).join('') + '</row>';
    const sheet =
      header +
      '<row r="2"><c t="inlineStr"><is><t>Công ty TNHH Minh Phát</t></is></c><c s="1"><v>101234567</v></c><c s="2"><v>912345678</v></c><c s="3"><v>1500000</v></c><c s="4"><v>12</v></c><c s="5"><v>0.5</v></c></row>' +
      // already as long as the format, or not a whole number: read as they are
      '<row r="3"><c t="inlineStr"><is><t>Công ty CP Hòa Bình</t></is></c><c s="1"><v>3701234567</v></c><c s="2"><v>84912345678</v></c><c s="3"><v>0</v></c><c s="1"><v>1.5</v></c></row>';
    const table = await parseXlsx(workbook({ sheets: { S: sheet }, styles }));
    assert.deepEqual(table.rows, [
      ['Công ty TNHH Minh Phát', '0101234567', '0912345678', '1500000', '12', '0.5'],
      ['Công ty CP Hòa Bình', '3701234567', '84912345678', '0', '1.5', ''],
    ]);
  });

  it('imports a company whose tax code Excel wrote as a number in the format "0000000000"', async () => {
    const rows = [
      ['Tên công ty', 'Mã số thuế', 'Điện thoại'].map((value) => ({ value })),
      [{ value: 'Công ty TNHH Minh Phát' }, { value: 101234567, type: Number, format: '0000000000' }, { value: 912345678, type: Number, format: '0#########' }],
    ];
    const bytes = await writeXlsxFile(rows as never).toBlob();
    assert.deepEqual((await parseXlsx(bytes)).rows, [['Công ty TNHH Minh Phát', '0101234567', '0912345678']]);
    const crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-lan', role: 'manager' } });
    const result = await crm.imports.run(bytes, { entity: 'company', policy: 'skip' });
    assert.deepEqual([result.summary.create, result.issues], [1, []]);
    const [company] = await crm.companies.listAll();
    assert.equal(company?.['taxCode'], '0101234567');
  });

  it('places cells by their reference and keeps the spreadsheet row numbers across empty rows', async () => {
    const table = await parseXlsx(
      workbook({
        sheets: {
          S:
            '<row r="2"><c r="B2" t="inlineStr"><is><t>Họ tên</t></is></c><c r="D2" t="inlineStr"><is><t>SĐT</t></is></c></row>' +
            '<row r="3" spans="2:4"/>' +
            '<row r="5"><c r="B5" t="inlineStr"><is><t>Phạm Thu</t></is></c><c r="D5"><v>912345678</v></c></row>' +
            // no references at all: cells and rows follow on
            '<row><c t="inlineStr"><is><t>x</t></is></c><c t="inlineStr"><is><t>Lê An</t></is></c><c/><c><v>987654321</v></c></row>',
        },
      }),
    );
    assert.deepEqual(table.headers, ['', 'Họ tên', '', 'SĐT']);
    assert.deepEqual(table.rows, [
      ['', 'Phạm Thu', '', '912345678'],
      ['x', 'Lê An', '', '987654321'],
    ]);
    assert.deepEqual(table.rowNumbers, [5, 6]);
  });

  it('reads workbooks with prefixed elements (OpenXML SDK) and uncompressed entries', async () => {
    const spec: WorkbookSpec = { sheets: { Data: '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c></x:row>' }, prefix: 'x:', sharedStrings: ['<x:si><x:t>Tên</x:t></x:si>', '<x:si><x:t>Hoa</x:t></x:si>'], stored: true };
    const table = await parseXlsx(workbook(spec));
    assert.deepEqual(table, { headers: ['Tên'], rows: [['Hoa']], rowNumbers: [2], headerRow: 1 });
  });

  it('reads pretty-printed parts as newer Excel writes them, and a package whose relationships were lost', async () => {
    const sheet = `
    <row r="1" spans="1:2" x14ac:dyDescent="0.3">
      <c r="A1" t="s">
        <v>0</v>
      </c>
      <c r="B1" s="1" t="s">
        <v>1</v>
      </c>
    </row>
    <row r="2" spans="1:2" ht="14.4" x14ac:dyDescent="0.3">
      <c r="A2" t="s">
        <v>2</v>
      </c>
      <c r="B2" s="1">
        <v>45254</v>
      </c>
    </row>
  `;
    const styles = '<cellXfs count="2">\n  <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\n  <xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\n</cellXfs>';
    const sharedStrings = ['\n  <si>\n    <t>Họ tên</t>\n  </si>', '<si><t>Ngày hẹn</t></si>', '<si>\n    <t xml:space="preserve">Võ Thị Sáu </t>\n  </si>'];
    const expected = { headers: ['Họ tên', 'Ngày hẹn'], rows: [['Võ Thị Sáu', '2023-11-24']], rowNumbers: [2], headerRow: 1 };
    const bytes = workbook({ sheets: { S: sheet }, styles, sharedStrings });
    assert.deepEqual(await parseXlsx(bytes), expected);
    // the same package without any _rels part: the workbook, sheets and shared strings are found by Excel's part names
    const parts = unzipSync(bytes);
    for (const name of Object.keys(parts)) if (name.includes('_rels/')) delete parts[name];
    assert.deepEqual(await parseXlsx(zipSync(parts)), expected);
  });

  it('picks the first visible sheet, or one by position or by name, and names the sheets when asked for one it lacks', async () => {
    const bytes = workbook({ sheets: { 'Hà Nội': '<row r="1"><c t="inlineStr"><is><t>HN</t></is></c></row>', 'Đà Nẵng': '<row r="1"><c t="inlineStr"><is><t>ĐN</t></is></c></row>' } });
    assert.deepEqual((await parseXlsx(bytes)).headers, ['HN']);
    assert.deepEqual((await parseXlsx(bytes, { sheet: 2 })).headers, ['ĐN']);
    assert.deepEqual((await parseXlsx(bytes, { sheet: 'đà nẵng' })).headers, ['ĐN']);
    // a hidden first sheet (lookup lists) is not what the user means by "the sheet"
    const withHidden = workbook({ sheets: { 'Danh mục': '<row r="1"><c t="inlineStr"><is><t>DM</t></is></c></row>', 'Khách': '<row r="1"><c t="inlineStr"><is><t>KH</t></is></c></row>' }, hidden: ['Danh mục'] });
    assert.deepEqual((await parseXlsx(withHidden)).headers, ['KH']);
    assert.deepEqual((await parseXlsx(withHidden, { sheet: 1 })).headers, ['DM']);
    const error = await rejection(parseXlsx(bytes, { sheet: 'Huế' }));
    assert.deepEqual(error.issues.map((issue) => [issue.path, issue.code]), [['sheet', 'not_found']]);
    assert.match(error.message, /no sheet named "Huế"; its sheets are 1\. Hà Nội, 2\. Đà Nẵng/);
  });

  it('refuses what is not an .xlsx workbook, saying why, on the import file', async () => {
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode('not a zip at all'), /not a zip archive/],
      [zipSync({ 'word/document.xml': strToU8('<w:document/>') }), /has no workbook/],
      [workbook({ sheets: { S: '<row r="1"><c t="s"><v>5</v></c></row>' }, sharedStrings: [si('only one')] }), /shared string 5/],
    ];
    const truncated = workbook({ sheets: { S: '<row r="1"><c t="inlineStr"><is><t>x</t></is></c></row>' } });
    cases.push([truncated.subarray(0, truncated.length - 30), /zip|directory/]);
    const encrypted = workbook({ sheets: { S: '' } });
    // set the "encrypted" flag of the first central directory record
    const view = new DataView(encrypted.buffer, encrypted.byteOffset);
    for (let at = encrypted.length - 22; at >= 0; at--) {
      if (view.getUint32(at, true) === 0x06054b50) {
        const directory = view.getUint32(at + 16, true);
        view.setUint16(directory + 8, 1, true);
        break;
      }
    }
    cases.push([encrypted, /encrypted/]);
    // an old .xls (or an .xlsx saved with a password): an OLE compound file
    const compound = new Uint8Array(1024);
    compound.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    cases.push([compound, /Excel 97–2003 \(\.xls\) file or a password-protected workbook/]);
    // a styles part the workbook names but lacks, with a styled number that could be a date
    cases.push([workbook({ sheets: { S: '<row r="1"><c t="inlineStr"><is><t>Ngày</t></is></c></row><row r="2"><c s="1"><v>45658</v></c></row>' } }), /styles part is missing/]);
    // a damaged download that still unpacks: a digit of a stored sheet changed (912… → 812…)
    const damaged = workbook({ sheets: { S: '<row r="1"><c t="inlineStr"><is><t>SĐT</t></is></c></row><row r="2"><c><v>912345678</v></c></row>' }, stored: true });
    const at = new TextDecoder('latin1').decode(damaged).indexOf('912345678');
    damaged[at] = 0x38;
    cases.push([damaged, /sheet1\.xml is damaged \(its checksum does not match\)/]);
    for (const [bytes, reason] of cases) {
      const error = await rejection(parseXlsx(bytes));
      assert.deepEqual(error.issues.map((issue) => [issue.path, issue.code]), [['file', 'invalid_format']]);
      assert.match(error.message, reason);
    }
  });

  it('stops reading at the row limit and at the unpacked-size limit', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `<row r="${i + 1}"><c t="inlineStr"><is><t>r${i}</t></is></c></row>`).join('');
    const error = await rejection(parseXlsx(workbook({ sheets: { S: rows } }), { maxRows: 10 }));
    assert.deepEqual(error.issues.map((issue) => [issue.path, issue.code]), [['file', 'too_big']]);
    // a part that unpacks past its limit: a megabyte of spaces compresses to a kilobyte
    const bomb = zipSync({ 'big.xml': new Uint8Array(1024 * 1024).fill(32) });
    const archive = new ZipArchive(bomb);
    const reader = new ZipTextReader(archive, archive.entry('big.xml')!, 64 * 1024);
    assert.throws(() => {
      while (!reader.done) reader.next();
    }, /unpacks to more than/);
  });

  it('reads a sheet in slices, giving the event loop back, to the same table; an abort stops it', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i % 2}</v></c><c r="B${i + 1}"><v>${i}</v></c></row>`).join('');
    // stored, not deflated: the 150 kB sheet takes several steps of the reader
    const bytes = workbook({ sheets: { S: rows }, sharedStrings: [si('Tên'), si('Lan')], stored: true });
    const whole = await parseXlsx(bytes, { sliceMs: Number.POSITIVE_INFINITY });
    let yields = 0;
    const sliced = await parseXlsx(bytes, {
      sliceMs: 0,
      yieldToEventLoop: async () => {
        yields++;
      },
    });
    assert.deepEqual(sliced, whole);
    assert.equal(whole.rows.length, 2999);
    assert.ok(yields >= 2, `expected several slices, got ${yields}`);
    const controller = new AbortController();
    const reason = new Error('người dùng đã huỷ');
    const aborted = parseXlsx(bytes, {
      sliceMs: 0,
      signal: controller.signal,
      yieldToEventLoop: async () => controller.abort(reason),
    });
    await assert.rejects(aborted, (error) => error === reason);
  });
});

describe('merged cells in an .xlsx list', () => {
  it('a value merged down a column is every covered row\'s value; a note merged across columns is not spread', async () => {
    const blob = await writeXlsxFile([
      ['STT', 'Họ và tên', 'Số điện thoại', 'Tỉnh/Thành phố', 'Ghi chú', 'Nguồn'].map((value) => ({ value })),
      [{ value: '1' }, { value: 'Nguyễn Văn An' }, { value: '0912 345 678' }, { value: 'Hà Nội', rowSpan: 3 }, { value: 'gọi lại sau Tết', columnSpan: 2 }, null],
      [{ value: '2' }, { value: 'Trần Thị Bình' }, { value: '0987 111 222' }, null, null, null],
      [{ value: '3' }, { value: 'Lê Văn Cường' }, { value: '0903 333 444' }, null, null, null],
      [{ value: '4' }, { value: 'Phạm Dũng' }, { value: '0904 555 666' }, { value: 'Huế' }, null, null],
    ] as never).toBlob();
    const table = await parseXlsx(blob);
    assert.deepEqual(table.rows.map((row) => [row[3], row[4], row[5]]), [
      ['Hà Nội', 'gọi lại sau Tết', ''],
      ['Hà Nội', '', ''],
      ['Hà Nội', '', ''],
      ['Huế', '', ''],
    ]);
  });

  it('leaves the merged labels of a two-row header as they are, and fills data merges under it', async () => {
    const blob = await writeXlsxFile([
      [{ value: 'Họ và tên', rowSpan: 2 }, { value: 'Địa chỉ', columnSpan: 2 }, null],
      [null, { value: 'Quận/Huyện' }, { value: 'Tỉnh/Thành phố' }],
      [{ value: 'Nguyễn Văn An' }, { value: 'Quận 3' }, { value: 'TP Hồ Chí Minh', rowSpan: 2 }],
      [{ value: 'Trần Thị Bình' }, { value: 'Quận 5' }, null],
    ] as never).toBlob();
    const table = await parseXlsx(blob);
    assert.deepEqual([table.headers, table.subHeaderRow, table.rows], [
      ['Họ và tên', 'Quận/Huyện', 'Tỉnh/Thành phố'],
      2,
      [['Nguyễn Văn An', 'Quận 3', 'TP Hồ Chí Minh'], ['Trần Thị Bình', 'Quận 5', 'TP Hồ Chí Minh']],
    ]);
  });

  it('reads merged cells written with a prefix, found however the text is cut, and keeps a cell that has its own value', async () => {
    const rows = ['<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Tên</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Tỉnh</x:t></x:is></x:c></x:row>'];
    for (let r = 2; r <= 400; r++) rows.push(`<x:row r="${r}"><x:c r="A${r}" t="inlineStr"><x:is><x:t>Khách ${r}</x:t></x:is></x:c>${r % 100 === 2 ? `<x:c r="B${r}" t="inlineStr"><x:is><x:t>Tỉnh ${r}</x:t></x:is></x:c>` : r === 150 ? '<x:c r="B150" t="inlineStr"><x:is><x:t>riêng</x:t></x:is></x:c>' : ''}</x:row>`);
    const merges = '<x:mergeCells count="4"><x:mergeCell ref="B2:B101"/><x:mergeCell ref="B102:B201"/><x:mergeCell ref="B202:B301"/><x:mergeCell ref="B302:B400"/></x:mergeCells>';
    const table = await parseXlsx(workbook({ sheets: { Data: rows.join('') }, prefix: 'x:', afterRows: { Data: merges } }), { sliceMs: 0 });
    assert.equal(table.rows.length, 399);
    assert.deepEqual([table.rows[0]![1], table.rows[99]![1], table.rows[100]![1], table.rows[148]![1], table.rows[398]![1]], ['Tỉnh 2', 'Tỉnh 2', 'Tỉnh 102', 'riêng', 'Tỉnh 302']);
  });

  it('refuses overlapping merged cells, which no spreadsheet program writes', async () => {
    const rows = [1, 2, 3, 4].map((r) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${r === 1 ? 'Tên' : `Khách ${r}`}</t></is></c><c r="B${r}" t="inlineStr"><is><t>${r === 1 ? 'Tỉnh' : r === 2 ? 'Huế' : ''}</t></is></c></row>`).join('');
    const error = await rejection(parseXlsx(workbook({ sheets: { Data: rows }, afterRows: { Data: '<mergeCells><mergeCell ref="B2:B4"/><mergeCell ref="B3:B4"/></mergeCells>' } })));
    assert.match(error.message, /merged cells overlap/);
  });
});

describe('a crafted .xlsx cannot hang the reader', () => {
  // Each of these took time growing with the square of its size when elements were matched by one regular
  // expression each: 100,000 unclosed rows alone would have run for minutes. They must now finish at once
  // (the test's timeout is a hang guard, not a speed measure).
  const unclosedRows = '<row>'.repeat(100_000);
  const unclosedCells = `<row r="1"><c t="inlineStr"><is><t>x</t></is></c></row><row r="2">${'<c r="A2">'.repeat(100_000)}</row>`;
  const longAttribute = `<row r="1"><c ${'a'.repeat(400_000)}/><c t="inlineStr"><is><t>x</t></is></c></row>`;
  const unclosedTexts = `<row r="1"><c t="inlineStr"><is>${'<t>'.repeat(100_000)}</is></c></row>`;

  for (const [what, sheet] of [
    ['100,000 rows that never close', unclosedRows],
    ['a row of 100,000 cells that never close', unclosedCells],
    ['a cell with a 400,000-letter attribute', longAttribute],
    ['an inline string of 100,000 unclosed texts', unclosedTexts],
  ] as const) {
    it(`reads or refuses ${what} without hanging`, { timeout: 20_000 }, async () => {
      try {
        const table = await parseXlsx(workbook({ sheets: { S: sheet } }), { sliceMs: Number.POSITIVE_INFINITY });
        assert.ok(table.rows.length <= 2);
      } catch (error) {
        assert.ok(error instanceof CrmValidationError, String(error));
      }
    });
  }

  it('refuses a row larger than any spreadsheet holds instead of buffering it, and a sheet that ends inside a row', async () => {
    const huge = `<row r="1"><c t="inlineStr"><is><t>${'x'.repeat(9 * 1024 * 1024)}`;
    const error = await rejection(parseXlsx(workbook({ sheets: { S: huge } })));
    assert.match(error.message, /larger than 8 MB of XML/);
    const cut = await rejection(parseXlsx(workbook({ sheets: { S: '<row r="1"><c t="inlineStr"><is><t>x</t></is></c>' } })));
    assert.match(cut.message, /ends in the middle of a row/);
  });
});

describe('the pieces of the .xlsx reader', () => {
  it('decodes XML text: entities, character references, OOXML escapes, and keeps a reference past Unicode as written', () => {
    assert.equal(decodeXmlText('Tom &amp; Jerry &lt;3 &#x1EA1;&#7879; a_x000D_b _x005F_x000D_ &#x110000;'), 'Tom & Jerry <3 ạệ a\rb _x000D_ &#x110000;');
  });

  it('tells date formats from number formats', () => {
    for (const code of ['dd/mm/yyyy', 'd/m/yy', '[$-42A]dd mmmm yyyy', 'yyyy-mm-dd;@', 'h:mm AM/PM', '[h]:mm:ss', 'mm:ss.0', '"Ngày" d "tháng" m', 'dd/mm/yyyy hh:mm']) assert.equal(isDateFormatCode(code), true, code);
    for (const code of ['General', '0', '#,##0', '0.00%', '#,##0 "₫"', '[Red]0.00', '@', '0.00E+00', '"mm"0']) assert.equal(isDateFormatCode(code), false, code);
  });

  it('tells how many digits a zero-padded number format always shows', () => {
    for (const [code, digits] of [['0000000000', 10], ['0#########', 10], ['##0000', 4], ['00', 2], ['0', 1], ['###', 0], ['#,##0', 0], ['0.00', 0], ['"0"#########', 0], ['General', 0]] as const) assert.equal(zeroPaddedDigits(code), digits, code);
  });

  it('finds the merged cells after the rows however the text is cut into pieces, and only those after the rows', () => {
    const xml = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>mergeCell sheetData</t></is></c></row></sheetData><mergeCells count="3"><mergeCell ref="B2:B9"/><mergeCell ref="C2:D2"/><mergeCell ref="AB10:AB12"/></mergeCells><pageMargins/>';
    const expected = [{ column: 1, firstRow: 2, lastRow: 9 }, { column: 27, firstRow: 10, lastRow: 12 }];
    for (let size = 1; size <= xml.length; size++) {
      const collector = new MergedCellsCollector(() => new Error('refused'));
      for (let at = 0; at < xml.length; at += size) collector.push(xml.slice(at, at + size), at + size >= xml.length);
      assert.deepEqual(collector.merged, expected, `pieces of ${size}`);
    }
    assert.deepEqual(readMergedDown('<mergeCell ref="A1"/>'), null);
    assert.deepEqual(readMergedDown('<mergeCell ref="A5:A3"/>'), null);
  });

  it('finds whole elements however the text is cut into pieces', () => {
    const xml = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"/><x:row r="3"><x:c><x:v>&lt;3</x:v></x:c></x:row><rowBreaks count="0"/></sheetData>';
    const whole: string[] = [];
    new XmlElementStream('row', (element) => whole.push(element), () => new Error('refused')).push(xml, true);
    assert.deepEqual(whole, ['<row r="1"><c r="A1"><v>1</v></c></row>', '<row r="2"/>', '<x:row r="3"><x:c><x:v>&lt;3</x:v></x:c></x:row>']);
    for (let size = 1; size <= 7; size++) {
      const pieces: string[] = [];
      const stream = new XmlElementStream('row', (element) => pieces.push(element), () => new Error('refused'));
      for (let at = 0; at < xml.length; at += size) stream.push(xml.slice(at, at + size), at + size >= xml.length);
      assert.deepEqual(pieces, whole, `pieces of ${size}`);
    }
  });
});
