import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePricing, CrmValidationError, parseWith, priceListSchema, promotionSchema, productSchema, type PricingContext } from '@crmkit/core';
import { catalogueProducts, kem, nuoc, priceList, product, promotion, son } from './fixtures.js';

const today: PricingContext = { date: '2026-11-23', customerId: 'c-1', customerKind: 'shop', region: 'Hà Nội', channel: 'face_to_face', orderId: 'o-1' };

describe('price lists', () => {
  it('a list in dollars never mixes in a base price in đồng: the line is refused, naming why', () => {
    const a = product('a', { basePrice: 50_000 });
    const b = product('b', { basePrice: 20_000 });
    const license = product('license', { basePrice: 500, currency: 'USD' });
    const usd = priceList('usd', { currency: 'USD', items: [{ target: { kind: 'product', productId: 'a' }, price: 2 }] });
    const engine = compilePricing({ products: [a, b, license], priceLists: [usd], promotions: [] });
    const error = (() => { try { engine.price({ lines: [{ productId: 'a', quantity: 1 }, { productId: 'b', quantity: 1 }] }, today); } catch (e) { return e; } })();
    assert.ok(error instanceof CrmValidationError);
    assert.deepEqual(error.issues.map((issue) => [issue.path, issue.code]), [['lines.1.productId', 'currency_mismatch']]);
    assert.match(error.issues[0]!.message, /B has no price on the list "usd" \(USD\) and its base price is in VND/);
    // a base price in the list's own currency is fine
    const result = engine.price({ lines: [{ productId: 'a', quantity: 1 }, { productId: 'license', quantity: 1 }] }, today);
    assert.deepEqual([result.currency, result.totals.subtotal], ['USD', 502]);
  });

  it('without a list, a cart is priced in its products’ currency, not the catalogue’s first product’s', () => {
    const license = product('license', { basePrice: 500, currency: 'USD' });
    const milk = product('sua', { basePrice: 30_000 });
    const engine = compilePricing({ products: [license, milk], priceLists: [], promotions: [] });
    assert.equal(engine.price({ lines: [{ productId: 'sua', quantity: 1 }] }, today).currency, 'VND');
    assert.equal(engine.price({ lines: [{ productId: 'license', quantity: 1 }] }, today).currency, 'USD');
    const error = (() => { try { engine.price({ lines: [{ productId: 'sua', quantity: 1 }, { productId: 'license', quantity: 1 }] }, today); } catch (e) { return e; } })();
    assert.ok(error instanceof CrmValidationError);
    assert.deepEqual(error.issues.map((issue) => [issue.path, issue.code]), [['lines.1.productId', 'currency_mismatch']]);
  });

  it('tiered prices: the highest minimum quantity the line reaches wins', () => {
    const list = priceList('dai-ly', {
      items: [
        { target: { kind: 'product', productId: 'nuoc' }, price: 9_500, minQuantity: 0 },
        { target: { kind: 'product', productId: 'nuoc' }, price: 9_000, minQuantity: 50 },
        { target: { kind: 'product', productId: 'nuoc' }, price: 8_500, minQuantity: 200 },
      ],
    });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [list], promotions: [] });
    const price = (quantity: number) => engine.price({ lines: [{ productId: 'nuoc', quantity }] }, today).lines[0]!.unitPrice;
    assert.equal(price(10), 9_500);
    assert.equal(price(50), 9_000);
    assert.equal(price(199), 9_000);
    assert.equal(price(200), 8_500);
  });

  it('a product’s own item beats its group’s, which beats the catch-all; units convert', () => {
    const list = priceList('chung', {
      items: [
        { target: { kind: 'all' }, price: 1 },
        { target: { kind: 'group', groupId: 'my-pham' }, price: 200_000 },
        { target: { kind: 'product', productId: 'kem' }, price: 240_000 },
      ],
    });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [list], promotions: [] });
    const result = engine.price({ lines: [{ productId: 'kem', quantity: 1 }, { productId: 'son', quantity: 1 }, { productId: 'nuoc', quantity: 1 }, { productId: 'kem', quantity: 1, unit: 'thùng' }] }, today);
    assert.deepEqual(result.lines.map((line) => line.unitPrice), [240_000, 200_000, 1, 240_000 * 24]);
  });

  it('a list valid from next month does not apply today; a stopped list never applies', () => {
    const next = priceList('thang-sau', { validFrom: '2026-12-01', items: [{ target: { kind: 'all' }, price: 1_000 }] });
    const stopped = priceList('ngung', { status: 'stopped', items: [{ target: { kind: 'all' }, price: 2_000 }] });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [next, stopped], promotions: [] });
    const result = engine.price({ lines: [{ productId: 'kem', quantity: 1 }] }, today);
    assert.equal(result.priceListId, undefined);
    assert.equal(result.lines[0]!.unitPrice, 250_000, 'the base price applies');
    assert.equal(result.lines[0]!.priceSource, 'base_price');
    const december = engine.price({ lines: [{ productId: 'kem', quantity: 1 }] }, { ...today, date: '2026-12-01' });
    assert.equal(december.lines[0]!.unitPrice, 1_000);
  });

  it('the list assigned to the customer beats the one for their region, which beats the default', () => {
    const lists = [
      priceList('mac-dinh', { items: [{ target: { kind: 'all' }, price: 100 }] }),
      priceList('ha-noi', { assignment: { regions: ['Hà Nội'] }, items: [{ target: { kind: 'all' }, price: 200 }] }),
      priceList('rieng', { assignment: { customerIds: ['c-1'] }, items: [{ target: { kind: 'all' }, price: 300 }] }),
    ];
    const engine = compilePricing({ products: catalogueProducts, priceLists: lists, promotions: [] });
    assert.equal(engine.price({ lines: [{ productId: 'kem', quantity: 1 }] }, today).priceListId, 'rieng');
    assert.equal(engine.price({ lines: [{ productId: 'kem', quantity: 1 }] }, { ...today, customerId: 'c-2' }).priceListId, 'ha-noi');
    assert.equal(engine.price({ lines: [{ productId: 'kem', quantity: 1 }] }, { ...today, customerId: 'c-2', region: 'Huế' }).priceListId, 'mac-dinh');
  });

  it('two taxes on one line: a percentage and a fixed fee per unit, each rounded on the line', () => {
    const list = priceList('thue', {
      items: [{ target: { kind: 'product', productId: 'nuoc' }, price: 10_001, taxes: [{ name: 'VAT', kind: 'percent', value: 8 }, { name: 'Phí môi trường', kind: 'fixed_per_unit', value: 500 }] }],
    });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [list], promotions: [] });
    const line = engine.price({ lines: [{ productId: 'nuoc', quantity: 3 }] }, today).lines[0]!;
    assert.equal(line.gross, 30_003);
    assert.deepEqual(line.taxes, [{ name: 'VAT', amount: 2_400 }, { name: 'Phí môi trường', amount: 1_500 }]);
    assert.equal(line.total, 30_003 + 2_400 + 1_500);
  });

  it('rounding: half away from zero, once per line, and totals are sums of lines', () => {
    const engine = compilePricing({ products: [{ ...son, basePrice: 15, taxPercent: 10 }], priceLists: [], promotions: [] });
    const result = engine.price({ lines: [{ productId: 'son', quantity: 1 }, { productId: 'son', quantity: 1 }] }, today);
    assert.deepEqual(result.lines.map((line) => line.tax), [2, 2], '1.5 rounds to 2 on each line');
    assert.equal(result.totals.tax, 4);
    assert.equal(result.totals.total, 34);
  });
});

