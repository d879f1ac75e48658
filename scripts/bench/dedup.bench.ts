// Issue 4's duplicate-detection and import benchmark, in Node. Ours vs named peers in one process:
// - scan 100k generated contacts (≤ 10 s) and 1M (≤ 120 s; about 25 s and 2.2 GB here, skipped with
//   `DEDUP_BENCH_1M=0` or `--no-1m`), with peak memory;
// - one check against a 100k index (≤ 5 ms median);
// - 10k records: our blocking scan vs a naive all-pairs comparison with fastest-levenshtein (≥ 100× faster,
//   F1 equal or better, both against the generator's truth);
// - import of 100k CSV rows (parse + validation + duplicate planning) vs papaparse parsing alone (≤ 3×).
import { spawnSync } from 'node:child_process';
import Papa from 'papaparse';
import { distance } from 'fastest-levenshtein';
import { DEFAULT_DEDUP_SETTINGS, DEFAULT_FIELD_MAPS, DuplicateIndex, projectRecord, scanClusters, type DedupRecord, type PreparedRecord } from '../../packages/core/src/dedup/index.js';
import { fieldMapFor } from '../../packages/core/src/dedup/dedup-record.js';
import { parseCsv, personImportSchema, planImport, suggestColumnMapping, mappingFromSuggestions } from '../../packages/core/src/import/index.js';
import { buildRowObject, compileMapping } from '../../packages/core/src/import/map-rows.js';
import { compiledSchema } from '../../packages/core/src/schema/compiled-schema.js';
import { generateContacts, type GeneratedContact } from './generate-contacts.js';
import { percentile, writeBenchResult, type BenchRow } from './report.js';

const WITH_1M = process.env['DEDUP_BENCH_1M'] !== '0' && !process.argv.includes('--no-1m');

