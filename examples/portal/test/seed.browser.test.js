// The demo portal's seed (what `npm start` shows on first run) on a fresh memory store, as the portal's manager:
// every record goes through crmkit's services and rules, so a rule the seed breaks fails here, not in a demo.
import { expect } from 'chai';
import { createCrm, createMemoryAdapter, crmStorageSchema } from '@crmkit/core';
import { seed } from '../seed.js';

describe('the demo portal’s seed', () => {
  it('fills a fresh store through the services: stages, 24 deals of which 4 won through the pipeline, leads, routes', async () => {
    const storage = await createMemoryAdapter({ schema: crmStorageSchema });
    const crm = createCrm({ storage, actor: { id: 'u-lan', role: 'manager', teamIds: ['team-hn'] } });
    await seed(crm);
    expect(await crm.stages.count()).to.be.greaterThan(0);
    const deals = await crm.opportunities.listAll();
    expect(deals.length).to.equal(24);
    const won = deals.filter((deal) => deal.status === 'won');
    expect(won.map((deal) => deal.stageId)).to.deep.equal(['stage-won', 'stage-won', 'stage-won', 'stage-won']);
    expect(won.every((deal) => deal.stageHistory?.at(-2)?.stageId === 'stage-negotiate')).to.equal(true);
    expect(await crm.leads.count()).to.equal(2);
    expect(await crm.routes.count()).to.equal(2);
  });
});
