export { optimizeStops, optimizeStopsInputSchema, type OptimizeStopsInput, type OptimizedStops } from './optimize-stops.js';
export { haversineMetres } from './distance.js';
export { parseTsplib, tsplibDistanceMatrix, type TsplibInstance } from './tsplib.js';