describe('promotions', () => {
  const cosmetics10 = promotion('mypham10', { appliesTo: { groupIds: ['my-pham'] }, basis: { measure: 'amount', min: 2_000_000 }, reward: { kind: 'percent_off', percent: 10 } });

  it('a 10% programme for orders over 2,000,000 ₫ of cosmetics', () => {
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [cosmetics10] });
    const small = engine.price({ lines: [{ productId: 'kem', quantity: 4 }, { productId: 'nuoc', quantity: 100 }] }, today);
    assert.equal(small.totals.discount, 0, '1,000,000 ₫ of cosmetics is below the minimum (water does not count)');
    assert.equal(small.promotions[0]!.reason, 'basis_below_minimum');
    const big = engine.price({ lines: [{ productId: 'kem', quantity: 8 }, { productId: 'son', quantity: 1 }, { productId: 'nuoc', quantity: 10 }] }, today);
    assert.equal(big.promotions[0]!.status, 'applied');
    assert.deepEqual(big.lines.map((line) => line.discount), [200_000, 18_000, 0]);
    assert.equal(big.totals.discount, 218_000);
    assert.equal(big.lines[0]!.tax, 180_000, 'VAT on the discounted line');
  });

  it('buy 10 get 1 free', () => {
    const buy10 = promotion('mua10tang1', { appliesTo: { productIds: ['nuoc'] }, basis: { measure: 'quantity', min: 10 }, reward: { kind: 'free_products', buyQuantity: 10, freeProductId: 'nuoc', freeQuantity: 1 } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [buy10] });
    const result = engine.price({ lines: [{ productId: 'nuoc', quantity: 25 }] }, today);
    const free = result.lines.find((line) => line.free)!;
    assert.equal(free.quantity, 2);
    assert.equal(free.total, 0);
    assert.equal(result.totals.total, 25 * 10_000 + 20_000, '25 bottles paid with 8% VAT, 2 free');
    const nine = engine.price({ lines: [{ productId: 'nuoc', quantity: 9 }] }, today);
    assert.equal(nine.lines.length, 1);
  });

  it('two exclusive programmes: the customer gets the better one, and the other says why not', () => {
    const fivePercent = promotion('giam5', { exclusiveGroup: 'thang11', reward: { kind: 'percent_off', percent: 5 } });
    const hundredThousand = promotion('giam100k', { exclusiveGroup: 'thang11', reward: { kind: 'amount_off', amount: 100_000 } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [fivePercent, hundredThousand] });
    const small = engine.price({ lines: [{ productId: 'kem', quantity: 4 }] }, today);
    assert.deepEqual(small.promotions.map((p) => [p.code, p.status]).sort(), [['GIAM100K', 'applied'], ['GIAM5', 'not_applied']]);
    assert.equal(small.promotions.find((p) => p.code === 'GIAM5')!.reason, 'beaten_by_exclusive');
    const big = engine.price({ lines: [{ productId: 'kem', quantity: 40 }] }, today);
    assert.equal(big.promotions.find((p) => p.code === 'GIAM5')!.status, 'applied', '5% of 10,000,000 beats 100,000');
    assert.equal(big.totals.discount, 500_000);
  });

  it('stackable programmes add up, never beyond the line', () => {
    const a = promotion('a', { reward: { kind: 'percent_off', percent: 60 } });
    const b = promotion('b', { reward: { kind: 'percent_off', percent: 60 } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [a, b] });
    const line = engine.price({ lines: [{ productId: 'son', quantity: 1 }] }, today).lines[0]!;
    assert.equal(line.discount, 180_000);
    assert.equal(line.net, 0);
  });

  it('a programme out of scope for a region says which dimension missed', () => {
    const hcm = promotion('hcm', { scope: { regions: ['TP. Hồ Chí Minh'] }, reward: { kind: 'amount_off', amount: 10_000 } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [hcm] });
    const result = engine.price({ lines: [{ productId: 'kem', quantity: 1 }] }, today);
    assert.deepEqual([result.promotions[0]!.reason, result.promotions[0]!.detail], ['out_of_scope', 'region']);
    assert.equal(result.totals.discount, 0);
  });

  it('buy 10 get 1 on 3 cans gives nothing, so it is not applied: it says why and uses up no limit', () => {
    const buy10 = promotion('mua10tang1', { appliesTo: { productIds: ['nuoc'] }, limits: { perCustomer: 1 }, reward: { kind: 'free_products', buyQuantity: 10, freeProductId: 'nuoc', freeQuantity: 1 } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [buy10] });
    const three = engine.price({ lines: [{ productId: 'nuoc', quantity: 3 }] }, today);
    assert.deepEqual(three.promotions.map((p) => [p.code, p.status, p.reason, p.value]), [['MUA10TANG1', 'not_applied', 'no_reward', 0]]);
    assert.match(three.promotions[0]!.detail!, /3 bought, 10 needed/);
    assert.equal(three.lines.length, 1);
  });

  it('a fixed price above today’s price, and a free product missing from the catalogue, give nothing', () => {
    const fixed = promotion('dong-gia', { appliesTo: { productIds: ['nuoc'] }, reward: { kind: 'fixed_price', price: 12_000 } });
    const gone = promotion('tang-qua', { reward: { kind: 'free_products', buyQuantity: 1, freeProductId: 'qua-da-xoa', freeQuantity: 1 } });
    const nextTime = promotion('lan-sau-qua', { reward: { kind: 'amount_off', amount: 1 }, execution: { kind: 'coupon', validDays: 30, reward: { kind: 'free_products', buyQuantity: 1, freeProductId: 'qua-da-xoa', freeQuantity: 1 } } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [fixed, gone, nextTime] }, { newCouponCode: () => 'CP-TEST-0001' });
    const result = engine.price({ lines: [{ productId: 'nuoc', quantity: 5 }] }, today);
    assert.deepEqual(result.promotions.map((p) => [p.code, p.status, p.reason]).sort(), [
      ['DONG-GIA', 'not_applied', 'no_reward'],
      ['LAN-SAU-QUA', 'not_applied', 'no_reward'],
      ['TANG-QUA', 'not_applied', 'no_reward'],
    ]);
    assert.deepEqual(result.couponsIssued, [], 'a coupon for a product that does not exist is not issued');
    assert.equal(result.totals.discount, 0);
  });

  it('a programme the others left nothing to take is not applied', () => {
    const all = promotion('a-tang', { reward: { kind: 'percent_off', percent: 100 } });
    const more = promotion('b-them', { reward: { kind: 'percent_off', percent: 10 } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [all, more] });
    const result = engine.price({ lines: [{ productId: 'son', quantity: 1 }] }, today);
    assert.deepEqual(result.promotions.map((p) => [p.code, p.status, p.reason, p.value]), [['A-TANG', 'applied', undefined, 180_000], ['B-THEM', 'not_applied', 'no_reward', 0]]);
  });

  it('out of period, stopped and usage limits are explained', () => {
    const old = promotion('cu', { validTo: '2026-10-31', reward: { kind: 'amount_off', amount: 1 } });
    const stopped = promotion('dung', { status: 'stopped', reward: { kind: 'amount_off', amount: 1 } });
    const limited = promotion('gioihan', { limits: { perCustomer: 1 }, reward: { kind: 'amount_off', amount: 1 } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [old, stopped, limited] });
    const result = engine.price({ lines: [{ productId: 'kem', quantity: 1 }] }, { ...today, usage: { gioihan: { total: 5, byCustomer: 1 } } });
    const reasons = Object.fromEntries(result.promotions.map((p) => [p.code, p.reason]));
    assert.deepEqual(reasons, { CU: 'out_of_period', DUNG: 'stopped', GIOIHAN: 'limit_reached' });
  });
});

