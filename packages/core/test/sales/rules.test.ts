import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { followUpOf, reminderState, agendaRange } from '../../src/activities/index.js';
import { canMoveCase } from '../../src/cases/index.js';
import { canMoveQuote, contractEndDate, isQuoteOverdue } from '../../src/documents/index.js';
import { anniversaryYears, greetingsDue } from '../../src/greetings/index.js';
import { bantScore, pickByRegion, pickRoundRobin, leadMatchKeys, contactMatchReasons, defaultConversionChoices, leadFromRawContact } from '../../src/leads/index.js';
import { historyAfterMove, openingStage, timeInStages } from '../../src/pipeline/index.js';
import { activitiesByUser, funnel, lostReasonsBreakdown, winRatesBy } from '../../src/reports/index.js';
import { documentTotals, lineAmounts } from '../../src/sales/index.js';
import { isTeamMember, memberCapacity } from '../../src/teams/index.js';

describe('pure rules of the sales cycle', () => {
  it('line and document totals round once per line, half away from zero, and add up', () => {
    assert.deepEqual(lineAmounts({ quantity: 3, unitPrice: 33_333, discountPercent: 5, taxPercent: 10 }), { gross: 99_999, discount: 5_000, net: 94_999, tax: 9_500, total: 104_499 });
    const totals = documentTotals([{ quantity: 0.5, unitPrice: 3 }, { quantity: 0.5, unitPrice: 3 }]);
    assert.deepEqual(totals, { subtotal: 4, discount: 0, tax: 0, total: 4 }, '1.5 rounds to 2 on each line, never 3 on the total');
    assert.deepEqual(documentTotals([]), { subtotal: 0, discount: 0, tax: 0, total: 0 });
  });

  it('BANT: nothing confirmed is unqualified; all four is qualified', () => {
    assert.deepEqual([bantScore(undefined).score, bantScore(undefined).level], [0, 'unqualified']);
    const all = { budget: { confirmed: true }, authority: { confirmed: true }, need: { confirmed: true }, timeline: { confirmed: true } };
    assert.deepEqual([bantScore(all).score, bantScore(all).level], [100, 'qualified']);
  });

  it('round-robin wraps and skips members at capacity; nobody with room means no pick', () => {
    const members = [
      { userId: 'a', openLeads: 0, capacity: 1 },
      { userId: 'b', openLeads: 1, capacity: 1 },
      { userId: 'c', openLeads: 5, capacity: Infinity },
    ];
    assert.deepEqual(pickRoundRobin(members, 1), { candidate: members[2], nextCursor: 3 });
    assert.deepEqual(pickRoundRobin(members, 3)?.candidate.userId, 'a');
    assert.equal(pickRoundRobin([{ userId: 'a', openLeads: 2, capacity: 2 }], 0), undefined);
    assert.equal(pickRoundRobin([], 0), undefined);
    assert.equal(pickByRegion([{ userId: 'x', openLeads: 3, capacity: 9, region: 'Hà Nội' }, { userId: 'y', openLeads: 1, capacity: 9, region: 'HA NOI' }], 'ha noi')?.userId, 'y');
    assert.equal(memberCapacity({ defaultCapacity: 4, memberCapacity: { a: 1 } }, 'a'), 1);
    assert.equal(memberCapacity({}, 'a'), Infinity);
    assert.ok(isTeamMember({ memberIds: [], leaderId: 'l' }, 'l'));
  });

  it('conversion defaults and exact matching use normalised e-mail and phone', () => {
    assert.deepEqual(defaultConversionChoices({ companyName: 'X' }), { contact: { mode: 'none' }, company: { mode: 'create' } });
    const keys = leadMatchKeys({ email: ' Nam.HV@SaoMai.vn ', phones: { mobile: '0168 123 4567' } });
    assert.deepEqual(contactMatchReasons({ emails: ['nam.hv@saomai.vn'], phones: [{ number: '+84 38 123 4567', kind: 'mobile' }] }, keys), ['email', 'phone']);
    assert.deepEqual(contactMatchReasons({ emails: ['other@saomai.vn'] }, keys), []);
    const lead = leadFromRawContact({ id: 'r1', name: 'An', source: 'partner', screeningStatus: 'pending' }, { title: 'T' });
    assert.deepEqual([lead['title'], lead['channel']], ['T', 'referral']);
  });

  it('stage history: the first stay is back-filled from creation; time in stages adds up', () => {
    const history = historyAfterMove({ stageId: 's1', createdAt: '2026-11-01T00:00:00.000Z' }, 's2', '2026-11-03T00:00:00.000Z', 'u');
    assert.deepEqual(history.map((visit) => [visit.stageId, visit.leftAt]), [['s1', '2026-11-03T00:00:00.000Z'], ['s2', undefined]]);
    assert.deepEqual(timeInStages(history, '2026-11-04T00:00:00.000Z'), { s1: 2 * 86_400_000, s2: 86_400_000 });
    assert.equal(openingStage([{ id: 'w', sequence: 1, isWon: true }, { id: 'b', sequence: 5 }, { id: 'a', sequence: 5 }])?.id, 'a');
  });

  it('quotes, contracts and cases move only along their allowed transitions', () => {
    assert.ok(canMoveQuote('draft', 'sent'));
    assert.ok(!canMoveQuote('draft', 'accepted'));
    assert.ok(!canMoveQuote('expired', 'sent'));
    assert.ok(isQuoteOverdue({ validUntil: '2026-11-22' }, '2026-11-23'));
    assert.ok(!isQuoteOverdue({ validUntil: '2026-11-23' }, '2026-11-23'));
    assert.equal(contractEndDate('2027-01-01', 12), '2027-12-31');
    assert.equal(contractEndDate('2027-01-31', 1), '2027-02-27');
    assert.ok(canMoveCase('new', 'in_progress'));
    assert.ok(!canMoveCase('new', 'closed'));
    assert.ok(!canMoveCase('closed', 'in_progress'));
  });

  it('activities: the next one is due N days after completion; reminders and agenda windows follow the local day', () => {
    const next = followUpOf({ id: 'a1', assigneeId: 'u' }, { nextTypeId: 't2', nextDelayDays: 2, nextMode: 'schedule' }, { id: 't2', name: 'Gửi báo giá', kind: 'email', defaultDelayDays: 0, nextMode: 'schedule', nextDelayDays: 0, active: true }, '2026-11-23T10:00:00.000Z');
    assert.deepEqual([next?.mode, next?.activity['dueAt'], next?.activity['assigneeId']], ['schedule', '2026-11-25T10:00:00.000Z', 'u']);
    assert.equal(followUpOf({ id: 'a1' }, { nextDelayDays: 2, nextMode: 'schedule' }, undefined, '2026-11-23T10:00:00.000Z'), undefined);
    assert.equal(reminderState({ status: 'planned', dueAt: '2026-11-23T10:30:00.000Z' }, '2026-11-23T10:00:00.000Z', 30), 'due_soon');
    assert.equal(reminderState({ status: 'done', dueAt: '2026-11-22T10:30:00.000Z' }, '2026-11-23T10:00:00.000Z'), 'closed');
    assert.deepEqual(agendaRange('2026-11-29', 'week'), { from: '2026-11-22T17:00:00.000Z', to: '2026-11-29T17:00:00.000Z' });
    // a month starts at local midnight of its first day; December rolls into the next year
    assert.deepEqual(agendaRange('2026-11-29', 'month'), { from: '2026-10-31T17:00:00.000Z', to: '2026-11-30T17:00:00.000Z' });
    assert.deepEqual(agendaRange('2026-12-05', 'month', 0), { from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
  });

  it('greetings: anniversaries from the first year on, 29 February on the 28th in common years', () => {
    assert.equal(anniversaryYears('2016-11-23', '2026-11-23'), 10);
    assert.equal(anniversaryYears('2026-11-23', '2026-11-23'), undefined);
    assert.equal(anniversaryYears('2000-02-29', '2028-02-29'), 28);
    assert.equal(anniversaryYears('2000-02-29', '2028-02-28'), undefined);
    assert.equal(anniversaryYears('2000-02-29', '2027-02-28'), 27);
    assert.equal(greetingsDue('2026-11-23', [{ id: 'c', fullName: 'A', kind: 'individual' }], []).length, 0);
  });

  it('reports: funnel rates, win rates by salesperson, lost reasons and activities', () => {
    const opportunities = [
      { id: '1', stageId: 's', status: 'won' as const, salespersonId: 'an', expectedRevenue: { amount: 100, currency: 'VND' } },
      { id: '2', stageId: 's', status: 'lost' as const, salespersonId: 'an', lostReasonId: 'price', expectedRevenue: { amount: 40, currency: 'VND' } },
      { id: '3', stageId: 's', status: 'lost' as const, ownerId: 'binh', lostReasonId: 'price' },
      { id: '4', stageId: 's', status: 'open' as const, salespersonId: 'an' },
    ];
    assert.deepEqual(
      funnel({ rawContacts: [{ screeningStatus: 'screened' }, { screeningStatus: 'rejected' }], leads: [{ status: 'converted' }, { status: 'open' }], opportunities }),
      { rawContacts: 2, leads: 2, opportunities: 4, won: 1, rawToLead: 0.5, leadToOpportunity: 0.5, opportunityToWon: 0.25, overall: 0.5 },
    );
    assert.deepEqual(funnel({ rawContacts: [], leads: [], opportunities: [] }).opportunityToWon, null);
    assert.deepEqual(winRatesBy(opportunities, 'salesperson').map((row) => [row.key, row.open, row.won, row.lost, row.winRate, row.revenue]), [
      ['an', 1, 1, 1, 0.5, 100],
      ['binh', 0, 0, 1, 0, 0],
    ]);
    assert.deepEqual(lostReasonsBreakdown(opportunities, [{ id: 'price', name: 'Giá cao' }]), [{ lostReasonId: 'price', name: 'Giá cao', count: 2, share: 1, expectedLost: 40 }]);
    assert.deepEqual(activitiesByUser([{ id: 'a', status: 'planned', dueAt: '2026-01-01T00:00:00.000Z', assigneeId: 'an' }, { id: 'b', status: 'done', dueAt: '2026-01-01T00:00:00.000Z', assigneeId: 'an' }], '2026-02-01T00:00:00.000Z'), [
      { userId: 'an', done: 1, planned: 1, overdue: 1, cancelled: 0 },
    ]);
  });
});
