import type { GeoPoint } from '../../schema/common.js';

const EARTH_RADIUS_METRES = 6_371_008.8;

/** Great-circle distance in metres between two GPS points (haversine). */
export function haversineMetres(a: GeoPoint, b: GeoPoint): number {
  const toRadians = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRadians;
  const dLng = (b.lng - a.lng) * toRadians;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRadians) * Math.cos(b.lat * toRadians) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A full distance matrix (row-major) of `n` points under `distance`. */
export function matrixOf(n: number, distance: (i: number, j: number) => number): Float64Array {
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) matrix[i * n + j] = matrix[j * n + i] = distance(i, j);
  return matrix;
}
