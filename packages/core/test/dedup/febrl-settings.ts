import { parseDedupSettings } from '../../src/dedup/index.js';

/**
 * The documented rule configuration for the FEBRL data sets (Australian person records with a social
 * security id, date of birth and address). Any one of these makes two records the same person:
 * 1. the same social security id and a similar surname (JW ≥ 0.8),
 * 2. the same social security id and a similar given name (JW ≥ 0.8),
 * 3. the same social security id and date of birth,
 * 4. a social security id one digit off (DL ≥ 0.85) and the same date of birth,
 * 5. similar surname and given name (JW ≥ 0.85) and a date of birth at most two digits off (DL ≥ 0.75),
 * 6. similar surname and given name (JW ≥ 0.85), the same postcode and a similar street (JW ≥ 0.85).
 */
export const FEBRL_SETTINGS = parseDedupSettings({
  fields: {
    given: { kind: 'text' },
    surname: { kind: 'text' },
    dob: { kind: 'exact' },
    ssid: { kind: 'exact' },
    postcode: { kind: 'exact' },
    street: { kind: 'text' },
  },
  rules: [
    { id: 'ssid-surname', fields: [{ field: 'ssid' }, { field: 'surname', match: 'fuzzy', threshold: 0.8 }] },
    { id: 'ssid-given', fields: [{ field: 'ssid' }, { field: 'given', match: 'fuzzy', threshold: 0.8 }] },
    { id: 'ssid-dob', fields: [{ field: 'ssid' }, { field: 'dob' }] },
    { id: 'near-ssid-dob', fields: [{ field: 'ssid', match: 'fuzzy', algorithm: 'damerau-levenshtein', threshold: 0.85 }, { field: 'dob' }] },
    {
      id: 'names-near-dob',
      fields: [
        { field: 'surname', match: 'fuzzy', threshold: 0.85 },
        { field: 'given', match: 'fuzzy', threshold: 0.85 },
        { field: 'dob', match: 'fuzzy', algorithm: 'damerau-levenshtein', threshold: 0.75 },
      ],
    },
    {
      id: 'names-postcode-street',
      fields: [
        { field: 'surname', match: 'fuzzy', threshold: 0.85 },
        { field: 'given', match: 'fuzzy', threshold: 0.85 },
        { field: 'postcode' },
        { field: 'street', match: 'fuzzy', threshold: 0.85 },
      ],
    },
  ],
});