describe('coupons', () => {
  const nextPurchase = promotion('lan-sau', { reward: { kind: 'amount_off', amount: 50_000 }, execution: { kind: 'coupon', validDays: 30 } });

  it('a coupon-executed programme issues a coupon and does not discount this order', () => {
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [nextPurchase] }, { newCouponCode: () => 'CP-TEST-0001' });
    const result = engine.price({ lines: [{ productId: 'kem', quantity: 1 }] }, today);
    assert.equal(result.totals.discount, 0);
    assert.deepEqual(result.couponsIssued, [{ promotionId: 'lan-sau', code: 'CP-TEST-0001', expiresAt: '2026-12-23T00:00:00.000Z', reward: { kind: 'amount_off', amount: 50_000 } }]);
  });

  it('a coupon earned on an order is refused on that order, accepted on the next, and refused once used', () => {
    const coupon = {
      id: 'cp-1', code: 'CP-TEST-0001', promotionId: 'lan-sau', issuedToCustomerId: 'c-1', issuedOnOrderId: 'o-1',
      issuedAt: '2026-11-23T03:00:00.000Z', expiresAt: '2026-12-23T00:00:00.000Z', status: 'active' as const, reward: { kind: 'amount_off' as const, amount: 50_000 },
    };
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [], coupons: [coupon] });
    const same = (() => { try { engine.price({ lines: [{ productId: 'kem', quantity: 1 }], couponCodes: ['CP-TEST-0001'] }, today); } catch (e) { return e; } })();
    assert.ok(same instanceof CrmValidationError);
    assert.deepEqual(same.issues.map((i) => [i.path, i.code]), [['couponCodes.0', 'earned_on_this_order']]);
    const next = engine.price({ lines: [{ productId: 'kem', quantity: 1 }], couponCodes: ['CP-TEST-0001'] }, { ...today, orderId: 'o-2' });
    assert.deepEqual(next.couponsRedeemed, [{ code: 'CP-TEST-0001', couponId: 'cp-1', amount: 50_000 }]);
    const usedEngine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [], coupons: [{ ...coupon, status: 'redeemed', redeemedOnOrderId: 'o-2' }] });
    assert.throws(() => usedEngine.price({ lines: [{ productId: 'kem', quantity: 1 }], couponCodes: ['CP-TEST-0001'] }, { ...today, orderId: 'o-3' }), /already used/);
    assert.throws(() => engine.price({ lines: [{ productId: 'kem', quantity: 1 }], couponCodes: ['CP-TEST-0001'] }, { ...today, customerId: 'c-9', orderId: 'o-3' }), /another customer/);
  });
});

