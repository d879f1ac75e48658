export { personImportSchema as contactImportSchema } from '../../src/import/index.js';
