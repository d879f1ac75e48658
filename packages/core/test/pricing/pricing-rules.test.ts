import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePricing, CrmRuleError, CrmValidationError, couponSchema, documentTotals, parseWith, percentOf, productSchema, roundMinor, type PricingContext } from '@crmkit/core';
import { assertNoComboCycle, assertProductCodeFree, findComboCycleIn } from '../../src/pricing/index.js';
import { documentLinesFor } from '../../src/pricing/order-lines.js';
import { couponRefusal, seededCouponCodes } from '../../src/promotions/index.js';
import { catalogueProducts, kem, nuoc, priceList, product, promotion, son } from './fixtures.js';

const today: PricingContext = { date: '2026-11-23', customerId: 'c-1', customerKind: 'shop', region: 'Hà Nội', channel: 'tele', orderId: 'o-1' };

function issuesOf(run: () => unknown): { path: string; code: string }[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof CrmValidationError, `expected a CrmValidationError, got ${String(error)}`);
    return error.issues.map((issue) => ({ path: issue.path, code: issue.code }));
  }
  assert.fail('expected a CrmValidationError');
}

describe('products', () => {
  it('a product code reused is refused at `code`, whatever its case or spacing', () => {
    const taken = ['SP-001', 'KEM-DUONG'];
    assert.deepEqual(issuesOf(() => assertProductCodeFree(' sp-001 ', taken)), [{ path: 'code', code: 'duplicate_code' }]);
    assert.deepEqual(issuesOf(() => assertProductCodeFree('kem-dưỡng', ['KEM-DƯỠNG'.normalize('NFD')])), [{ path: 'code', code: 'duplicate_code' }]);
    assert.doesNotThrow(() => assertProductCodeFree('SP-002', taken));
  });

  it('a combo that contains itself through another combo is refused, naming the path', () => {
    const catalogue = [
      { id: 'hop-qua', packaging: { kind: 'combo' as const, items: [{ productId: 'kem', quantity: 1 }, { productId: 'bo-doi', quantity: 1 }] } },
      { id: 'bo-doi', packaging: { kind: 'combo' as const, items: [{ productId: 'son', quantity: 2 }] } },
      { id: 'kem', packaging: { kind: 'single' as const } },
    ];
    // bo-doi now wants to hold hop-qua, which already holds bo-doi
    const edited = { packaging: { kind: 'combo' as const, items: [{ productId: 'son', quantity: 2 }, { productId: 'hop-qua', quantity: 1 }] } };
    assert.deepEqual(findComboCycleIn('bo-doi', edited, catalogue), { itemIndex: 1, path: ['bo-doi', 'hop-qua', 'bo-doi'] });
    try {
      assertNoComboCycle('bo-doi', edited, catalogue);
      assert.fail('expected a combo cycle');
    } catch (error) {
      assert.ok(error instanceof CrmValidationError);
      assert.deepEqual(error.issues.map((issue) => [issue.path, issue.code]), [['packaging.items.1.productId', 'combo_cycle']]);
      assert.match(error.issues[0]!.message, /bo-doi → hop-qua → bo-doi/);
    }
    assert.deepEqual(findComboCycleIn('x', { packaging: { kind: 'combo', items: [{ productId: 'x', quantity: 1 }] } }, catalogue)?.path, ['x', 'x']);
  });

  it('two combos sharing a product is no cycle', () => {
    const catalogue = new Map([
      ['a', { packaging: { kind: 'combo' as const, items: [{ productId: 'kem', quantity: 1 }] } }],
      ['b', { packaging: { kind: 'combo' as const, items: [{ productId: 'kem', quantity: 2 }] } }],
    ]);
    assert.equal(findComboCycleIn('c', { packaging: { kind: 'combo', items: [{ productId: 'a', quantity: 1 }, { productId: 'b', quantity: 1 }] } }, catalogue), undefined);
  });

  it('a unit named twice, or shadowing the base unit, is refused at its name', () => {
    assert.deepEqual(
      issuesOf(() => parseWith(productSchema, { code: 'X', name: 'x', basePrice: 1, baseUnit: 'hộp', units: [{ name: 'thùng', baseUnits: 24 }, { name: 'hộp', baseUnits: 1 }] })),
      [{ path: 'units.1.name', code: 'custom' }],
    );
  });
});

