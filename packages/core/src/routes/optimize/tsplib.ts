import { CrmValidationError } from '../../errors.js';

/** A TSPLIB instance with EUC_2D coordinates. */
export interface TsplibInstance {
  name: string;
  coordinates: { x: number; y: number }[];
}

/** Parses a TSPLIB `.tsp` file of edge weight type EUC_2D. */
export function parseTsplib(text: string): TsplibInstance {
  const lines = text.split(/\r?\n/);
  let name = '';
  let type = '';
  const coordinates: { x: number; y: number }[] = [];
  let inCoordinates = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line === 'EOF') continue;
    if (inCoordinates) {
      const [, x, y] = line.split(/\s+/);
      if (x === undefined || y === undefined || Number.isNaN(Number(x)) || Number.isNaN(Number(y))) break;
      coordinates.push({ x: Number(x), y: Number(y) });
      continue;
    }
    const [key, value] = line.split(':').map((part) => part.trim());
    if (key === 'NAME') name = value ?? '';
    else if (key === 'EDGE_WEIGHT_TYPE') type = value ?? '';
    else if (key === 'NODE_COORD_SECTION') inCoordinates = true;
  }
  if (type !== 'EUC_2D') throw new CrmValidationError([{ path: 'EDGE_WEIGHT_TYPE', message: `must be EUC_2D, got ${type || 'none'}`, code: 'unsupported' }], 'TSPLIB file');
  return { name, coordinates };
}

/** TSPLIB's EUC_2D distance: the Euclidean distance rounded to the nearest integer. */
export function tsplibDistanceMatrix(instance: TsplibInstance): number[][] {
  const c = instance.coordinates;
  return c.map((a) => c.map((b) => Math.round(Math.hypot(a.x - b.x, a.y - b.y))));
}
