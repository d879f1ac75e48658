export { optimizeStops, optimizeStopsInputSchema, haversineMetres, parseTsplib, tsplibDistanceMatrix, type OptimizeStopsInput, type OptimizedStops, type TsplibInstance } from './optimize/index.js';