describe('units on price-list items', () => {
  it('a fee fixed per carton stays per carton when the line counts boxes', () => {
    const list = priceList('theo-thung', {
      items: [{ target: { kind: 'product', productId: 'kem' }, unit: 'thùng', price: 5_760_000, taxes: [{ name: 'Phí vận chuyển', kind: 'fixed_per_unit', value: 5_000 }] }],
    });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [list], promotions: [] });
    const line = engine.price({ lines: [{ productId: 'kem', quantity: 48 }] }, today).lines[0]!;
    assert.equal(line.unitPrice, 240_000);
    assert.deepEqual(line.taxes, [{ name: 'Phí vận chuyển', amount: 10_000 }]);
  });

  it('buy 10 get 1 free counts base units: a carton of 24 boxes earns 2 free boxes', () => {
    const buyTen = promotion('mua10tang1', { appliesTo: { productIds: ['kem'] }, basis: { measure: 'quantity', min: 10 }, reward: { kind: 'free_products', buyQuantity: 10, freeProductId: 'kem', freeQuantity: 1 } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [buyTen] });
    const result = engine.price({ lines: [{ productId: 'kem', quantity: 1, unit: 'thùng' }] }, today);
    const free = result.lines.find((line) => line.free)!;
    assert.deepEqual([free.quantity, free.unit, free.total], [2, 'hộp', 0]);
    assert.equal(result.totals.total, 6_000_000 + 600_000);
  });

  it('a carton of 12 costs the same as 12 cans: 1,200 cans at 100,000 ₫ a carton are 100 cartons, 10,000,000 ₫', () => {
    const beer = product('bia', { basePrice: 9_000, baseUnit: 'lon', units: [{ name: 'thùng', baseUnits: 12 }] });
    const list = priceList('si', { items: [{ target: { kind: 'product', productId: 'bia' }, unit: 'thùng', price: 100_000, taxes: [{ name: 'Phí vận chuyển', kind: 'fixed_per_unit', value: 5_000 }] }] });
    const engine = compilePricing({ products: [beer], priceLists: [list], promotions: [] });
    const byCan = engine.price({ lines: [{ productId: 'bia', quantity: 1_200 }] }, today);
    const byCarton = engine.price({ lines: [{ productId: 'bia', quantity: 100, unit: 'thùng' }] }, today);
    assert.equal(byCan.lines[0]!.gross, 10_000_000, 'not 1,200 × 8,333 = 9,999,600');
    assert.deepEqual(byCan.totals, byCarton.totals);
    assert.equal(byCan.lines[0]!.unitPrice, 8_333, 'a can’s price is shown rounded, never multiplied');
    assert.deepEqual([byCan.lines[0]!.statedPrice, byCan.lines[0]!.statedUnit, byCan.lines[0]!.statedQuantity], [100_000, 'thùng', 100]);
    // 13 cans: 100,000 × 13 / 12 = 108,333.33 → 108,333, rounded once; the fee is 5,000 per carton, 13/12 of it
    const thirteen = engine.price({ lines: [{ productId: 'bia', quantity: 13 }] }, today).lines[0]!;
    assert.deepEqual([thirteen.gross, thirteen.tax], [108_333, 5_417]);
  });

  it('a fixed promotional price is per base unit', () => {
    const dongGia = promotion('dong-gia', { appliesTo: { productIds: ['nuoc'] }, reward: { kind: 'fixed_price', price: 8_000 } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [dongGia] });
    const line = engine.price({ lines: [{ productId: 'nuoc', quantity: 2, unit: 'thùng' }] }, today).lines[0]!;
    assert.equal(line.gross, 480_000);
    assert.equal(line.net, 384_000);
  });
});

