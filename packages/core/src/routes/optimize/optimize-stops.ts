import { z } from 'zod';
import { CrmValidationError } from '../../errors.js';
import { geoPointSchema, type GeoPoint } from '../../schema/common.js';
import { toValidationIssues } from '../../schema/validate.js';
import { solveClosedTour } from './closed-tour.js';
import { haversineMetres, matrixOf } from './distance.js';

/** What to optimise: stops as GPS points, or a distance matrix the host supplies (e.g. road distances). */
export const optimizeStopsInputSchema = z
  .object({
    points: z.array(geoPointSchema).optional(),
    /** distances[i][j] between stops i and j (not necessarily symmetric: it is symmetrised by the mean). */
    distances: z.array(z.array(z.number())).optional(),
    /** The stop the route starts from (index); 0 by default. */
    start: z.number().int().min(0).default(0),
    /** A stop the route must end at (index), for an open path with a fixed end. */
    end: z.number().int().min(0).optional(),
    /** A closed tour returns to the start; an open path does not. Default: closed. */
    closed: z.boolean().default(true),
    seed: z.number().int().default(1),
    /** Rounds of iterated local search; by default 1,000 + 12 per stop. */
    iterations: z.number().int().min(0).optional(),
    /** A safety cap on time; default 2 s. */
    timeLimitMs: z.number().min(1).default(2000),
  })
  .superRefine((input, ctx) => {
    const n = input.points?.length ?? input.distances?.length;
    if (n === undefined) return ctx.addIssue({ code: 'custom', path: ['points'], message: 'give points or distances' });
    if (input.distances) {
      // one plain loop: a matrix of a thousand stops holds a million numbers
      const rows = input.distances;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        if (row.length !== n) return ctx.addIssue({ code: 'custom', path: ['distances'], message: 'must be a square matrix' });
        for (let j = 0; j < row.length; j++) {
          const value = row[j]!;
          if (!Number.isFinite(value) || value < 0) return ctx.addIssue({ code: 'custom', path: ['distances', i, j], message: 'must be a finite, non-negative number' });
        }
      }
    }
    if (n > 0 && input.start >= n) ctx.addIssue({ code: 'custom', path: ['start'], message: `must be below the number of stops (${n})` });
    if (input.end !== undefined && input.end >= n) ctx.addIssue({ code: 'custom', path: ['end'], message: `must be below the number of stops (${n})` });
    if (input.end !== undefined && input.closed) ctx.addIssue({ code: 'custom', path: ['end'], message: 'a closed tour ends where it starts; use closed: false for a fixed end' });
    if (input.end !== undefined && input.end === input.start && n > 1) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must differ from start (use a closed tour instead)' });
  });
/** Input of {@link optimizeStops}. */
export type OptimizeStopsInput = z.input<typeof optimizeStopsInputSchema>;

/** The optimised order and its length. */
export interface OptimizedStops {
  /** Stop indices in visiting order, starting with `start` (and ending with `end` when fixed). */
  order: number[];
  /** Length of the optimised route (metres for points, the matrix's unit otherwise). */
  length: number;
  /** Length of the route in the given order (0, 1, 2, ...), for "before and after". */
  initialLength: number;
}

/**
 * Orders a route's stops: from a start, as a closed tour or an open path (optionally to a fixed end), by
 * great-circle distance or a caller's matrix. Construction plus 2-opt / Or-opt local search and an iterated
 * local search with double-bridge kicks; deterministic for a given seed; bounded by iterations, with a time cap.
 * Bad input (latitude 200, a ragged matrix, a start out of range) throws a field-named `CrmValidationError`.
 */
