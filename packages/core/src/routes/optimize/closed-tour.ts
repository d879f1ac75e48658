import { seededRandom } from './random.js';

/** Options of the closed-tour solver. */
export interface ClosedTourOptions {
  seed: number;
  /** Perturbation rounds of the iterated local search (the main, deterministic bound). */
  iterations: number;
  /** A safety cap: the wall-clock time (`Date.now()`) after which the search stops with its best tour. */
  deadline: number;
  /** How many nearest neighbours each node's moves consider. */
  neighbours: number;
}

/**
 * Solves a symmetric travelling-salesman tour over `n` nodes with distance matrix `d` (row-major):
 * nearest-neighbour construction, then local search with 2-opt and Or-opt (segments of 1–3, both
 * orientations) over nearest-neighbour candidate lists with don't-look bits, then an iterated local search
 * that kicks the best tour with a local double bridge and keeps the result when it is no longer.
 * Returns the order of the nodes (a rotation of the tour).
 */
export function solveClosedTour(n: number, d: Float64Array, options: ClosedTourOptions): number[] {
  if (n <= 3) return Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed);
  const outOfTime = () => Date.now() > options.deadline;
  const k = Math.min(options.neighbours, n - 1);
  // candidate lists: each node's k nearest others, by insertion into a short sorted list (O(n·k) per node)
  const near = new Int32Array(n * k);
  const nearDistance = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let count = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const value = d[row + j]!;
      if (count === k && value >= nearDistance[k - 1]!) continue;
      let at = count < k ? count++ : k - 1;
      while (at > 0 && nearDistance[at - 1]! > value) {
        nearDistance[at] = nearDistance[at - 1]!;
        near[i * k + at] = near[i * k + at - 1]!;
        at--;
      }
      nearDistance[at] = value;
      near[i * k + at] = j;
    }
  }

  // construction: nearest neighbour from node 0
  const tour = new Int32Array(n);
  const used = new Uint8Array(n);
  tour[0] = 0;
  used[0] = 1;
  for (let t = 1; t < n; t++) {
    const from = tour[t - 1]!;
    let best = -1;
    for (let c = 0; c < k; c++) {
      const j = near[from * k + c]!;
      if (!used[j]) {
        best = j;
        break;
      }
    }
    if (best < 0) {
      let bestDistance = Infinity;
      for (let j = 0; j < n; j++) if (!used[j] && d[from * n + j]! < bestDistance) {
        bestDistance = d[from * n + j]!;
        best = j;
      }
    }
    tour[t] = best;
    used[best] = 1;
  }

  const position = new Int32Array(n);
  const dontLook = new Uint8Array(n);
  // a ring buffer: each node is queued at most once, so n slots suffice and nothing is shifted
  const queue = new Int32Array(n);
  let queueHead = 0;
  let queueSize = 0;
  const inQueue = new Uint8Array(n);
  // the current tour's length, kept up to date by every move so a kick costs no full recount
  let current = 0;
  const setPositions = () => {
    for (let t = 0; t < n; t++) position[tour[t]!] = t;
  };
  setPositions();
  const next = (node: number) => tour[(position[node]! + 1) % n]!;
  const prev = (node: number) => tour[(position[node]! - 1 + n) % n]!;
  const dist = (a: number, b: number) => d[a * n + b]!;
  const push = (node: number) => {
    if (!inQueue[node]) {
      inQueue[node] = 1;
      dontLook[node] = 0;
      queue[(queueHead + queueSize++) % n] = node;
    }
  };

  /** Reverses the tour between positions i..j (inclusive, cyclic), the shorter way round. */
  const reverse = (i: number, j: number) => {
    let inside = (j - i + n) % n + 1;
    if (inside * 2 > n) {
      // reverse the complement instead: same cyclic tour
      const a = (j + 1) % n;
      const b = (i - 1 + n) % n;
      i = a;
      j = b;
      inside = n - inside;
    }
    for (let s = 0; s < Math.floor(inside / 2); s++) {
      const pi = (i + s) % n;
      const pj = (j - s + n) % n;
      const a = tour[pi]!;
      const b = tour[pj]!;
      tour[pi] = b;
      tour[pj] = a;
      position[b] = pi;
      position[a] = pj;
    }
  };

  /** Tries an improving 2-opt or Or-opt move around `a`; applies the first found. */
  const improve = (a: number): boolean => {
    for (const direction of [0, 1]) {
      const aNext = direction === 0 ? next(a) : prev(a);
      const dA = dist(a, aNext);
      for (let c = 0; c < k; c++) {
        const b = near[a * k + c]!;
        const gain1 = dA - dist(a, b);
        if (gain1 <= 0) break;
        const bNext = direction === 0 ? next(b) : prev(b);
        if (b === aNext || bNext === a) continue;
        const delta = dist(a, b) + dist(aNext, bNext) - dA - dist(b, bNext);
        if (delta < -1e-9) {
          // 2-opt: edges (a,aNext) and (b,bNext) become (a,b) and (aNext,bNext)
          if (direction === 0) reverse(position[aNext]!, position[b]!);
          else reverse(position[b]!, position[aNext]!);
          current += delta;
          push(a);
          push(aNext);
          push(b);
          push(bNext);
          return true;
        }
      }
    }
    // Or-opt: move a segment starting at `a` (length 1-3) between two neighbours elsewhere
    for (let length = 1; length <= 3 && length < n - 2; length++) {
      const first = a;
      let last = a;
      for (let s = 1; s < length; s++) last = next(last);
      const before = prev(first);
      const after = next(last);
      if (after === before) continue;
      const removeGain = dist(before, first) + dist(last, after) - dist(before, after);
      if (removeGain <= 1e-9) continue;
      for (const end of [first, last]) {
        for (let c = 0; c < k; c++) {
          const p = near[end * k + c]!;
          if (dist(end, p) >= removeGain) break;
          // p must lie outside the segment
          const offset = (position[p]! - position[first]! + n) % n;
          if (offset < length) continue;
          for (const q of [next(p), prev(p)]) {
            const qOffset = (position[q]! - position[first]! + n) % n;
            if (qOffset < length) continue;
            // insert the segment between p and q, with `end` next to p
            const other = end === first ? last : first;
            const addCost = dist(p, end) + dist(other, q) - dist(p, q);
            if (addCost < removeGain - 1e-9) {
              moveSegment(first, last, p, q, end === first);
              current += addCost - removeGain;
              push(before);
              push(after);
              push(first);
              push(last);
              push(p);
              push(q);
              return true;
            }
          }
        }
      }
    }
    return false;
  };

  /** Moves segment first..last (in tour order) between adjacent p and q, `firstNextToP` orienting it. */
  const moveSegment = (first: number, last: number, p: number, q: number, firstNextToP: boolean) => {
    const segment: number[] = [];
    for (let node = first; ; node = next(node)) {
      segment.push(node);
      if (node === last) break;
    }
    const rest: number[] = [];
    for (let node = next(last); node !== first; node = next(node)) rest.push(node);
    const out: number[] = [];
    for (let t = 0; t < rest.length; t++) {
      const node = rest[t]!;
      out.push(node);
      const following = rest[(t + 1) % rest.length]!;
      if ((node === p && following === q) || (node === q && following === p)) {
        // the segment goes between node and following, oriented so `end` touches p
        const forward = node === p ? firstNextToP : !firstNextToP;
        out.push(...(forward ? segment : [...segment].reverse()));
      }
    }
    for (let t = 0; t < n; t++) tour[t] = out[t]!;
    setPositions();
  };

  const localSearch = () => {
    let steps = 0;
    while (queueSize > 0) {
      // the time cap also bounds the first descent, which dominates on large inputs
      if ((++steps & 127) === 0 && outOfTime()) {
        for (let s = 0; s < queueSize; s++) inQueue[queue[(queueHead + s) % n]!] = 0;
        queueSize = 0;
        return;
      }
      const node = queue[queueHead]!;
      queueHead = (queueHead + 1) % n;
      queueSize--;
      inQueue[node] = 0;
      if (dontLook[node]) continue;
      if (!improve(node)) dontLook[node] = 1;
    }
  };

  const length = () => {
    let total = 0;
    for (let t = 0; t < n; t++) total += dist(tour[t]!, tour[(t + 1) % n]!);
    return total;
  };

  current = length();
  for (let node = 0; node < n; node++) push(node);
  localSearch();
  let bestLength = current;
  const best = Int32Array.from(tour);
  for (let round = 0; round < options.iterations; round++) {
    if ((round & 63) === 0 && outOfTime()) break;
    // a local double bridge: three cut points close together in the tour
    const span = Math.min(n - 1, 8 + Math.floor(random() * Math.min(50, n / 2)));
    const start = Math.floor(random() * n);
    const cuts = [1 + Math.floor(random() * (span - 2)), 1 + Math.floor(random() * (span - 2)), 1 + Math.floor(random() * (span - 2))].sort((x, y) => x - y);
    if (cuts[0] === cuts[1] || cuts[1] === cuts[2]) continue;
    const at = (offset: number) => (start + offset) % n;
    const a = Array.from({ length: cuts[0]! }, (_, s) => tour[at(s)]!);
    const b = Array.from({ length: cuts[1]! - cuts[0]! }, (_, s) => tour[at(cuts[0]! + s)]!);
    const c = Array.from({ length: cuts[2]! - cuts[1]! }, (_, s) => tour[at(cuts[1]! + s)]!);
    const after = tour[at(cuts[2]!)]!;
    current += dist(a[a.length - 1]!, c[0]!) + dist(c[c.length - 1]!, b[0]!) + dist(b[b.length - 1]!, after)
      - dist(a[a.length - 1]!, b[0]!) - dist(b[b.length - 1]!, c[0]!) - dist(c[c.length - 1]!, after);
    const rearranged = [...a, ...c, ...b];
    rearranged.forEach((node, s) => {
      tour[at(s)] = node;
    });
    for (let s = 0; s < cuts[2]!; s++) position[tour[at(s)]!] = at(s);
    for (const node of [tour[at(0)]!, tour[at(cuts[2]! - 1)]!, a[a.length - 1]!, b[0]!, b[b.length - 1]!, c[0]!, c[c.length - 1]!, tour[at(cuts[2]!)]!, tour[(at(0) - 1 + n) % n]!]) push(node);
    localSearch();
    if (current <= bestLength + 1e-9) {
      bestLength = current;
      best.set(tour);
    } else {
      tour.set(best);
      setPositions();
      current = bestLength;
    }
  }
  return Array.from(best);
}