describe('choosing the best combination', () => {
  it('when stacked discounts fill a line, the exclusive choice that really gives more wins', () => {
    // Alone, 50% off lipstick (90,000) beats 80,000 off water; but the 70% programme already takes 126,000 of
    // the 180,000 lipstick, so 50% more gives only 54,000, and the water discount gives its whole 80,000.
    const always = promotion('son70', { appliesTo: { productIds: ['son'] }, reward: { kind: 'percent_off', percent: 70 } });
    const half = promotion('son50', { appliesTo: { productIds: ['son'] }, exclusiveGroup: 'thang11', reward: { kind: 'percent_off', percent: 50 } });
    const water = promotion('nuoc80k', { appliesTo: { productIds: ['nuoc'] }, exclusiveGroup: 'thang11', reward: { kind: 'amount_off', amount: 80_000 } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [always, half, water] });
    const result = engine.price({ lines: [{ productId: 'son', quantity: 1 }, { productId: 'nuoc', quantity: 10 }] }, today);
    assert.equal(result.totals.discount, 126_000 + 80_000);
    const byCode = Object.fromEntries(result.promotions.map((p) => [p.code, [p.status, p.reason, p.detail, p.value]]));
    assert.deepEqual(byCode, {
      SON70: ['applied', undefined, undefined, 126_000],
      NUOC80K: ['applied', undefined, undefined, 80_000],
      SON50: ['not_applied', 'beaten_by_exclusive', 'NUOC80K', 90_000],
    });
  });

  it('with more combinations than the search bound, a local search still moves the group that matters', () => {
    const always = promotion('son70', { appliesTo: { productIds: ['son'] }, reward: { kind: 'percent_off', percent: 70 } });
    const half = promotion('son50', { appliesTo: { productIds: ['son'] }, exclusiveGroup: 'thang11', reward: { kind: 'percent_off', percent: 50 } });
    const water = promotion('nuoc80k', { appliesTo: { productIds: ['nuoc'] }, exclusiveGroup: 'thang11', reward: { kind: 'amount_off', amount: 80_000 } });
    // eight more groups of two small cream programmes: 2^9 = 512 combinations, more than the bound of 256
    const creams = Array.from({ length: 16 }, (_, i) =>
      promotion(`kem-${String(i).padStart(2, '0')}`, { appliesTo: { productIds: ['kem'] }, exclusiveGroup: `nhom-${i >> 1}`, reward: { kind: 'amount_off', amount: 1_000 + i } }),
    );
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [always, half, water, ...creams] });
    const result = engine.price({ lines: [{ productId: 'son', quantity: 1 }, { productId: 'nuoc', quantity: 10 }, { productId: 'kem', quantity: 1 }] }, today);
    const applied = result.promotions.filter((p) => p.status === 'applied').map((p) => p.code).sort();
    assert.deepEqual(applied, ['KEM-01', 'KEM-03', 'KEM-05', 'KEM-07', 'KEM-09', 'KEM-11', 'KEM-13', 'KEM-15', 'NUOC80K', 'SON70']);
    assert.equal(result.totals.discount, 126_000 + 80_000 + (1_001 + 1_003 + 1_005 + 1_007 + 1_009 + 1_011 + 1_013 + 1_015));
  });

  it('equal value: the higher priority wins, then the code in order', () => {
    const a = promotion('b-prog', { exclusiveGroup: 'g', priority: 5, reward: { kind: 'amount_off', amount: 10_000 } });
    const b = promotion('a-prog', { exclusiveGroup: 'g', priority: 1, reward: { kind: 'amount_off', amount: 10_000 } });
    const c = promotion('c-prog', { exclusiveGroup: 'g', priority: 5, reward: { kind: 'amount_off', amount: 10_000 } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [c, b, a] });
    const applied = engine.price({ lines: [{ productId: 'kem', quantity: 1 }] }, today).promotions.filter((p) => p.status === 'applied');
    assert.deepEqual(applied.map((p) => p.code), ['B-PROG']);
  });

  it('a non-stackable programme is taken alone only when it gives more than the stack', () => {
    const x = promotion('x', { reward: { kind: 'amount_off', amount: 30_000 } });
    const y = promotion('y', { reward: { kind: 'amount_off', amount: 30_000 } });
    const solo = promotion('solo', { stackable: false, reward: { kind: 'amount_off', amount: 50_000 } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [x, y, solo] });
    const result = engine.price({ lines: [{ productId: 'kem', quantity: 1 }] }, today);
    assert.equal(result.totals.discount, 60_000);
    assert.equal(result.promotions.find((p) => p.code === 'SOLO')!.reason, 'beaten_by_exclusive');
  });
});

