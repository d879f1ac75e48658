import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activityTypeSchema } from '../../src/schema/activity-type.js';
import { lostReasonSchema } from '../../src/schema/lost-reason.js';
import { salesTeamSchema } from '../../src/schema/sales-team.js';
import { stageSchema } from '../../src/schema/stage.js';
import { tagSchema } from '../../src/schema/tag.js';
import { userSchema } from '../../src/schema/user.js';
import { parseWith } from '../../src/schema/validate.js';
import { assertRefused, refusal } from './helpers.js';

describe('activity type (Kiểu hoạt động)', () => {
  const followUp = { name: 'Gọi điện', labels: { vi: 'Gọi điện', en: 'Call' }, kind: 'call', defaultDelayDays: 1, nextTypeId: 'at-meeting', nextMode: 'suggest', nextDelayDays: 3, icon: 'phone' };

  it('a call that suggests a meeting three days later parses, active', () => {
    const parsed = parseWith(activityTypeSchema, followUp, 'activityType');
    assert.equal(parsed.nextMode, 'suggest');
    assert.equal(parsed.active, true);
  });

  it('an unknown next mode and a fractional delay are refused', () => {
    assertRefused(activityTypeSchema, { ...followUp, nextMode: 'auto', nextDelayDays: 1.5 }, ['nextMode', 'nextDelayDays']);
  });
});

describe('sales team (Nhóm bán hàng)', () => {
  const team = {
    name: 'Nhóm Quận 1',
    leaderId: 'u-lan',
    memberIds: ['u-an', 'u-binh'],
    regionalManagerId: 'u-hung',
    region: 'TP. Hồ Chí Minh',
    takes: { quotes: true, opportunities: true, warranty: true },
    defaultCapacity: 30,
    memberCapacity: { 'u-an': 50 },
  };

  it('a team with its capacities parses', () => {
    const parsed = parseWith(salesTeamSchema, team, 'salesTeam');
    assert.equal(parsed.memberCapacity?.['u-an'], 50);
    assert.equal(parsed.takes.warranty, true);
  });

  it('a team needs a name; what it takes defaults to quotes and opportunities', () => {
    assertRefused(salesTeamSchema, { memberIds: [] }, ['name'], 'required');
    assert.deepEqual(parseWith(salesTeamSchema, { name: 'Nhóm Hà Nội' }).takes, { quotes: true, opportunities: true, warranty: false });
  });

  it('a negative member capacity is named by the member', () => {
    assertRefused(salesTeamSchema, { ...team, memberCapacity: { 'u-an': -1 } }, ['memberCapacity.u-an']);
  });
});

describe('stage (Giai đoạn)', () => {
  const stage = { name: 'Đề xuất', labels: { vi: 'Đề xuất', en: 'Proposal' }, sequence: 30, defaultProbability: 60, teamIds: ['team-hcm'] };

  it('a stage parses, not won and not folded', () => {
    const parsed = parseWith(stageSchema, stage, 'stage');
    assert.equal(parsed.isWon, false);
    assert.equal(parsed.folded, false);
  });

  it('a default probability over 100, a fractional sequence and a missing English label are named', () => {
    assertRefused(stageSchema, { ...stage, defaultProbability: 120, sequence: 2.5, labels: { vi: 'Đề xuất' } }, ['labels.en', 'sequence', 'defaultProbability']);
  });

  it('isWon must be a boolean', () => {
    assertRefused(stageSchema, { ...stage, isWon: 'yes' }, ['isWon']);
  });
});

describe('tag and lost reason', () => {
  it('a tag with a #rrggbb colour parses', () => {
    assert.equal(parseWith(tagSchema, { name: 'Khách VIP', color: '#B42318' }, 'tag').color, '#B42318');
  });

  it('a colour that is not #rrggbb is refused', () => {
    for (const color of ['red', '#fff', '#12345g']) assertRefused(tagSchema, { name: 'Khách VIP', color }, ['color']);
  });

  it('a lost reason parses in both languages, active', () => {
    const parsed = parseWith(lostReasonSchema, { name: 'Giá cao', labels: { vi: 'Giá cao', en: 'Price too high' } }, 'lostReason');
    assert.equal(parsed.active, true);
    assertRefused(lostReasonSchema, { name: '' }, ['name']);
  });
});

describe('user (nhân viên)', () => {
  const user = { name: 'Lê Thị Lan', email: 'lan.le@example.vn', phone: '0903 123 456', role: 'team_leader', teamIds: ['team-hcm'], region: 'Miền Nam' };

  it('a team leader parses, active', () => {
    assert.equal(parseWith(userSchema, user, 'user').active, true);
  });

  it('a role outside the four is refused; the role is required', () => {
    assertRefused(userSchema, { ...user, role: 'director' }, ['role']);
    assert.deepEqual(
      refusal(userSchema, { name: 'Lê Thị Lan' }).map((issue) => issue.path),
      ['role'],
    );
  });

  it('a malformed e-mail is refused', () => {
    assertRefused(userSchema, { ...user, email: 'lan.le@' }, ['email']);
  });
});
