import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { damerauLevenshteinDistance, damerauLevenshteinSimilarity, jaroWinkler, normalizePersonName, personNameSimilarity } from '../../src/dedup/index.js';

const names = (a: string, b: string) => personNameSimilarity(normalizePersonName(a)!, normalizePersonName(b)!);

describe('string similarity', () => {
  it('Jaro-Winkler gives the textbook figures', () => {
    assert.equal(jaroWinkler('martha', 'martha'), 1);
    assert.ok(Math.abs(jaroWinkler('martha', 'marhta') - 0.9611) < 1e-3);
    assert.ok(Math.abs(jaroWinkler('dwayne', 'duane') - 0.84) < 1e-3);
    assert.equal(jaroWinkler('', 'abc'), 0);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
  });

  it('Damerau-Levenshtein counts an adjacent swap as one edit', () => {
    assert.equal(damerauLevenshteinDistance('tran', 'tarn'), 1);
    assert.equal(damerauLevenshteinDistance('kitten', 'sitting'), 3);
    assert.equal(damerauLevenshteinDistance('', 'abc'), 3);
    assert.equal(damerauLevenshteinSimilarity('nguyen', 'nguyen'), 1);
    assert.ok(Math.abs(damerauLevenshteinSimilarity('nguyen', 'nguyn') - 5 / 6) < 1e-9);
  });
});

describe('person-name similarity', () => {
  it('forgives word order, a dropped middle name, a dropped letter and a lost space', () => {
    assert.equal(names('Thành Nguyễn', 'Nguyễn Thành'), 1);
    assert.ok(names('Hoàng Gia Minh', 'Hoàng Minh') >= 0.9);
    assert.ok(names('Võ Xuân Hải', 'Võ Xuân ải') >= 0.9);
    assert.ok(names('Nguyn Minh Hạnh', 'Nguyễn Minh Hạnh') >= 0.9);
    assert.ok(names('Lê Ngọc Anh', 'Lê NgọcAnh') >= 0.9);
  });

  it('keeps apart people whose given names differ however alike the rest', () => {
    assert.ok(names('Lê Đình Huy', 'Lê Đình Duy') < 0.85);
    assert.ok(names('Nguyễn Minh Thảo', 'Nguyễn Minh Thu') < 0.85);
    assert.ok(names('Nguyễn Đức Phong', 'Nguyễn Đức Cường') < 0.85);
  });
});