describe('coupons', () => {
  const stored = {
    id: 'cp-1', code: 'CP-AAAAA-BBBBB', promotionId: 'lan-sau', issuedToCustomerId: 'c-1', issuedOnOrderId: 'o-1',
    issuedAt: '2026-11-23T03:00:00.000Z', expiresAt: '2026-12-23T00:00:00.000Z', status: 'active' as const, reward: { kind: 'percent_off' as const, percent: 10 },
  };

  it('a programme may give a coupon worth something else than the programme itself', () => {
    const spend = promotion('mua-2tr', { basis: { measure: 'amount', min: 2_000_000 }, reward: { kind: 'amount_off', amount: 1 }, execution: { kind: 'coupon', validDays: 7, reward: { kind: 'amount_off', amount: 100_000 } } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [spend] }, { newCouponCode: seededCouponCodes(42) });
    const result = engine.price({ lines: [{ productId: 'kem', quantity: 8 }] }, today);
    assert.equal(result.totals.discount, 0);
    assert.deepEqual(result.couponsIssued.map((c) => [c.reward, c.expiresAt]), [[{ kind: 'amount_off', amount: 100_000 }, '2026-11-30T00:00:00.000Z']]);
    assert.match(result.couponsIssued[0]!.code, /^CP-[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
  });

  it('seeded codes repeat with the seed, and a taken code is drawn again', () => {
    const first = seededCouponCodes(7);
    const again = seededCouponCodes(7);
    const drawn = [first(), first(), first()];
    assert.deepEqual([again(), again(), again()], drawn);
    assert.equal(new Set(drawn).size, 3);
    assert.notEqual(seededCouponCodes(8)(), drawn[0]);
    const codes = ['CP-AAAAA-BBBBB', 'CP-TAKEN-00000', 'CP-FRESH-22222'];
    const next = () => codes.shift()!;
    const earn = promotion('tich-diem', { reward: { kind: 'amount_off', amount: 5_000 }, execution: { kind: 'coupon', validDays: 30 } });
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [earn], coupons: [stored] }, { newCouponCode: next, isCouponCodeTaken: (code) => code === 'CP-TAKEN-00000' });
    assert.equal(engine.price({ lines: [{ productId: 'kem', quantity: 1 }] }, today).couponsIssued[0]!.code, 'CP-FRESH-22222');
    const stuck = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [earn], coupons: [stored] }, { newCouponCode: () => 'CP-AAAAA-BBBBB' });
    assert.throws(() => stuck.price({ lines: [{ productId: 'kem', quantity: 1 }] }, today), (error: unknown) => error instanceof CrmRuleError && error.rule === 'coupon_code_unique');
  });

  it('redeeming: expired, another customer’s, an unknown buyer, earned on this order, already used', () => {
    const next = { date: '2026-11-24', customerId: 'c-1', orderId: 'o-2' };
    assert.equal(couponRefusal(stored, next), undefined);
    assert.equal(couponRefusal(stored, { ...next, date: '2026-12-23' }), undefined, 'usable through its expiry date');
    assert.equal(couponRefusal(stored, { ...next, date: '2026-12-24' }), 'expired');
    assert.equal(couponRefusal(stored, { ...next, customerId: 'c-2' }), 'other_customer');
    assert.equal(couponRefusal(stored, { date: '2026-11-24' }), 'other_customer');
    assert.equal(couponRefusal(stored, { ...next, orderId: 'o-1' }), 'earned_on_this_order');
    assert.equal(couponRefusal({ ...stored, status: 'redeemed', redeemedOnOrderId: 'o-2' }, { ...next, orderId: 'o-3' }), 'already_redeemed');
  });

  it('a coupon presented twice on one order counts once, and an unknown code is named', () => {
    const engine = compilePricing({ products: catalogueProducts, priceLists: [], promotions: [], coupons: [stored] });
    assert.deepEqual(issuesOf(() => engine.price({ lines: [{ productId: 'kem', quantity: 1 }], couponCodes: [stored.code, stored.code, 'CP-NOPE'] }, { ...today, orderId: 'o-2' })), [
      { path: 'couponCodes.1', code: 'presented_twice' },
      { path: 'couponCodes.2', code: 'unknown_coupon' },
    ]);
    const result = engine.price({ lines: [{ productId: 'kem', quantity: 1 }, { productId: 'son', quantity: 1 }], couponCodes: [stored.code] }, { ...today, orderId: 'o-2' });
    assert.deepEqual(result.couponsRedeemed, [{ code: stored.code, couponId: 'cp-1', amount: 43_000 }]);
  });

  it('a stored coupon expiring before it was issued is refused at `expiresAt`', () => {
    assert.deepEqual(issuesOf(() => parseWith(couponSchema, { ...stored, expiresAt: '2026-11-01T00:00:00Z' })), [{ path: 'expiresAt', code: 'custom' }]);
  });
});

