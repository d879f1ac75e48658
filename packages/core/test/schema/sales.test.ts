import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contractSchema, refineContract } from '../../src/schema/contract.js';
import { opportunitySchema, refineOpportunity } from '../../src/schema/opportunity.js';
import { orderSchema } from '../../src/schema/order.js';
import { quoteSchema, refineQuote } from '../../src/schema/quote.js';
import { parseWith } from '../../src/schema/validate.js';
import { assertRefused, benNghe } from './helpers.js';

describe('opportunity (Cơ hội)', () => {
  const opportunity = {
    name: 'Cáp quang cho Minh Phát',
    contactId: 'ct-an',
    companyId: 'co-minh-phat',
    leadId: 'lead-1',
    stageId: 'stage-proposal',
    expectedRevenue: { amount: 120_000_000, currency: 'VND' },
    probability: 60,
    expectedCloseDate: '2026-12-31',
    salespersonId: 'u-an',
    priority: 3,
    stageHistory: [
      { stageId: 'stage-new', enteredAt: '2026-11-01T02:00:00.000Z', leftAt: '2026-11-10T03:00:00.000Z', byUserId: 'u-an' },
      { stageId: 'stage-proposal', enteredAt: '2026-11-10T03:00:00.000Z' },
    ],
  };

  it('an opportunity with its stage history parses, open', () => {
    const parsed = parseWith(opportunitySchema, opportunity, 'opportunity');
    assert.equal(parsed.status, 'open');
    assert.equal(parsed.stageHistory?.length, 2);
  });

  it('it needs a name and a stage', () => {
    assertRefused(opportunitySchema, { expectedRevenue: { amount: 1 } }, ['name', 'stageId'], 'required');
  });

  it('an unknown status value is refused', () => {
    assertRefused(opportunitySchema, { ...opportunity, status: 'closed' }, ['status']);
  });

  it('probability above 100 and five stars are refused', () => {
    assertRefused(opportunitySchema, { ...opportunity, probability: 120, priority: 4 }, ['probability', 'priority']);
  });

  it('a stage visit without its entry time is named by index', () => {
    assertRefused(opportunitySchema, { ...opportunity, stageHistory: [{ stageId: 'stage-new' }] }, ['stageHistory.0.enteredAt']);
  });

  it('a lost opportunity needs a lost reason', () => {
    const checked = opportunitySchema.superRefine(refineOpportunity);
    assertRefused(checked, { ...opportunity, status: 'lost', lostNote: 'Khách chọn nhà mạng khác' }, ['lostReasonId']);
    assert.equal(parseWith(checked, { ...opportunity, status: 'lost', lostReasonId: 'lr-price' }).lostReasonId, 'lr-price');
    assert.equal(parseWith(checked, { ...opportunity, status: 'won', closedAt: '2026-12-01T09:00:00+07:00' }).status, 'won');
  });
});

const lines = [
  { productId: 'p-router', description: 'Bộ phát Wi-Fi 6', quantity: 2, unit: 'bộ', unitPrice: 1_850_000, taxPercent: 10 },
  { description: 'Cáp mạng Cat6', quantity: 12.5, unit: 'mét', unitPrice: 8_000, discountPercent: 5, taxPercent: 10 },
];

