import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrmPermissionError, CrmRuleError, CrmValidationError, createCrm } from '@crmkit/core';
import { commitCount, rejection, seedSalesForce, setup } from './setup.js';

async function world() {
  const context = await setup();
  await seedSalesForce(context.crm, context.sales);
  await context.crm.companies.create({ name: 'Công ty Cổ phần FPT' }, { id: 'fpt' });
  const opportunity = await context.crm.pipeline.open({ name: 'Thiết bị mạng', companyId: 'fpt', expectedRevenue: { amount: 300_000_000, currency: 'VND' } });
  return { ...context, opportunity };
}

const lines = [
  { description: 'Switch 48 cổng', quantity: 2, unitPrice: 25_000_000, discountPercent: 10, taxPercent: 10 },
  { description: 'Lắp đặt', quantity: 1.5, unitPrice: 1_333_333, taxPercent: 8 },
];

describe('quotes', () => {
  it('a quote from an opportunity is numbered from its sequence, valid 30 days, with its lines totalled', async () => {
    const { sales, opportunity, crm } = await world();
    const quote = await sales.documents.createQuote({ opportunityId: opportunity.id, lines });
    assert.deepEqual([quote.number, quote.date, quote.validUntil, quote.state, quote.companyId], ['BG-00001', '2026-11-23', '2026-12-23', 'draft', 'fpt']);
    // 2 × 25,000,000 = 50,000,000 − 10 % = 45,000,000 + 10 % tax; 1.5 × 1,333,333 = 1,999,999.5 → 2,000,000 + 8 %
    assert.deepEqual(quote.totals, { subtotal: 52_000_000, discount: 5_000_000, tax: 4_660_000, total: 51_660_000 });
    const second = await sales.documents.createQuote({ opportunityId: opportunity.id, lines, validUntil: '2026-11-30' });
    assert.equal(second.number, 'BG-00002');
    assert.equal((await crm.sequences.get('quote')).next, 3, 'the sequence was bumped in the same commits');
  });

  it('the sequence is configurable: a stored format is followed', async () => {
    const { sales, crm, opportunity } = await world();
    await crm.sequences.create({ name: 'quote', prefix: 'BG/2026/', padding: 3, next: 41 }, { id: 'quote' });
    assert.equal((await sales.documents.createQuote({ opportunityId: opportunity.id, lines })).number, 'BG/2026/041');
  });

  it('a quote whose validity ends before its date is refused at validUntil, nothing written (the sequence neither)', async () => {
    const { sales, storage, opportunity } = await world();
    const before = await commitCount(storage);
    const error = await rejection(sales.documents.createQuote({ opportunityId: opportunity.id, date: '2026-11-23', validUntil: '2026-11-01', lines }));
    assert.ok(error instanceof CrmValidationError);
    assert.equal(error.issues[0]?.path, 'validUntil');
    assert.equal(await commitCount(storage), before);
  });

  it('states go draft → sent → accepted / rejected / expired; other moves are refused', async () => {
    const { sales, opportunity } = await world();
    const quote = await sales.documents.createQuote({ opportunityId: opportunity.id, lines });
    const early = await rejection(sales.documents.acceptQuote(quote.id));
    assert.ok(early instanceof CrmRuleError);
    assert.equal(early.rule, 'quote_transition');
    await sales.documents.sendQuote(quote.id);
    const locked = await rejection(sales.documents.updateQuoteLines(quote.id, lines));
    assert.ok(locked instanceof CrmRuleError);
    assert.equal(locked.rule, 'quote_locked');
    await sales.documents.moveQuote(quote.id, 'draft');
    const revised = await sales.documents.updateQuoteLines(quote.id, [{ description: 'Switch 24 cổng', quantity: 3, unitPrice: 12_000_000 }]);
    assert.equal(revised.totals?.total, 36_000_000);
    await sales.documents.sendQuote(quote.id);
    const accepted = await sales.documents.acceptQuote(quote.id);
    assert.equal(accepted.state, 'accepted');
    const rejected = await rejection(sales.documents.rejectQuote(quote.id));
    assert.ok(rejected instanceof CrmRuleError);
  });

  it('a sent quote past its validity expires with the daily job and can no longer be accepted', async () => {
    const { sales, opportunity, clock } = await world();
    const quote = await sales.documents.createQuote({ opportunityId: opportunity.id, lines, validUntil: '2026-11-25' });
    await sales.documents.sendQuote(quote.id);
    clock.now = Date.parse('2026-11-25T16:59:00.000Z'); // 23:59 in Hà Nội: still valid today
    assert.deepEqual(await sales.documents.expireQuotes(), []);
    clock.now = Date.parse('2026-11-25T17:01:00.000Z'); // 00:01 on the 26th in Hà Nội
    const late = await rejection(sales.documents.acceptQuote(quote.id));
    assert.ok(late instanceof CrmRuleError);
    assert.equal(late.rule, 'quote_expired');
    const expired = await sales.documents.expireQuotes();
    assert.deepEqual(expired.map((q) => [q.id, q.state]), [[quote.id, 'expired']]);
  });
});

