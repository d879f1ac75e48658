import { createCrm, createMemoryAdapter, crmStorageSchema, type Actor, type StorageAdapter } from '@crmkit/core';
import { salesCycleServices, type SalesCycleOptions } from '../../src/sales/index.js';

/** The sales-cycle test world: a real crm on the memory store, a pinned clock that ticks a second per read. */
export async function setup(options: { actor?: Actor; start?: string; sales?: SalesCycleOptions } = {}) {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema });
  const clock = { now: Date.parse(options.start ?? '2026-11-23T02:00:00.000Z') };
  let n = 0;
  const crm = createCrm({ storage, actor: options.actor ?? { id: 'u-admin', role: 'admin' }, now: () => new Date((clock.now += 1000)), newId: () => `id-${++n}` });
  const sales = salesCycleServices(crm.context, options.sales);
  return { storage, crm, sales, clock };
}

/** Seeds the default stages, two lost reasons, users and two sales teams (Hà Nội and TP. HCM). */
export async function seedSalesForce(crm: Awaited<ReturnType<typeof setup>>['crm'], sales: Awaited<ReturnType<typeof setup>>['sales']) {
  await crm.pipeline.seedDefaultStages();
  await crm.lostReasons.create({ name: 'Giá cao' }, { id: 'lr-price' });
  await crm.lostReasons.create({ name: 'Chọn đối thủ' }, { id: 'lr-competitor' });
  for (const [id, name, region] of [
    ['u-an', 'Nguyễn Văn An', 'Hà Nội'],
    ['u-binh', 'Trần Thị Bình', 'Hà Nội'],
    ['u-chi', 'Lê Minh Chi', 'Hà Nội'],
    ['u-dung', 'Phạm Quốc Dũng', 'TP. Hồ Chí Minh'],
    ['u-em', 'Võ Thị Em', 'TP. Hồ Chí Minh'],
  ] as const) {
    await crm.users.create({ name, role: 'salesperson', region }, { id });
  }
  await sales.teams.create({ name: 'Kênh doanh nghiệp Hà Nội', leaderId: 'u-an', memberIds: ['u-an', 'u-binh', 'u-chi'], defaultCapacity: 2 }, { id: 'team-hn' });
  await sales.teams.create({ name: 'Thiết bị mạng HCM', memberIds: ['u-dung', 'u-em'] }, { id: 'team-hcm' });
}

/** How many commits the store has seen (the change feed's length): unchanged means nothing was written. */
export async function commitCount(storage: StorageAdapter): Promise<number> {
  let count = 0;
  let cursor = 0;
  for (;;) {
    const page = await storage.changesSince(cursor, 1000);
    count += page.batches.length;
    if (page.cursor === cursor || page.batches.length === 0) return count;
    cursor = page.cursor;
  }
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
