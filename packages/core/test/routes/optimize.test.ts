import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CrmValidationError, haversineMetres, optimizeStops, parseTsplib, tsplibDistanceMatrix } from '@crmkit/core';

const dir = new URL('../fixtures/tsplib/', import.meta.url);
const optimal = new Map(
  readFileSync(new URL('solutions.txt', dir), 'utf8')
    .split('\n')
    .filter((line) => line.includes(':'))
    .map((line) => line.split(':').map((part) => part.trim()))
    .map(([name, value]) => [name!, Number.parseInt(value!, 10)]),
);
const instances = readdirSync(dir)
  .filter((file) => file.endsWith('.tsp'))
  .map((file) => parseTsplib(readFileSync(new URL(file, dir), 'utf8')))
  .filter((instance) => instance.coordinates.length <= 442)
  .sort((a, b) => a.coordinates.length - b.coordinates.length);

describe('route optimisation quality on TSPLIB (known optimal tours)', () => {
  for (const instance of instances) {
    const n = instance.coordinates.length;
    const bound = n <= 150 ? 2 : 4;
    it(`${instance.name} (${n} stops): within ${bound}% of the optimal tour`, () => {
      const result = optimizeStops({ distances: tsplibDistanceMatrix(instance) });
      const gap = (result.length / optimal.get(instance.name)! - 1) * 100;
      assert.ok(gap <= bound, `${instance.name}: ${result.length} is ${gap.toFixed(2)}% above ${optimal.get(instance.name)}`);
      assert.equal(new Set(result.order).size, n, 'every stop once');
      assert.ok(result.length <= result.initialLength);
    });
  }
});