describe('orders and contracts', () => {
  it('an order is made from an accepted quote, once, with its lines, totals, delivery and payment', async () => {
    const { sales, opportunity } = await world();
    const quote = await sales.documents.createQuote({ opportunityId: opportunity.id, lines });
    const notYet = await rejection(sales.documents.orderFromQuote(quote.id));
    assert.ok(notYet instanceof CrmRuleError);
    assert.equal(notYet.rule, 'quote_not_accepted');
    await sales.documents.sendQuote(quote.id);
    await sales.documents.acceptQuote(quote.id);
    const order = await sales.documents.orderFromQuote(quote.id, { paymentMethod: 'bank_transfer', deliveryAddress: { street: '17 Duy Tân', ward: 'Dịch Vọng Hậu', district: 'Cầu Giấy', province: 'Hà Nội' } });
    assert.deepEqual([order.number, order.quoteId, order.opportunityId, order.companyId, order.paymentMethod, order.totals?.total, order.lines.length], ['DH-00001', quote.id, opportunity.id, 'fpt', 'bank_transfer', 51_660_000, 2]);
    const twice = await rejection(sales.documents.orderFromQuote(quote.id));
    assert.ok(twice instanceof CrmRuleError);
    assert.equal(twice.rule, 'quote_ordered');
  });

  it('an order’s number, lines, totals and quote come from the quote, whatever else the caller passes', async () => {
    const { sales, opportunity } = await world();
    const quote = await sales.documents.createQuote({ opportunityId: opportunity.id, lines });
    await sales.documents.sendQuote(quote.id);
    await sales.documents.acceptQuote(quote.id);
    const forged = { note: 'Giao giờ hành chính', number: 'DH-99999', quoteId: 'other', totals: { subtotal: 1, discount: 0, tax: 0, total: 1 }, lines: [{ description: 'miễn phí', quantity: 1, unitPrice: 0 }] };
    const order = await sales.documents.orderFromQuote(quote.id, forged as never);
    assert.deepEqual([order.number, order.quoteId, order.totals?.total, order.lines.length, order.note], ['DH-00001', quote.id, 51_660_000, 2, 'Giao giờ hành chính']);
    assert.equal((await rejection(sales.documents.orderFromQuote(quote.id)) as CrmRuleError).rule, 'quote_ordered', 'still one order per quote');
  });

  it('a contract follows a won opportunity, with its term and end date', async () => {
    const { sales, crm, opportunity } = await world();
    const early = await rejection(sales.documents.createContract(opportunity.id, { startDate: '2027-01-01', termMonths: 12 }));
    assert.ok(early instanceof CrmRuleError);
    assert.equal(early.rule, 'opportunity_not_won');
    await crm.pipeline.markWon(opportunity.id);
    const contract = await sales.documents.createContract(opportunity.id, { signingDate: '2026-12-15', startDate: '2027-01-01', termMonths: 12, terms: 'Bảo hành 24 tháng' });
    assert.deepEqual([contract.number, contract.endDate, contract.companyId, contract.value?.amount, contract.status], ['HD-00001', '2027-12-31', 'fpt', 300_000_000, 'draft']);
  });
});

describe('numbering by the people who sell', () => {
  it('a salesperson may number a quote: the sequence is bumped for them, though they cannot edit its format', async () => {
    const { crm } = await world();
    const an = createCrm({ storage: crm.context.storage, actor: { id: 'u-an', role: 'salesperson', teamIds: ['team-hn'] } });
    const own = await an.pipeline.open({ name: 'Camera IP', salespersonId: 'u-an', salesTeamId: 'team-hn' });
    const quote = await an.documents.createQuote({ opportunityId: own.id, lines });
    assert.equal(quote.number, 'BG-00001');
    assert.equal((await an.sequences.get('quote')).next, 2);
    const edit = await rejection(an.sequences.update('quote', { prefix: 'X-' }));
    assert.ok(edit instanceof CrmPermissionError, 'changing the format stays a manager’s job');
  });
});