describe('coupons that give nothing', () => {
  it('a coupon that gives nothing on this cart is refused, so the customer keeps it for one it does', () => {
    const coupon = {
      id: 'cp-1', code: 'CP-TEST-0001', promotionId: 'lan-sau', issuedToCustomerId: 'c-1', issuedOnOrderId: 'o-1',
      issuedAt: '2026-11-23T03:00:00.000Z', expiresAt: '2026-12-23T00:00:00.000Z', status: 'active' as const,
      reward: { kind: 'free_products' as const, buyQuantity: 10, freeProductId: 'nuoc', freeQuantity: 1 },
    };
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [], coupons: [coupon] });
    const three = (() => { try { engine.price({ lines: [{ productId: 'nuoc', quantity: 3 }], couponCodes: ['CP-TEST-0001'] }, { ...today, orderId: 'o-2' }); } catch (e) { return e; } })();
    assert.ok(three instanceof CrmValidationError);
    assert.deepEqual(three.issues.map((i) => [i.path, i.code]), [['couponCodes.0', 'no_reward']]);
    const ten = engine.price({ lines: [{ productId: 'nuoc', quantity: 10 }], couponCodes: ['CP-TEST-0001'] }, { ...today, orderId: 'o-2' });
    assert.deepEqual(ten.couponsRedeemed, [{ code: 'CP-TEST-0001', couponId: 'cp-1', amount: 10_000 }]);
  });
});

