import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrmRuleError, CrmValidationError } from '@crmkit/core';
import { rejection, setup } from './setup.js';

describe('activities', () => {
  it('a type with a default delay sets the due time; a "suggest" next type is proposed, not scheduled', async () => {
    const { crm, sales, clock } = await setup();
    await crm.activityTypes.create({ name: 'Hẹn gặp', kind: 'meeting', defaultDelayDays: 3 }, { id: 'type-meet' });
    await crm.activityTypes.create({ name: 'Gửi email cảm ơn', kind: 'email', nextTypeId: 'type-meet', nextDelayDays: 1, nextMode: 'suggest' }, { id: 'type-thanks' });
    clock.now = Date.parse('2026-11-23T01:59:59.000Z'); // the next reading of the clock is 02:00:00
    const meeting = await sales.activityPlanner.schedule({ typeId: 'type-meet', assigneeId: 'u-an' });
    assert.equal(meeting.dueAt, '2026-11-26T02:00:00.000Z', 'three days after scheduling');
    const thanks = await sales.activityPlanner.schedule({ typeId: 'type-thanks', assigneeId: 'u-an', dueAt: '2026-11-23T10:00:00.000Z' });
    const result = await sales.activityPlanner.complete(thanks.id, { outcome: 'Đã gửi' });
    assert.equal(result.next, undefined);
    assert.equal(result.suggestion?.['typeId'], 'type-meet');
    assert.equal(await crm.activities.count(), 2, 'a suggestion writes nothing');
    const again = await rejection(sales.activityPlanner.complete(thanks.id));
    assert.ok(again instanceof CrmRuleError);
    const unknownType = await rejection(sales.activityPlanner.schedule({ typeId: 'type-ghost', summary: 'x' }));
    assert.ok(unknownType instanceof CrmValidationError);
    assert.equal(unknownType.issues[0]?.path, 'typeId');
  });

  it('reschedule and cancel a planned activity; a bad time is refused at dueAt', async () => {
    const { sales } = await setup();
    const call = await sales.activityPlanner.schedule({ kind: 'call', summary: 'Gọi lại khách', assigneeId: 'u-an', dueAt: '2026-11-24T02:00:00.000Z' });
    const moved = await sales.activityPlanner.reschedule(call.id, '2026-11-25T09:00:00+07:00');
    assert.equal(moved.dueAt, '2026-11-25T02:00:00.000Z');
    const bad = await rejection(sales.activityPlanner.reschedule(call.id, 'thứ sáu'));
    assert.ok(bad instanceof CrmValidationError);
    assert.equal(bad.issues[0]?.path, 'dueAt');
    const cancelled = await sales.activityPlanner.cancel(call.id, { reason: 'Khách hủy' });
    assert.deepEqual([cancelled.status, cancelled.outcome], ['cancelled', 'Khách hủy']);
  });

  it('a due time written with the Hà Nội offset is stored in UTC, so the agenda shows it on its local day however it was saved', async () => {
    const { crm } = await setup();
    const plain = await crm.activities.create({ summary: 'Gọi lại anh Nam', dueAt: '2026-11-23T23:30:00+07:00', assigneeId: 'u-an' });
    const planned = await crm.activityPlanner.schedule({ summary: 'Gặp chị Hoa', dueAt: '2026-11-23T23:30:00+07:00', assigneeId: 'u-an' });
    assert.deepEqual([plain.dueAt, planned.dueAt], ['2026-11-23T16:30:00.000Z', '2026-11-23T16:30:00.000Z']);
    const morning = await crm.activities.create({ summary: 'Gửi báo giá', dueAt: '2026-11-24T06:00:00+07:00', assigneeId: 'u-an' });
    assert.deepEqual((await crm.activityPlanner.agenda('u-an', { date: '2026-11-23' })).map((a) => a.id), [plain.id, planned.id]);
    assert.deepEqual((await crm.activityPlanner.agenda('u-an', { date: '2026-11-24' })).map((a) => a.id), [morning.id]);
  });

  it('reminders list what is overdue and what is due soon; the agenda shows a local day or a Monday-to-Sunday week', async () => {
    const { sales, clock } = await setup({ start: '2026-11-25T02:00:00.000Z' }); // Wednesday 09:00 in Hà Nội
    const at = (dueAt: string, summary: string, assigneeId = 'u-an') => sales.activityPlanner.schedule({ kind: 'call', summary, assigneeId, dueAt });
    await at('2026-11-24T03:00:00.000Z', 'Hôm qua');
    await at('2026-11-25T02:30:00.000Z', 'Nửa giờ nữa');
    await at('2026-11-25T09:00:00.000Z', 'Chiều nay');
    await at('2026-11-25T16:59:00.000Z', 'Cuối ngày (23:59)');
    await at('2026-11-25T17:00:00.000Z', 'Sáng mai (00:00)');
    await at('2026-11-30T01:00:00.000Z', 'Thứ hai tuần sau');
    await at('2026-11-25T03:00:00.000Z', 'Của người khác', 'u-binh');
    const reminders = await sales.activityPlanner.reminders('u-an', { withinMinutes: 60 });
    assert.deepEqual(reminders.overdue.map((a) => a.summary), ['Hôm qua']);
    assert.deepEqual(reminders.dueSoon.map((a) => a.summary), ['Nửa giờ nữa']);
    const day = await sales.activityPlanner.agenda('u-an', { date: '2026-11-25' });
    assert.deepEqual(day.map((a) => a.summary), ['Nửa giờ nữa', 'Chiều nay', 'Cuối ngày (23:59)']);
    const week = await sales.activityPlanner.agenda('u-an', { date: '2026-11-25', span: 'week' });
    assert.deepEqual(week.map((a) => a.summary), ['Hôm qua', 'Nửa giờ nữa', 'Chiều nay', 'Cuối ngày (23:59)', 'Sáng mai (00:00)']);
    const month = await sales.activityPlanner.agenda('u-an', { date: '2026-11-25', span: 'month' });
    assert.deepEqual(month.map((a) => a.summary), ['Hôm qua', 'Nửa giờ nữa', 'Chiều nay', 'Cuối ngày (23:59)', 'Sáng mai (00:00)', 'Thứ hai tuần sau']);
    clock.now = Date.parse('2026-11-26T00:00:00.000Z');
    assert.equal((await sales.activityPlanner.reminders('u-an')).overdue.length, 5, 'by 07:00 on Thursday everything up to Thursday 00:00 is overdue');
    const report = await sales.reports.activities();
    assert.deepEqual(report.map((row) => [row.userId, row.overdue, row.planned]), [['u-an', 5, 6], ['u-binh', 1, 1]]);
  });
});
