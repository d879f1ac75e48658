import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCrm, createMemoryAdapter, crmStorageSchema, CrmConflictError, CrmValidationError, documentTotals } from '@crmkit/core';

async function shop() {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema });
  let code = 0;
  const crm = createCrm({
    storage,
    actor: { id: 'u-admin', role: 'admin' },
    now: () => new Date('2026-11-23T03:00:00.000Z'),
    pricing: { newCouponCode: () => `CP-TEST-${String(++code).padStart(4, '0')}` },
  });
  await crm.products.create({ code: 'KEM-01', name: 'Kem dưỡng ẩm', groupId: 'my-pham', basePrice: 250_000, taxPercent: 10, baseUnit: 'hộp' }, { id: 'kem' });
  const customer = await crm.contacts.create({ kind: 'shop', fullName: 'Tạp hóa Cô Ba' }, { id: 'c-ba' });
  return { crm, storage, customer };
}

describe('products in the store', () => {
  it('a product code reused is refused naming the code', async () => {
    const { crm } = await shop();
    const error = await crm.products.create({ code: 'KEM-01', name: 'Trùng mã', basePrice: 1 }).catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError);
    assert.deepEqual(error.issues.map((issue) => [issue.path, issue.code]), [['code', 'duplicate_code']]);
  });

  it('a product code is the same code whatever its case, spacing or diacritic encoding', async () => {
    const { crm } = await shop();
    await crm.products.create({ code: 'SP-001', name: 'A', basePrice: 1_000 });
    for (const code of ['sp-001', ' Sp-001 ', 'kem-01']) {
      const error = await crm.products.create({ code, name: 'B', basePrice: 1_000 }).catch((e: unknown) => e);
      assert.ok(error instanceof CrmValidationError, code);
      assert.deepEqual(error.issues.map((issue) => [issue.path, issue.code]), [['code', 'duplicate_code']]);
    }
    await crm.products.create({ code: 'MÃ-ĐẶC-BIỆT', name: 'C', basePrice: 1 });
    const decomposed = await crm.products.create({ code: 'mã-đặc-biệt'.normalize('NFD'), name: 'D', basePrice: 1 }).catch((e: unknown) => e);
    assert.ok(decomposed instanceof CrmValidationError);
    assert.equal(await crm.products.count(), 3);
  });

  it('two products of one batch with the same code: the batch is refused and nothing is stored; corrected, it goes through', async () => {
    const { crm } = await shop();
    const error = await crm.products.createMany([{ code: 'X-1', name: 'X', basePrice: 1 }, { code: 'Y-1', name: 'Y', basePrice: 1 }, { code: 'x-1', name: 'Z', basePrice: 2 }]).catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError);
    assert.deepEqual(error.issues.map((issue) => [issue.path, issue.code]), [['code', 'duplicate_code']]);
    assert.equal(await crm.products.count(), 1, 'only the product from before');
    const stored = await crm.products.createMany([{ code: 'X-1', name: 'X', basePrice: 1 }, { code: 'Y-1', name: 'Y', basePrice: 1 }, { code: 'Z-1', name: 'Z', basePrice: 2 }]);
    assert.deepEqual(stored.map((product) => product.code), ['X-1', 'Y-1', 'Z-1']);
  });

  it('a code is free again once its product is deleted or recoded, and a product keeps its own code on edit', async () => {
    const { crm } = await shop();
    const old = await crm.products.create({ code: 'CU-01', name: 'Cũ', basePrice: 1 });
    await crm.products.remove(old.id);
    await crm.products.create({ code: 'cu-01', name: 'Mới', basePrice: 1 });
    await crm.products.update('kem', { code: 'KEM-02' });
    await crm.products.create({ code: 'KEM-01', name: 'Kem mới', basePrice: 1 });
    const edited = await crm.products.update('kem', { name: 'Kem dưỡng ẩm 50 ml' });
    assert.equal(edited.code, 'KEM-02');
  });

  it('a combo that contains itself through another combo is refused', async () => {
    const { crm } = await shop();
    await crm.products.create({ code: 'COMBO-A', name: 'A', basePrice: 1, packaging: { kind: 'combo', items: [{ productId: 'kem', quantity: 1 }] } }, { id: 'combo-a' });
    await crm.products.create({ code: 'COMBO-B', name: 'B', basePrice: 1, packaging: { kind: 'combo', items: [{ productId: 'combo-a', quantity: 2 }] } }, { id: 'combo-b' });
    const error = await crm.products
      .update('combo-a', { packaging: { kind: 'combo', items: [{ productId: 'kem', quantity: 1 }, { productId: 'combo-b', quantity: 1 }] } })
      .catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError);
    assert.equal(error.issues[0]!.path, 'packaging.items.1.productId');
    assert.match(error.issues[0]!.message, /combo-a → combo-b → combo-a/);
  });
});

