import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_DEDUP_SETTINGS, scanClusters } from '../../src/dedup/index.js';
import { FEBRL_SETTINGS } from './febrl-settings.js';
import { pairwiseQuality, readFixture } from './truth.js';

describe('duplicate quality against known truth', () => {
  it('the default contact rules find Vietnamese duplicates with precision ≥ 0.99 and recall ≥ 0.95', () => {
    const rows = readFixture('vn-contacts-10k.csv');
    const records = rows.map((row) => ({
      id: row['id']!,
      values: { name: row['full_name'], phone: row['phone'], email: row['email'], birthday: row['birthday'], company: row['company'], province: row['province'], district: row['district'], street: row['street'] },
    }));
    const truth = new Map(rows.map((row) => [row['id']!, row['cluster']!]));
    const { clusters } = scanClusters(records, DEFAULT_DEDUP_SETTINGS.contact);
    const quality = pairwiseQuality(clusters, (id) => truth.get(id)!, [...truth.keys()]);
    assert.ok(quality.precision >= 0.99, `precision ${quality.precision}`);
    assert.ok(quality.recall >= 0.95, `recall ${quality.recall}`);
  });

  for (const n of [1, 2, 3]) {
    it(`the documented FEBRL rules reach F1 ≥ 0.95 on data set ${n}`, () => {
      const rows = readFixture(`febrl-dataset${n}.csv`);
      const records = rows.map((row) => ({
        id: row['rec_id']!,
        values: { given: row['given_name'], surname: row['surname'], dob: row['date_of_birth'], ssid: row['soc_sec_id'], postcode: row['postcode'], street: row['address_1'] },
      }));
      const person = (id: string) => id.split('-')[1]!;
      const { clusters } = scanClusters(records, FEBRL_SETTINGS);
      const quality = pairwiseQuality(clusters, person, records.map((r) => r.id));
      assert.ok(quality.f1 >= 0.95, `F1 ${quality.f1} (precision ${quality.precision}, recall ${quality.recall})`);
    });
  }
});
