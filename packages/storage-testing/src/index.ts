/**
 * `@crmkit/storage-testing`: the conformance suite every crmkit storage adapter runs. Call
 * {@link runStorageConformance} from your adapter's test file with a factory and its capabilities.
 * @packageDocumentation
 */
export { runStorageConformance, probeSchema, type ConformanceOptions, type TestRegistrar } from './suite.js';
export { referenceQueryIds } from './reference-query.js';
export { entitySamples } from './samples.js';
export { createRandom, generateProbeRecords, randomQuery, type Random } from './generate.js';
export { ConformanceFailure, assertDeepEqual, assertEqual, assertRejects, assertTrue, deepEqualJson } from './assert.js';