// Every section starts from a collected heap (the garbage of the section before it must not be collected on
// the next section's clock), so gc is exposed; the 1M scan also holds a million normalised records and
// their keys, more than Node's default heap. Re-run this script in a child with those flags unless done.
if (typeof (globalThis as { gc?: unknown }).gc !== 'function') {
  const flags = ['--expose-gc', ...(WITH_1M ? ['--max-old-space-size=8192'] : [])];
  const child = spawnSync(process.execPath, [...flags, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
const settings = DEFAULT_DEDUP_SETTINGS.contact;
const rows: BenchRow[] = [];
const gc = (globalThis as unknown as { gc: () => void }).gc;

function toRecord(row: GeneratedContact): DedupRecord {
  return { id: row.id, values: { name: row.full_name, phone: row.phone, email: row.email, birthday: row.birthday, district: row.district, street: row.street, company: row.company, province: row.province } };
}

function quality(clusters: readonly { ids: readonly string[] }[], data: readonly GeneratedContact[]): { precision: number; recall: number; f1: number } {
  const truth = new Map(data.map((row) => [row.id, row.cluster]));
  let tp = 0;
  let fp = 0;
  for (const { ids } of clusters) for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) truth.get(ids[i]!) === truth.get(ids[j]!) ? tp++ : fp++;
  const sizes = new Map<string, number>();
  for (const row of data) sizes.set(row.cluster, (sizes.get(row.cluster) ?? 0) + 1);
  let truePairs = 0;
  for (const n of sizes.values()) truePairs += (n * (n - 1)) / 2;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp / truePairs;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

function scanBench(size: number, target: number): void {
  gc();
  const data = generateContacts(size);
  const records = data.map(toRecord);
  gc();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sample = (): void => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const started = performance.now();
  const result = scanClusters(records, settings, { onProgress: sample, progressEvery: 5000 });
  const ms = performance.now() - started;
  sample();
  const q = quality(result.clusters, data);
  const label = size >= 1_000_000 ? '1M' : `${size / 1000}k`;
  rows.push({ metric: `scan ${label} contacts into clusters (default rules)`, ours: ms, peer: null, peerName: '—', unit: 'ms', ratio: null, target: `≤ ${target} ms`, pass: ms <= target });
  rows.push({ metric: `scan ${label}: peak RSS (heap growth ${((peakHeap - baseline.heapUsed) / 2 ** 20).toFixed(0)} MiB)`, ours: peakRss / 2 ** 20, peer: null, peerName: '—', unit: 'MiB', ratio: null, target: 'reported', pass: true });
  rows.push({ metric: `scan ${label}: pairwise precision / recall ${q.precision.toFixed(4)} / ${q.recall.toFixed(4)} (F1)`, ours: q.f1, peer: null, peerName: '—', unit: 'F1', ratio: null, target: 'reported', pass: true });
}

// 1. Scans.
scanBench(100_000, 10_000);
if (WITH_1M) scanBench(1_000_000, 120_000);

// 2. A check against a 100k index, as a save or a form does: normalise the input, gather candidates, compare.
{
  gc();
  const data = generateContacts(100_000, 7);
  const index = new DuplicateIndex(settings);
  const queries = data.filter((_, i) => i % 97 === 0).slice(0, 1000);
  const queryIds = new Set(queries.map((q) => q.id));
  for (const row of data) if (!queryIds.has(row.id)) index.add(toRecord(row));
  const times: number[] = [];
  let found = 0;
  for (let round = 0; round < 2; round++) {
    for (const q of queries) {
      const started = performance.now();
      found += index.findMatches(toRecord(q)).length;
      if (round === 1) times.push(performance.now() - started);
    }
  }
  const median = percentile(times, 50);
  rows.push({ metric: `check one contact against a 100k index (median of ${times.length}; p95 ${percentile(times, 95).toFixed(3)} ms; ${found / 2} matches)`, ours: median, peer: null, peerName: '—', unit: 'ms', ratio: null, target: '≤ 5 ms', pass: median <= 5 });
}

// 3. 10k: blocking vs naive all pairs with fastest-levenshtein, both on the same normalised values and the
// same rules (phone, e-mail, name + birthday (+ district when both have one), name + street + district),
// the naive one comparing names by Levenshtein similarity ≥ 0.85 for every pair.
{
  const data = generateContacts(10_000, 11);
  const records = data.map(toRecord);
  // warm up at the measured size: the first full scan also grows the index's tables and compiles its code
  let ours = scanClusters(records, settings);
  gc();
  // ours is short enough for a 2-core machine shared with other work to jitter it (58–121 ms in one process
  // here): the median of nine runs
  const runs: number[] = [];
  for (let run = 0; run < 9; run++) {
    const started = performance.now();
    ours = scanClusters(records, settings);
    runs.push(performance.now() - started);
  }
  const oursMs = percentile(runs, 50);
  const naiveStarted = performance.now();
  const index = new DuplicateIndex(settings);
  const prepared: PreparedRecord[] = records.map((r) => index.prepare(r));
  const value = (p: PreparedRecord, f: string): string => p.fields[f]?.[0]?.name?.folded ?? p.fields[f]?.[0]?.key ?? '';
  const names = prepared.map((p) => value(p, 'name'));
  const phones = prepared.map((p) => value(p, 'phone'));
  const emails = prepared.map((p) => value(p, 'email'));
  const birthdays = prepared.map((p) => value(p, 'birthday'));
  const addresses = prepared.map((p) => (value(p, 'street') && value(p, 'district') ? `${value(p, 'street')}|${value(p, 'district')}` : ''));
  const districts = prepared.map((p) => value(p, 'district'));
  const parent = Int32Array.from({ length: records.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (let i = 0; i < records.length; i++) {
    for (let j = i + 1; j < records.length; j++) {
      const longest = Math.max(names[i]!.length, names[j]!.length);
      const nameSimilar = longest > 0 && 1 - distance(names[i]!, names[j]!) / longest >= 0.85;
      const same =
        (phones[i] !== '' && phones[i] === phones[j]) ||
        (emails[i] !== '' && emails[i] === emails[j]) ||
        (nameSimilar &&
          ((birthdays[i] !== '' && birthdays[i] === birthdays[j] && (districts[i] === '' || districts[j] === '' || districts[i] === districts[j])) || (addresses[i] !== '' && addresses[i] === addresses[j])));
      if (same) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, string[]>();
  for (let i = 0; i < records.length; i++) {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(records[i]!.id);
    else groups.set(root, [records[i]!.id]);
  }
  const naiveMs = performance.now() - naiveStarted;
  const naiveClusters = [...groups.values()].filter((g) => g.length > 1).map((ids) => ({ ids }));
  const oursQ = quality(ours.clusters, data);
  const naiveQ = quality(naiveClusters, data);
  rows.push({ metric: 'scan 10k: blocking index vs naive all pairs (speed-up, > 1 = faster)', ours: oursMs, peer: naiveMs, peerName: 'fastest-levenshtein all pairs', unit: 'ms', ratio: naiveMs / oursMs, target: '≥ 100×', pass: naiveMs / oursMs >= 100 });
  rows.push({ metric: 'scan 10k: F1 against truth (ours vs naive)', ours: oursQ.f1, peer: naiveQ.f1, peerName: 'fastest-levenshtein all pairs', unit: 'F1', ratio: oursQ.f1 / naiveQ.f1, target: 'ours ≥ naive', pass: oursQ.f1 >= naiveQ.f1 });
}

// 4. Import 100k CSV rows: parse + map + validate (zod) + duplicate planning against 20k stored contacts and
// within the file, vs papaparse parsing the same text alone.
{
  const stored = generateContacts(20_000, 3);
  const incoming = generateContacts(100_000, 5);
  const header = ['Họ và tên', 'Số điện thoại', 'Email', 'Ngày sinh', 'Công ty', 'Tỉnh/Thành phố', 'Quận/Huyện', 'Địa chỉ'];
  const csv = Papa.unparse([header, ...incoming.map((r) => [r.full_name, r.phone, r.email, r.birthday, r.company, r.province, r.district, r.street])]);
  const schema = personImportSchema;
  const index = new DuplicateIndex(settings);
  for (const row of stored) index.add({ id: `s-${row.id}`, values: toRecord(row).values });
  Papa.parse(csv.slice(0, 200_000)); // warm up
  // five rounds of each, alternating, each from a collected heap (the peer's 100k row arrays are not ours
  // to collect, nor ours the peer's); the medians are compared
  const peerRuns: number[] = [];
  const ourRuns: number[] = [];
  let peerRows = 0;
  let plan: ReturnType<typeof planImport> | undefined;
  let table: ReturnType<typeof parseCsv> | undefined;
  for (let round = 0; round < 5; round++) {
    gc();
    const peerStarted = performance.now();
    peerRows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.length - 1;
    peerRuns.push(performance.now() - peerStarted);
    plan = table = undefined;
    gc();
    const oursStarted = performance.now();
    table = parseCsv(csv);
    const mapping = mappingFromSuggestions(suggestColumnMapping(table.headers));
    plan = planImport(table, mapping, schema, index, 'skip', { fieldMap: DEFAULT_FIELD_MAPS.contact });
    ourRuns.push(performance.now() - oursStarted);
  }
  const peerMs = percentile(peerRuns, 50);
  const oursMs = percentile(ourRuns, 50);
  const s = plan!.summary;
  rows.push({
    metric: `import 100k CSV rows: parse + validate + plan duplicates (${s.new} new, ${s.duplicates} dup, ${s.invalid} invalid; ${peerRows} parsed by peer; median of 5)`,
    ours: oursMs,
    peer: peerMs,
    peerName: 'papaparse parse alone',
    unit: 'ms',
    ratio: peerMs / oursMs,
    target: '≤ 3× papaparse (ratio ≥ 0.33)',
    pass: oursMs <= 3 * peerMs,
  });
  // Where the time goes: the zod validation every write goes through, timed alone on the same mapped rows,
  // compiled (z.compile, what the planner runs) and on zod's runtime parser (where a CSP forbids eval).
  const compiled = compileMapping(mappingFromSuggestions(suggestColumnMapping(table!.headers)));
  const objects = table!.rows.map((cells) => buildRowObject(cells, compiled));
  const fastSchema = compiledSchema(schema);
  const validate = (checkedBy: typeof schema): { ms: number; valid: number } => {
    gc();
    const started = performance.now();
    let valid = 0;
    for (const object of objects) if (checkedBy.safeParse(object).success) valid++;
    return { ms: performance.now() - started, valid };
  };
  const runtime = validate(schema);
  const { ms: zodMs, valid } = validate(fastSchema);
  rows.push({
    metric: `of which: zod validation of the ${valid} mapped rows alone (personImportSchema compiled with z.compile; ${Math.round(runtime.ms)} ms on zod's runtime parser)`,
    ours: zodMs,
    peer: peerMs,
    peerName: 'papaparse parse alone',
    unit: 'ms',
    ratio: peerMs / zodMs,
    target: 'reported',
    pass: true,
  });
  // The floor under the 3× target: reading the file and normalising the fields the rules compare must be done
  // for every row whatever the index does. Each is timed alone (median of 5) on the same rows, with the last
  // round's plan and table let go.
  plan = table = undefined;
  const parseRuns: number[] = [];
  for (let round = 0; round < 5; round++) {
    gc();
    const started = performance.now();
    parseCsv(csv);
    parseRuns.push(performance.now() - started);
  }
  const parseMs = percentile(parseRuns, 50);
  rows.push({
    metric: 'of which: parseCsv alone (papaparse, then the table: header row found, blank rows dropped, row numbers kept; median of 5)',
    ours: parseMs,
    peer: peerMs,
    peerName: 'papaparse parse alone',
    unit: 'ms',
    ratio: peerMs / parseMs,
    target: 'reported',
    pass: true,
  });
  const fieldMap = fieldMapFor(DEFAULT_FIELD_MAPS.contact, index.matcher.usedSettings.fields);
  const projected: DedupRecord[] = [];
  for (const object of objects) {
    const result = fastSchema.safeParse(object);
    if (result.success) projected.push(projectRecord(result.data as Record<string, unknown>, fieldMap, 'row'));
  }
  const normaliseRuns: number[] = [];
  for (let round = 0; round < 5; round++) {
    gc();
    // as the planner does: through a fresh index's value cache, every row's values kept for the later rows
    const fresh = new DuplicateIndex(settings);
    const kept: PreparedRecord[] = [];
    const started = performance.now();
    for (const record of projected) kept.push(fresh.prepare(record));
    normaliseRuns.push(performance.now() - started);
  }
  const normaliseMs = percentile(normaliseRuns, 50);
  rows.push({
    metric: `of which: normalising the ${Object.keys(fieldMap).length} compared fields (${Object.keys(fieldMap).join(', ')}) of the ${projected.length} valid rows and keeping them, nothing looked up (median of 5)`,
    ours: normaliseMs,
    peer: peerMs,
    peerName: 'papaparse parse alone',
    unit: 'ms',
    ratio: peerMs / normaliseMs,
    target: 'reported (with parsing: the floor under ≤ 3×)',
    pass: true,
  });
}

writeBenchResult('dedup', rows);
