import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCrm, createMemoryAdapter, crmStorageSchema, CrmConflictError, CrmValidationError } from '@crmkit/core';

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