describe('bad input is refused with field-named errors', () => {
  function issuesOf(run: () => unknown): string[] {
    try {
      run();
    } catch (error) {
      assert.ok(error instanceof CrmValidationError);
      return error.issues.map((issue) => issue.path);
    }
    assert.fail('expected a CrmValidationError');
  }

  it('a negative price, a percentage over 100, reversed dates', () => {
    assert.deepEqual(issuesOf(() => parseWith(priceListSchema, { name: 'x', items: [{ target: { kind: 'all' }, price: -1 }] })), ['items.0.price']);
    assert.deepEqual(issuesOf(() => parseWith(promotionSchema, { code: 'X', name: 'x', reward: { kind: 'percent_off', percent: 120 } })), ['reward.percent']);
    assert.deepEqual(
      issuesOf(() => parseWith(promotionSchema, { code: 'X', name: 'x', validFrom: '2026-12-01', validTo: '2026-11-01', reward: { kind: 'amount_off', amount: 1 } })),
      ['validTo'],
    );
    assert.deepEqual(issuesOf(() => parseWith(productSchema, { code: 'X', name: 'x', basePrice: -5 })), ['basePrice']);
  });

  it('an unknown unit and an unknown product on a cart line', () => {
    const engine = compilePricing({ products: [kem, nuoc], priceLists: [], promotions: [] });
    assert.deepEqual(issuesOf(() => engine.price({ lines: [{ productId: 'kem', quantity: 1, unit: 'bao' }, { productId: 'nope', quantity: 1 }] }, today)), ['lines.0.unit', 'lines.1.productId']);
    assert.deepEqual(issuesOf(() => engine.price({ lines: [{ productId: 'kem', quantity: -2 }] }, today)), ['lines.0.quantity']);
  });
});

describe('splitting a cart-level discount over lines', () => {
  it('never loses or invents a đồng, and each share is within one unit of exact', async () => {
    const { allocateProportionally } = await import('@crmkit/core');
    const weights = [333_333, 333_333, 333_334, 1];
    const shares = allocateProportionally(100_000, weights);
    assert.equal(shares.reduce((sum, share) => sum + share, 0), 100_000);
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    shares.forEach((share, i) => assert.ok(Math.abs(share - (100_000 * weights[i]!) / total) < 1));
    assert.deepEqual(allocateProportionally(0, [1, 2]), [0, 0]);
  });
});