export function optimizeStops(input: OptimizeStopsInput): OptimizedStops {
  const started = Date.now();
  const parsed = optimizeStopsInputSchema.safeParse(input);
  if (!parsed.success) throw new CrmValidationError(toValidationIssues(parsed.error), 'route optimisation');
  const options = parsed.data;
  const points = options.points;
  const n = points?.length ?? options.distances!.length;
  const base = options.distances
    ? (i: number, j: number) => (options.distances![i]![j]! + options.distances![j]![i]!) / 2
    : (i: number, j: number) => haversineMetres(points![i] as GeoPoint, points![j] as GeoPoint);
  const pathLength = (order: readonly number[], closed: boolean) => {
    let total = 0;
    for (let t = 0; t + 1 < order.length; t++) total += base(order[t]!, order[t + 1]!);
    if (closed && order.length > 1) total += base(order[order.length - 1]!, order[0]!);
    return total;
  };
  const identity = Array.from({ length: n }, (_, i) => i);
  const initialOrder = [options.start, ...identity.filter((i) => i !== options.start && i !== options.end), ...(options.end !== undefined ? [options.end] : [])];
  const initialLength = pathLength(initialOrder, options.closed);
  if (n <= 2) return { order: initialOrder, length: initialLength, initialLength };

  // An open path is a closed tour through one extra node, the dummy, whose two tour edges are the path's two
  // missing links. With a fixed end, the dummy is at 0 from the start and the end and far from everything else,
  // so it sits between them. With a free end, the dummy is at 0 from the start only and at one constant
  // (`freeEndPenalty`) from every other stop: every tour with the dummy next to the start costs its path plus
  // exactly one penalty, whatever stop the path ends at, so the solver optimises the path itself. A tour with
  // the dummy elsewhere pays two penalties; since the shortest path from the start is at most one longest edge
  // (`far`) longer than the shortest path with both ends free, a penalty above `far` makes such a tour never
  // optimal. (A dummy at 0 from every stop would let the solver put it anywhere, and cutting there leaves a path
  // that was never optimised from the start.) The penalty stays near the other distances, not far·n, so moves
  // through the dummy's edges keep their floating-point precision.
  const extra = options.closed ? 0 : 1;
  const size = n + extra;
  let far = 0;
  if (extra) for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) far = Math.max(far, base(i, j));
  const dummy = n;
  const freeEndPenalty = 2 * far + 1;
  const fixedEndPenalty = far * n + 1;
  const matrix = matrixOf(size, (i, j) => {
    if (i === dummy || j === dummy) {
      const stop = i === dummy ? j : i;
      if (stop === options.start) return 0;
      if (options.end === undefined) return freeEndPenalty;
      return stop === options.end ? 0 : fixedEndPenalty;
    }
    return base(i, j);
  });
  const iterations = options.iterations ?? 1000 + 12 * n;
  const tour = solveClosedTour(size, matrix, { seed: options.seed, iterations, deadline: started + options.timeLimitMs, neighbours: 10 });

  // Rotate to start at `start`; for an open path, walk away from the dummy.
  const at = tour.indexOf(options.start);
  const rotated = [...tour.slice(at), ...tour.slice(0, at)];
  let order: number[];
  if (!extra) order = rotated;
  else if (rotated[rotated.length - 1] === dummy || rotated[1] === dummy) {
    // the dummy sits next to start on one side: walk the other way
    const forward = rotated[rotated.length - 1] === dummy ? rotated : [rotated[0]!, ...rotated.slice(1).reverse()];
    order = forward.filter((node) => node !== dummy);
  } else {
    // a search cut short by the time cap may leave the dummy elsewhere: cut the stops' cycle next to the start,
    // on the side that leaves the shorter path (and, for a fixed end, ends there)
    const cycle = rotated.filter((node) => node !== dummy);
    const candidates = [cycle, [cycle[0]!, ...cycle.slice(1).reverse()]].filter((path) => options.end === undefined || path[path.length - 1] === options.end);
    order = candidates.length === 0 ? initialOrder : candidates.reduce((a, b) => (pathLength(b, false) < pathLength(a, false) ? b : a));
  }
  if (!extra && order.length > 2) {
    // a closed tour can be walked either way; keep the direction whose first leg is shorter (stable output)
    const reversed = [order[0]!, ...order.slice(1).reverse()];
    if (base(reversed[0]!, reversed[1]!) < base(order[0]!, order[1]!)) order = reversed;
  }
  const length = pathLength(order, options.closed);
  // never hand back a route longer than the one given (possible only when the time cap cut the search short)
  if (length > initialLength) return { order: initialOrder, length: initialLength, initialLength };
  return { order, length, initialLength };
}