describe('placing orders with coupons', () => {
  it('a coupon earned today is issued with the order, refused on that order, accepted on the next — once', async () => {
    const { crm } = await shop();
    await crm.promotions.create({ code: 'LAN-SAU', name: 'Giảm 50.000 ₫ lần mua sau', reward: { kind: 'amount_off', amount: 50_000 }, execution: { kind: 'coupon', validDays: 30 } }, { id: 'lan-sau' });
    const context = { date: '2026-11-23', customerKind: 'shop' as const, channel: 'face_to_face' as const };
    const first = await crm.pricing.placeOrder({ cart: { lines: [{ productId: 'kem', quantity: 2 }] }, context, contactId: 'c-ba' });
    assert.equal(first.order.number, 'DH-00001');
    assert.equal(first.order.totals?.total, 550_000);
    assert.deepEqual(first.coupons.map((coupon) => [coupon.code, coupon.issuedOnOrderId, coupon.status]), [['CP-TEST-0001', first.order.id, 'active']]);

    // the coupon cannot pay for the order that earned it: price that order again with it
    const again = await crm.pricing.price({ lines: [{ productId: 'kem', quantity: 2 }], couponCodes: ['CP-TEST-0001'] }, { ...context, customerId: 'c-ba', orderId: first.order.id }).catch((e: unknown) => e);
    assert.ok(again instanceof CrmValidationError);
    assert.equal(again.issues[0]!.code, 'earned_on_this_order');

    const second = await crm.pricing.placeOrder({ cart: { lines: [{ productId: 'kem', quantity: 1 }], couponCodes: ['CP-TEST-0001'] }, context, contactId: 'c-ba' });
    assert.equal(second.order.number, 'DH-00002');
    assert.equal(second.pricing.totals.discount, 50_000);
    assert.equal(second.order.totals?.total, 200_000 + 20_000);
    const [coupon] = await crm.coupons.list({ where: [{ field: 'code', op: 'eq', value: 'CP-TEST-0001' }] }).then((page) => page.records);
    assert.equal(coupon!.status, 'redeemed');
    assert.equal(coupon!.redeemedOnOrderId, second.order.id);

    const third = await crm.pricing.placeOrder({ cart: { lines: [{ productId: 'kem', quantity: 1 }], couponCodes: ['CP-TEST-0001'] }, context, contactId: 'c-ba' }).catch((e: unknown) => e);
    assert.ok(third instanceof CrmValidationError);
    assert.equal(third.issues[0]!.code, 'already_redeemed');
    assert.equal(await crm.orders.count(), 2, 'the refused order wrote nothing');
  });

  it('two tills redeeming one coupon at once: exactly one order lands', async () => {
    const { crm } = await shop();
    await crm.coupons.create({ code: 'CP-SHARED-01', promotionId: 'p', issuedToCustomerId: 'c-ba', issuedOnOrderId: 'o-old', issuedAt: '2026-11-01T00:00:00.000Z', expiresAt: '2026-12-31T00:00:00.000Z', reward: { kind: 'amount_off', amount: 10_000 } });
    const context = { date: '2026-11-23' };
    const attempts = await Promise.allSettled([1, 2].map(() => crm.pricing.placeOrder({ cart: { lines: [{ productId: 'kem', quantity: 1 }], couponCodes: ['CP-SHARED-01'] }, context, contactId: 'c-ba' })));
    assert.equal(attempts.filter((attempt) => attempt.status === 'fulfilled').length, 1);
    const failed = attempts.find((attempt) => attempt.status === 'rejected') as PromiseRejectedResult;
    assert.ok(failed.reason instanceof CrmConflictError);
    assert.equal(await crm.orders.count(), 1);
  });
});