describe('quote (Báo giá)', () => {
  const quote = {
    number: 'BG-2026-0001',
    opportunityId: 'opp-1',
    companyId: 'co-minh-phat',
    date: '2026-11-20',
    validUntil: '2026-12-20',
    lines,
    totals: { subtotal: 3_800_000, discount: 5_000, tax: 379_500, total: 4_174_500 },
  };

  it('a quote with decimal quantities parses as a VND draft', () => {
    const parsed = parseWith(quoteSchema, quote, 'quote');
    assert.equal(parsed.state, 'draft');
    assert.equal(parsed.currency, 'VND');
    assert.equal(parsed.lines[1]?.quantity, 12.5);
  });

  it('a negative or zero quantity is refused on its line', () => {
    assertRefused(quoteSchema, { ...quote, lines: [{ ...lines[0], quantity: -1 }] }, ['lines.0.quantity']);
    assertRefused(quoteSchema, { ...quote, lines: [lines[0], { ...lines[1], quantity: 0 }] }, ['lines.1.quantity']);
  });

  it('a unit price is whole minor units, not negative', () => {
    assertRefused(quoteSchema, { ...quote, lines: [{ ...lines[0], unitPrice: 1_850_000.5 }, { ...lines[1], unitPrice: -8_000 }] }, ['lines.0.unitPrice', 'lines.1.unitPrice']);
  });

  it('a line needs a description and a tax over 100% is refused', () => {
    assertRefused(quoteSchema, { ...quote, lines: [{ quantity: 1, unitPrice: 0, taxPercent: 110 }] }, ['lines.0.description', 'lines.0.taxPercent']);
  });

  it('totals are whole numbers and the state is a known one', () => {
    assertRefused(quoteSchema, { ...quote, totals: { ...quote.totals, tax: 379_500.4 }, state: 'paid' }, ['totals.tax', 'state']);
  });

  it('a quote cannot be valid until before its date', () => {
    const checked = quoteSchema.superRefine(refineQuote);
    assertRefused(checked, { ...quote, validUntil: '2026-11-19' }, ['validUntil']);
    assert.equal(parseWith(checked, { ...quote, validUntil: '2026-11-20' }).validUntil, '2026-11-20');
  });
});

describe('order (Đơn hàng)', () => {
  const order = {
    number: 'DH-2026-0001',
    quoteId: 'q-1',
    contactId: 'ct-an',
    date: '2026-11-21',
    lines,
    totals: { subtotal: 3_800_000, discount: 5_000, tax: 379_500, total: 4_174_500 },
    deliveryAddress: benNghe,
    deliveryTime: '2026-11-22T09:00:00+07:00',
    paymentMethod: 'cod',
    channel: 'face_to_face',
    gps: { lat: 10.7769, lng: 106.7009 },
    photos: [{ url: 'https://cdn.example.vn/visits/dh-0001.jpg', caption: 'Quầy hàng' }],
  };

  it('a face-to-face order with GPS and a photo parses as a draft', () => {
    const parsed = parseWith(orderSchema, order, 'order');
    assert.equal(parsed.status, 'draft');
    assert.equal(parsed.photos?.[0]?.kind, 'photo');
  });

  it('an order needs at least one line', () => {
    assertRefused(orderSchema, { ...order, lines: [] }, ['lines']);
  });

  it('unknown payment method, channel and status are named', () => {
    assertRefused(orderSchema, { ...order, paymentMethod: 'credit', channel: 'door', status: 'shipped' }, ['paymentMethod', 'channel', 'status']);
  });

  it('a negative line quantity is refused on its line', () => {
    assertRefused(orderSchema, { ...order, lines: [lines[0], { ...lines[1], quantity: -2 }] }, ['lines.1.quantity']);
  });
});

describe('contract (Hợp đồng)', () => {
  const contract = {
    number: 'HĐ-2026-001',
    opportunityId: 'opp-1',
    companyId: 'co-minh-phat',
    signingDate: '2026-11-25',
    startDate: '2026-12-01',
    endDate: '2027-11-30',
    termMonths: 12,
    terms: 'Thanh toán hàng tháng trước ngày 10.',
    value: { amount: 43_200_000, currency: 'VND' },
    status: 'active',
  };

  it('a one-year contract parses', () => {
    assert.equal(parseWith(contractSchema, contract, 'contract').termMonths, 12);
  });

  it('an unknown status and a zero-month term are refused', () => {
    assertRefused(contractSchema, { ...contract, status: 'signed', termMonths: 0 }, ['termMonths', 'status']);
  });

  it('a contract cannot end before it starts', () => {
    const checked = contractSchema.superRefine(refineContract);
    assertRefused(checked, { ...contract, endDate: '2026-11-30' }, ['endDate']);
    assert.equal(parseWith(checked, { ...contract, endDate: undefined }).endDate, undefined);
  });
});
