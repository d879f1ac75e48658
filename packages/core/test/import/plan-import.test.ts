import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrmValidationError } from '../../src/errors.js';
import Papa from 'papaparse';
import { DEFAULT_DEDUP_SETTINGS, DEFAULT_FIELD_MAPS, DuplicateIndex, projectRecord } from '../../src/dedup/index.js';
import { ImportPlanner, parseCsv, planImport, rejectedRowsCsv, runImport, type ImportChunk } from '../../src/import/index.js';
import { contactImportSchema } from './import-schema.js';

const FILE = [
  'Họ và tên,Số điện thoại,Email,Ngày sinh,Quận/Huyện',
  'Huỳnh Đình Lộc,01634477256,,1985-12-10,Quận 3', // duplicate of stored c1 (old number)
  'Trần Văn Mới,0909 888 777,moi@example.vn,1990-01-02,Quận 5', // new
  ',0911 000 111,,,', // invalid: no name
  'Bùi Thị Hoa,0922,"hoa@,bad",10/12/1985,Quận 7', // invalid: phone too short? (no) e-mail, date
  'Tran Van Moi,+84 909 888 777,,,Quận 5', // duplicate of row 3 in the same file
].join('\n');

function storedContacts(): DuplicateIndex {
  const index = new DuplicateIndex(DEFAULT_DEDUP_SETTINGS.contact);
  index.add(projectRecord({ id: 'c1', fullName: 'Huỳnh Đình Lộc', phone: '0334477256', birthday: '1985-12-10' }, DEFAULT_FIELD_MAPS.contact));
  return index;
}

const MAPPING = ['fullName', 'phone', 'email', 'birthday', 'address.district'];

describe('planning an import (the dry run)', () => {
  it('classifies every row as invalid, new or duplicate with the action the policy gives', () => {
    const table = parseCsv(FILE);
    const plan = planImport(table, MAPPING, contactImportSchema, storedContacts(), 'skip', { fieldMap: DEFAULT_FIELD_MAPS.contact });
    assert.deepEqual(plan.rows.map((r) => [r.row, r.status, r.action]), [
      [2, 'duplicate', 'skip'],
      [3, 'new', 'create'],
      [4, 'invalid', 'reject'],
      [5, 'invalid', 'reject'],
      [6, 'duplicate', 'skip'],
    ]);
    assert.equal(plan.rows[0]!.duplicates![0]!.id, 'c1');
    assert.equal(plan.rows[4]!.duplicateOfRow, 3);
    assert.deepEqual(plan.rows[2]!.issues, [{ row: 4, field: 'fullName', reason: 'is required', code: 'required' }]);
    assert.deepEqual(plan.rows[3]!.issues!.map((i) => i.field).sort(), ['birthday', 'email']);
    assert.deepEqual(plan.summary, { rows: 5, invalid: 2, new: 1, duplicates: 2, duplicatesInFile: 1, create: 1, update: 0, merge: 0, skip: 2, reject: 2 });
  });

  it('points update and merge at the stored record or the earlier row', () => {
    const table = parseCsv(FILE);
    const update = planImport(table, MAPPING, contactImportSchema, storedContacts(), 'update', { fieldMap: DEFAULT_FIELD_MAPS.contact });
    assert.deepEqual(update.rows[0]!.target, { id: 'c1' });
    assert.deepEqual(update.rows[4]!.target, { row: 3 });
    const create = planImport(table, MAPPING, contactImportSchema, storedContacts(), 'create', { fieldMap: DEFAULT_FIELD_MAPS.contact });
    assert.deepEqual(create.rows.map((r) => r.action), ['create', 'create', 'reject', 'reject', 'create']);
    assert.equal(create.summary.create, 3);
  });

  it('planned a slice at a time, the plan is the one planned at once, duplicates of rows in earlier slices included', () => {
    const rowsOnly = FILE.split('\n').slice(1).join('\n');
    const table = parseCsv([FILE, rowsOnly, rowsOnly].join('\n'));
    const whole = planImport(table, MAPPING, contactImportSchema, storedContacts(), 'merge', { fieldMap: DEFAULT_FIELD_MAPS.contact });
    const planner = new ImportPlanner(table, MAPPING, contactImportSchema, storedContacts(), 'merge', { fieldMap: DEFAULT_FIELD_MAPS.contact });
    const slices: number[] = [];
    while (!planner.done) slices.push(planner.planNext(2));
    assert.deepEqual(slices, [2, 2, 2, 2, 2, 2, 2, 1]);
    assert.equal(planner.planned, 15);
    assert.deepEqual(planner.plan, whole);
    // the second copy of "Trần Văn Mới" (row 8) duplicates row 3, planned two slices earlier
    assert.deepEqual(whole.rows[6]!.target, { row: 3 });
    assert.equal(planner.planNext(5), 0, 'nothing left to plan');
  });

  it('does not touch the index it checks against', () => {
    const index = storedContacts();
    planImport(parseCsv(FILE), MAPPING, contactImportSchema, index, 'create', { fieldMap: DEFAULT_FIELD_MAPS.contact });
    assert.equal(index.size, 1);
  });
});