describe('placing orders: what is recorded', () => {
  it('buy 10 get 1 on an order of 3 cans is not recorded, and the customer’s next order of 10 still gets its free can', async () => {
    const { crm } = await shop();
    await crm.products.create({ code: 'BIA', name: 'Bia', basePrice: 15_000, baseUnit: 'lon' }, { id: 'bia' });
    await crm.promotions.create({ code: 'MUA10TANG1', name: 'Mua 10 tặng 1', appliesTo: { productIds: ['bia'] }, reward: { kind: 'free_products', buyQuantity: 10, freeProductId: 'bia', freeQuantity: 1 }, limits: { perCustomer: 1 } }, { id: 'mua10' });
    const context = { date: '2026-11-23' };
    const three = await crm.pricing.placeOrder({ cart: { lines: [{ productId: 'bia', quantity: 3 }] }, context, contactId: 'c-ba' });
    assert.deepEqual(three.order.promotionIds, []);
    assert.equal(three.pricing.promotions[0]!.reason, 'no_reward');
    const ten = await crm.pricing.placeOrder({ cart: { lines: [{ productId: 'bia', quantity: 10 }] }, context, contactId: 'c-ba' });
    assert.deepEqual(ten.order.promotionIds, ['mua10']);
    assert.equal(ten.pricing.lines.filter((line) => line.free).length, 1);
  });

  it('an order’s lines add up to its totals: each line keeps its discount and its tax', async () => {
    const { crm } = await shop();
    await crm.products.create({ code: 'SUA', name: 'Sữa', basePrice: 33_333, taxPercent: 8 }, { id: 'sua' });
    await crm.promotions.create({ code: 'KM7', name: 'Giảm 7%', reward: { kind: 'percent_off', percent: 7 } });
    const { order, pricing } = await crm.pricing.placeOrder({ cart: { lines: [{ productId: 'sua', quantity: 3 }, { productId: 'kem', quantity: 1 }] }, context: { date: '2026-11-23' }, contactId: 'c-ba' });
    assert.deepEqual(order.totals, pricing.totals);
    assert.deepEqual(documentTotals(order.lines), order.totals);
    assert.deepEqual(order.lines.map((line) => [line.discountPercent, line.taxPercent]), [[7, 8], [7, 10]]);
  });

  it('an order entered the day after, with a one-day coupon: placed, and the coupon dated from the order', async () => {
    const { crm } = await shop();
    await crm.promotions.create({ code: 'NEXT', name: 'Giảm lần sau', reward: { kind: 'amount_off', amount: 20_000 }, execution: { kind: 'coupon', validDays: 1 } }, { id: 'next' });
    // the clock says 2026-11-23 03:00 UTC; the paper order is of the 22nd, its coupon good through the 23rd
    const placed = await crm.pricing.placeOrder({ cart: { lines: [{ productId: 'kem', quantity: 1 }] }, context: { date: '2026-11-22' }, contactId: 'c-ba' });
    assert.deepEqual(placed.coupons.map((coupon) => [coupon.issuedAt, coupon.expiresAt]), [['2026-11-22T00:00:00.000Z', '2026-11-23T00:00:00.000Z']]);
    assert.deepEqual(placed.order.promotionIds, ['next']);
  });

  it('an order entered a week late is placed without a coupon that has already expired, and says why', async () => {
    const { crm } = await shop();
    await crm.promotions.create({ code: 'NEXT', name: 'Giảm lần sau', reward: { kind: 'amount_off', amount: 20_000 }, execution: { kind: 'coupon', validDays: 1 } }, { id: 'next' });
    const placed = await crm.pricing.placeOrder({ cart: { lines: [{ productId: 'kem', quantity: 1 }] }, context: { date: '2026-11-16' }, contactId: 'c-ba' });
    assert.equal(placed.order.number, 'DH-00001');
    assert.deepEqual(placed.coupons, []);
    assert.deepEqual(placed.pricing.couponsIssued, []);
    assert.deepEqual(placed.order.promotionIds, []);
    const explanation = placed.pricing.promotions[0]!;
    assert.deepEqual([explanation.status, explanation.reason], ['not_applied', 'coupon_expired']);
    assert.match(explanation.detail!, /2026-11-17, before today \(2026-11-23\)/);
    assert.equal(await crm.coupons.count(), 0);
  });
});