describe('rounding', () => {
  it('an exact half rounds away from zero even where the float product falls just below it', () => {
    // 1,500 × 2.3% = 34.5 exactly (the float says 34.499999999999996); 1,500 × 8.7% = 130.5 (130.49999999999997)
    assert.deepEqual([percentOf(1_500, 2.3), percentOf(1_500, 8.7), percentOf(11_000, 0.35), percentOf(-1_500, 2.3)], [35, 131, 39, -35]);
    assert.deepEqual([percentOf(1_499, 2.3), percentOf(1_500, 10), percentOf(0, 8)], [34, 150, 0]);
    // beyond 2^53 and with many decimals, still exact: 12.345678% of 2^53 ₫
    assert.equal(percentOf(2 ** 53, 12.345678), Number((2n ** 53n * 12_345_678n + 50_000_000n) / 100_000_000n));
    assert.equal(percentOf(2 ** 53, 50), 2 ** 52);
    assert.equal(percentOf(3, 50), 2, '1.5 → 2');
    assert.equal(percentOf(1, 1 / 3), 0);
    const candy = product('keo', { basePrice: 1_500, taxPercent: 8.7 });
    const small = promotion('km23', { reward: { kind: 'percent_off', percent: 2.3 } });
    const line = compilePricing({ products: [candy], priceLists: [], promotions: [small] }).price({ lines: [{ productId: 'keo', quantity: 1 }] }, today).lines[0]!;
    assert.deepEqual([line.gross, line.discount, line.net, line.tax, line.total], [1_500, 35, 1_465, 127, 1_592], '1,465 × 8.7% = 127.455 → 127');
  });

  it('half away from zero, at each line’s discount and tax; totals add up the lines', () => {
    assert.deepEqual([roundMinor(2.5), roundMinor(-2.5), roundMinor(2.4999), roundMinor(-0.5)], [3, -3, 2, -1]);
    // 3 × 12,345 ₫ with 5% off each line: 617.25 → 617 and 1,851.75 → 1,852 off, each rounded on its own line
    const cheap = product('keo', { basePrice: 12_345, taxPercent: 10 });
    const fivePercent = promotion('giam5', { reward: { kind: 'percent_off', percent: 5 } });
    const engine = compilePricing({ products: [cheap, kem, son, nuoc], priceLists: [], promotions: [fivePercent] });
    const result = engine.price({ lines: [{ productId: 'keo', quantity: 1 }, { productId: 'keo', quantity: 3 }] }, today);
    assert.deepEqual(result.lines.map((line) => [line.gross, line.discount, line.net, line.tax]), [
      [12_345, 617, 11_728, 1_173],
      [37_035, 1_852, 35_183, 3_518],
    ]);
    assert.equal(result.totals.total, result.lines.reduce((sum, line) => sum + line.total, 0));
    assert.equal(result.totals.total, 11_728 + 1_173 + 35_183 + 3_518);
  });
});

