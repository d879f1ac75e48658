import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activitySchema } from '../../src/schema/activity.js';
import { caseSchema } from '../../src/schema/case.js';
import { parseWith } from '../../src/schema/validate.js';
import { assertRefused } from './helpers.js';

describe('case (Yêu cầu hỗ trợ)', () => {
  const ticket = {
    title: 'Mất kết nối buổi sáng',
    description: 'Đường truyền chập chờn từ 8h đến 9h, khách ở Phường Bến Nghé, Quận 1',
    priority: 'urgent',
    contactId: 'ct-an',
    companyId: 'co-minh-phat',
    productId: 'p-fiber-200',
    orderId: 'o-1',
  };

  it('a new ticket parses', () => {
    const parsed = parseWith(caseSchema, ticket, 'case');
    assert.equal(parsed.status, 'new');
    assert.equal(parsed.priority, 'urgent');
  });

  it('a ticket needs a title', () => {
    assertRefused(caseSchema, { description: 'Không có tiêu đề' }, ['title'], 'required');
  });

  it('an unknown priority and status are refused', () => {
    assertRefused(caseSchema, { ...ticket, priority: 'critical', status: 'reopened' }, ['priority', 'status']);
  });

  it('a resolution time must be an ISO date-time', () => {
    assertRefused(caseSchema, { ...ticket, status: 'resolved', resolvedAt: '22/11/2026 10:00' }, ['resolvedAt']);
  });
});

describe('activity (Hoạt động)', () => {
  const call = {
    typeId: 'at-call',
    kind: 'call',
    summary: 'Gọi lại anh An về báo giá',
    dueAt: '2026-11-24T09:00:00+07:00',
    durationMinutes: 15,
    assigneeId: 'u-an',
    related: { entity: 'opportunity', id: 'opp-1' },
    reminderOffsetsMinutes: [15, 60],
  };

  it('a planned call on an opportunity parses', () => {
    const parsed = parseWith(activitySchema, call, 'activity');
    assert.equal(parsed.status, 'planned');
    assert.deepEqual(parsed.related, { entity: 'opportunity', id: 'opp-1' });
  });

  it('it needs a summary and a due time', () => {
    assertRefused(activitySchema, { kind: 'call' }, ['summary', 'dueAt'], 'required');
  });

  it('a related record of an unknown entity is refused', () => {
    assertRefused(activitySchema, { ...call, related: { entity: 'invoice', id: 'inv-1' } }, ['related.entity']);
  });

  it('reminders are whole minutes before, by index', () => {
    assertRefused(activitySchema, { ...call, reminderOffsetsMinutes: [15, -5] }, ['reminderOffsetsMinutes.1']);
  });

  it('an unknown kind and status are refused', () => {
    assertRefused(activitySchema, { ...call, kind: 'fax', status: 'late' }, ['kind', 'status']);
  });
});