describe('ordering a route’s stops', () => {
  const hanoi = [
    { lat: 21.0285, lng: 105.8542 }, // Hoàn Kiếm (start)
    { lat: 21.0379, lng: 105.8342 }, // Ba Đình
    { lat: 21.0136, lng: 105.8233 }, // Đống Đa
    { lat: 21.0064, lng: 105.8441 }, // Hai Bà Trưng
    { lat: 21.0467, lng: 105.7929 }, // Cầu Giấy
    { lat: 21.0566, lng: 105.8216 }, // Tây Hồ
    { lat: 20.9935, lng: 105.8006 }, // Thanh Xuân
  ];

  it('is the same for the same seed', () => {
    const a = optimizeStops({ points: hanoi, seed: 7 });
    const b = optimizeStops({ points: hanoi, seed: 7 });
    assert.deepEqual(a.order, b.order);
    assert.equal(a.order[0], 0, 'starts at the start');
  });

  it('an open path starts at the start and respects a fixed end', () => {
    const open = optimizeStops({ points: hanoi, closed: false });
    assert.equal(open.order[0], 0);
    const fixed = optimizeStops({ points: hanoi, closed: false, end: 2 });
    assert.equal(fixed.order[0], 0);
    assert.equal(fixed.order[fixed.order.length - 1], 2);
    assert.equal(new Set(fixed.order).size, hanoi.length);
    let length = 0;
    for (let i = 0; i + 1 < fixed.order.length; i++) length += haversineMetres(hanoi[fixed.order[i]!]!, hanoi[fixed.order[i + 1]!]!);
    assert.ok(Math.abs(length - fixed.length) < 1e-6, 'an open path does not count the way back');
  });

  it('an open path is never longer than the closed tour through the same stops', () => {
    assert.ok(optimizeStops({ points: hanoi, closed: false }).length <= optimizeStops({ points: hanoi }).length);
  });

  it('is the same for the same seed on a 150-stop instance, and every seed gives a full tour', () => {
    const d = tsplibDistanceMatrix(instances.find((instance) => instance.name === 'ch150')!);
    const first = optimizeStops({ distances: d, seed: 42, iterations: 300 });
    const again = optimizeStops({ distances: d, seed: 42, iterations: 300 });
    assert.deepEqual(again.order, first.order);
    assert.equal(again.length, first.length);
    const other = optimizeStops({ distances: d, seed: 43, iterations: 300 });
    assert.equal(new Set(other.order).size, 150);
  });

  it('a fixed end on a host matrix: starts at start, ends at end, and counts no way back', () => {
    const d = tsplibDistanceMatrix(instances.find((instance) => instance.name === 'eil51')!);
    const result = optimizeStops({ distances: d, start: 5, end: 17, closed: false });
    assert.equal(result.order[0], 5);
    assert.equal(result.order[result.order.length - 1], 17);
    assert.equal(new Set(result.order).size, 51);
    let length = 0;
    for (let i = 0; i + 1 < result.order.length; i++) length += d[result.order[i]!]![result.order[i + 1]!]!;
    assert.equal(result.length, length);
    const closed = optimizeStops({ distances: d, start: 5 });
    assert.equal(closed.order[0], 5);
    assert.ok(result.length < closed.length, 'an open path is shorter than the closed tour here');
  });

  it('never returns a route longer than the order given, even with no time to search', () => {
    const d = tsplibDistanceMatrix(instances.find((instance) => instance.name === 'kroA100')!);
    const rushed = optimizeStops({ distances: d, timeLimitMs: 1, iterations: 0 });
    assert.ok(rushed.length <= rushed.initialLength);
    assert.equal(new Set(rushed.order).size, 100);
  });

  it('an open path from the first stop with a free end is the shortest one from that stop', () => {
    // four shops: from shop 2 the best walk is 2 → 3 → 0 → 1 (8 + 69 + 96 = 173), not a tour cut anywhere
    const distances = [
      [0, 96, 72, 69],
      [96, 0, 73, 80],
      [72, 73, 0, 8],
      [69, 80, 8, 0],
    ];
    const result = optimizeStops({ distances, start: 2, closed: false });
    assert.deepEqual(result.order, [2, 3, 0, 1]);
    assert.equal(result.length, 173);
  });

  it('on small routes (up to 7 stops) every kind of route is as short as the best of all visiting orders', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const orders = (stops: number[]): number[][] =>
      stops.length <= 1 ? [stops] : stops.flatMap((stop, i) => orders([...stops.slice(0, i), ...stops.slice(i + 1)]).map((rest) => [stop, ...rest]));
    const lengthOf = (d: number[][], order: number[], closed: boolean) =>
      order.slice(1).reduce((total, stop, i) => total + d[order[i]!]![stop]!, 0) + (closed ? d[order[order.length - 1]!]![order[0]!]! : 0);
    const shortfalls: string[] = [];
    for (let trial = 0; trial < 150; trial++) {
      const n = 3 + Math.floor(random() * 5);
      const shops = Array.from({ length: n }, () => ({ x: random() * 100, y: random() * 100 }));
      const d = shops.map((a) => shops.map((b) => Math.round(Math.hypot(a.x - b.x, a.y - b.y))));
      const start = Math.floor(random() * n);
      const end = (start + 1 + Math.floor(random() * (n - 1))) % n;
      const others = d.map((_, i) => i).filter((i) => i !== start);
      const bestFreeEnd = Math.min(...orders(others).map((rest) => lengthOf(d, [start, ...rest], false)));
      const bestFixedEnd = Math.min(...orders(others.filter((i) => i !== end)).map((rest) => lengthOf(d, [start, ...rest, end], false)));
      const bestClosed = Math.min(...orders(others).map((rest) => lengthOf(d, [start, ...rest], true)));
      const freeEnd = optimizeStops({ distances: d, start, closed: false });
      const fixedEnd = optimizeStops({ distances: d, start, end, closed: false });
      const closed = optimizeStops({ distances: d, start });
      for (const [kind, result, best, isClosed] of [
        ['free end', freeEnd, bestFreeEnd, false],
        ['fixed end', fixedEnd, bestFixedEnd, false],
        ['closed', closed, bestClosed, true],
      ] as const) {
        assert.equal(result.order[0], start, `${kind}: starts at the start`);
        assert.equal(new Set(result.order).size, n, `${kind}: every stop once`);
        assert.equal(result.length, lengthOf(d, result.order, isClosed), `${kind}: the length is the length of the order`);
        if (result.length !== best) shortfalls.push(`trial ${trial} (${n} stops) ${kind}: ${result.length}, best ${best}`);
      }
      assert.equal(fixedEnd.order[n - 1], end, 'a fixed end is the last stop');
    }
    assert.deepEqual(shortfalls, []);
  });

  it('takes a road-distance matrix from the host', () => {
    const roads = [
      [0, 5, 9, 4],
      [5, 0, 3, 8],
      [9, 3, 0, 2],
      [4, 8, 2, 0],
    ];
    const result = optimizeStops({ distances: roads });
    assert.equal(result.length, 5 + 3 + 2 + 4);
  });

  it('bad input is refused naming the field', () => {
    const refused = (input: Parameters<typeof optimizeStops>[0]) => {
      try {
        optimizeStops(input);
      } catch (error) {
        assert.ok(error instanceof CrmValidationError);
        return error.issues.map((issue) => issue.path);
      }
      assert.fail('expected a CrmValidationError');
    };
    assert.deepEqual(refused({ points: [{ lat: 200, lng: 105 }, { lat: 21, lng: 105 }] }), ['points.0.lat']);
    assert.deepEqual(refused({ points: hanoi, start: 9 }), ['start']);
    assert.deepEqual(refused({ distances: [[0, 1], [1]] }), ['distances']);
    assert.deepEqual(refused({ points: hanoi, end: 3 }), ['end']);
  });
});