describe('order lines', () => {
  it('an order’s lines add up to the priced totals: discount and tax as percentages, a converted price in its own unit', () => {
    const milk = product('sua', { basePrice: 33_333, taxPercent: 8 });
    const beer = product('bia', { basePrice: 9_000, baseUnit: 'lon', units: [{ name: 'thùng', baseUnits: 12 }] });
    const list = priceList('si', {
      items: [
        { target: { kind: 'product', productId: 'bia' }, unit: 'thùng', price: 100_000, taxes: [{ name: 'VAT', kind: 'percent', value: 10 }, { name: 'Phí', kind: 'fixed_per_unit', value: 5_000 }] },
        { target: { kind: 'product', productId: 'sua' }, price: 33_333, taxes: [{ name: 'VAT', kind: 'percent', value: 8 }] },
      ],
    });
    const seven = promotion('giam7', { reward: { kind: 'percent_off', percent: 7 } });
    const engine = compilePricing({ products: [milk, beer], priceLists: [list], promotions: [seven] });
    const priced = engine.price({ lines: [{ productId: 'sua', quantity: 3 }, { productId: 'bia', quantity: 1_201 }, { productId: 'bia', quantity: 24 }] }, today);
    const lines = documentLinesFor(priced.lines);
    assert.deepEqual(documentTotals(lines), priced.totals);
    assert.deepEqual(lines[0], { productId: 'sua', description: 'SUA', quantity: 3, unit: 'cái', unitPrice: 33_333, discountPercent: 7, taxPercent: 8 });
    // 1,201 cans at a carton price: 8,333 ₫ a can would not make the gross, so the line counts cartons
    assert.deepEqual([lines[1]!.unit, lines[1]!.unitPrice], ['thùng', 100_000]);
    assert.deepEqual([lines[2]!.quantity, lines[2]!.unit, lines[2]!.unitPrice], [2, 'thùng', 100_000]);
  });

  it('a fee on a line discounted to nothing gets a line of its own, and the total still matches', () => {
    const beer = product('bia', { basePrice: 9_000, baseUnit: 'lon' });
    const list = priceList('phi', { items: [{ target: { kind: 'product', productId: 'bia' }, price: 9_000, taxes: [{ name: 'Phí môi trường', kind: 'fixed_per_unit', value: 500 }] }] });
    const all = promotion('tang', { reward: { kind: 'percent_off', percent: 100 } });
    const priced = compilePricing({ products: [beer], priceLists: [list], promotions: [all] }).price({ lines: [{ productId: 'bia', quantity: 2 }] }, today);
    assert.deepEqual([priced.lines[0]!.net, priced.lines[0]!.tax], [0, 1_000]);
    const lines = documentLinesFor(priced.lines);
    assert.equal(lines.length, 2);
    assert.deepEqual(lines[1], { description: 'BIA: Phí môi trường', quantity: 1, unitPrice: 1_000 });
    assert.equal(documentTotals(lines).total, priced.totals.total);
  });
});