describe('running an import in chunks', () => {
  it('refuses a chunk size that is not a whole number of 1 or more, before committing anything (1.5 used to commit rows twice)', async () => {
    const plan = planImport(parseCsv(FILE), MAPPING, contactImportSchema, storedContacts(), 'merge', { fieldMap: DEFAULT_FIELD_MAPS.contact });
    for (const chunkSize of [1.5, 0, Number.NaN]) {
      let commits = 0;
      await assert.rejects(
        runImport(plan, { chunkSize, commitChunk: async () => ((commits++), { ids: new Map() }) }),
        (error: unknown) => error instanceof CrmValidationError && error.issues[0]!.path === 'chunkSize',
      );
      assert.equal(commits, 0);
    }
  });

  it('commits each chunk through the service, reports progress and hands created ids to later chunks', async () => {
    const table = parseCsv(FILE);
    const plan = planImport(table, MAPPING, contactImportSchema, storedContacts(), 'merge', { fieldMap: DEFAULT_FIELD_MAPS.contact });
    const chunks: ImportChunk<unknown>[] = [];
    const progress: number[] = [];
    let yields = 0;
    const result = await runImport(plan, {
      chunkSize: 2,
      commitChunk: async (chunk) => {
        chunks.push({ ...chunk, createdIds: new Map(chunk.createdIds) });
        return { ids: new Map(chunk.rows.filter((r) => r.action === 'create').map((r) => [r.row, `new-${r.row}`])) };
      },
      onProgress: (p) => progress.push(p.done),
      yieldToEventLoop: async () => {
        yields++;
      },
    });
    assert.equal(result.outcome, 'done');
    assert.deepEqual(progress, [2, 4, 5]);
    assert.equal(yields, 2);
    assert.deepEqual(chunks.map((c) => c.rows.map((r) => [r.row, r.action])), [[[2, 'merge'], [3, 'create']], [[6, 'merge']]]);
    assert.equal(chunks[1]!.createdIds.get(3), 'new-3');
    assert.deepEqual([result.written, result.rejected, result.skipped], [3, 2, 0]);
  });

  it('stops at a failed chunk, naming its rows, and keeps what was committed before', async () => {
    const plan = planImport(parseCsv(FILE), MAPPING, contactImportSchema, storedContacts(), 'create', { fieldMap: DEFAULT_FIELD_MAPS.contact });
    let calls = 0;
    const result = await runImport(plan, {
      chunkSize: 2,
      commitChunk: async () => {
        calls++;
        if (calls === 2) throw new Error('quota exceeded');
      },
      yieldToEventLoop: async () => {},
    });
    assert.equal(result.outcome, 'failed');
    // Rows 4 and 5 are rejected, so the second commit is the chunk holding row 6.
    assert.deepEqual(result.failedRows, [6]);
    assert.equal((result.error as Error).message, 'quota exceeded');
    assert.equal(result.done, 4);
  });

  it('stops before the next chunk when aborted', async () => {
    const plan = planImport(parseCsv(FILE), MAPPING, contactImportSchema, storedContacts(), 'create', { fieldMap: DEFAULT_FIELD_MAPS.contact });
    const controller = new AbortController();
    const result = await runImport(plan, { chunkSize: 2, signal: controller.signal, commitChunk: async () => controller.abort(), yieldToEventLoop: async () => {} });
    assert.equal(result.outcome, 'aborted');
    assert.equal(result.chunks, 1);
  });
});

describe('the rejected-rows CSV', () => {
  it('lists row, field and reason with the original columns, quoted so it reads back the same', () => {
    const table = parseCsv(FILE);
    const plan = planImport(table, MAPPING, contactImportSchema, storedContacts(), 'skip', { fieldMap: DEFAULT_FIELD_MAPS.contact });
    const csv = rejectedRowsCsv(table, plan);
    assert.ok(csv.startsWith('\ufeffRow,Field,Reason,Họ và tên,Số điện thoại'));
    const back = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    assert.equal(back.length, 4);
    assert.deepEqual(back[1]!.slice(0, 3), ['4', 'fullName', 'is required']);
    const emailRow = back.find((r) => r[1] === 'email')!;
    assert.equal(emailRow[0], '5');
    assert.equal(emailRow[5], 'hoa@,bad');
  });

  it('defuses cells a spreadsheet would run as formulas, but not phone numbers', () => {
    const table = { headers: ['Tên', 'SĐT'], rows: [['=HYPERLINK("x")', '+84 912 345 678']], rowNumbers: [2] };
    const csv = rejectedRowsCsv(table, [{ row: 2, field: 'fullName', reason: 'looks odd', code: 'custom' }], { bom: false, delimiter: ';' });
    assert.equal(csv, 'Row;Field;Reason;Tên;SĐT\r\n2;fullName;looks odd;"\'=HYPERLINK(""x"")";+84 912 345 678\r\n');
  });

  it('leaves international phone numbers written with dashes, brackets or dots as typed, and still defuses formulas', () => {
    const phones = ['+84-912-345-678', '+84 (28) 3822 1234', '+84.912.345.678', '+84 28 3822 1234 / 1235'];
    const formulas = ['=HYPERLINK("http://x","y")', '+SUM(A1)', '@cmd', '=1+1', '-2+3', '+1-1', '+-()'];
    const table = { headers: ['Giá trị'], rows: [...phones, ...formulas].map((value) => [value]), rowNumbers: [...phones, ...formulas].map((_, i) => i + 2) };
    const issues = table.rowNumbers.map((row) => ({ row, field: 'note', reason: 'looks odd', code: 'custom' }));
    const back = Papa.parse<string[]>(rejectedRowsCsv(table, issues, { bom: false }), { skipEmptyLines: true }).data.slice(1).map((row) => row[3]);
    assert.deepEqual(back, [...phones, ...formulas.map((formula) => `'${formula}`)]);
  });
});
