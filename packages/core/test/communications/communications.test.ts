import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCrm, createMemoryAdapter, crmStorageSchema, CrmRuleError, CrmValidationError, MemoryDatabase, type MessageTransport, type OutgoingMessage } from '@crmkit/core';

function recordingTransport(failFirst = 0) {
  const sent: OutgoingMessage[] = [];
  let failures = failFirst;
  const transport: MessageTransport = {
    async send(message) {
      if (failures > 0) {
        failures -= 1;
        return { ok: false, reason: 'SMTP 451: mailbox busy' };
      }
      sent.push(message);
      return { ok: true, providerMessageId: `smtp-${sent.length}` };
    },
  };
  return { transport, sent };
}

async function setup(options: { failFirst?: number; now?: string; database?: MemoryDatabase } = {}) {
  const database = options.database ?? new MemoryDatabase();
  const storage = await createMemoryAdapter({ schema: crmStorageSchema, database });
  let now = Date.parse(options.now ?? '2026-11-23T02:00:00.000Z');
  const { transport, sent } = recordingTransport(options.failFirst ?? 0);
  const crm = createCrm({ storage, actor: { id: 'u-an', role: 'admin' }, now: () => new Date(now), communications: { transport } });
  return { crm, storage, sent, database, setNow: (iso: string) => (now = Date.parse(iso)) };
}

describe('message templates', () => {
  it('a birthday template with a misspelt placeholder is refused at save, naming the field and the placeholder', async () => {
    const { crm } = await setup();
    const error = await crm.communications
      .saveTemplate({ name: 'Sinh nhật', channel: 'email', entity: 'contact', subject: 'Chúc mừng {{contact.fullNmae}}', body: 'Kính gửi {{contact.fullName}}' })
      .catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError);
    assert.deepEqual(error.issues.map((issue) => [issue.path, issue.code]), [['subject', 'unknown_placeholder']]);
    assert.match(error.issues[0]!.message, /fullNmae/);
    assert.equal(await crm.messageTemplates.count(), 0);
  });

  it('previews with real data, formats VND and escapes values in HTML e-mail', async () => {
    const { crm } = await setup();
    await crm.contacts.create({ kind: 'individual', fullName: 'Trần <b>Bình</b>', birthday: '1990-05-17' }, { id: 'c-1' });
    await crm.opportunities.create({ name: 'Gói Y', stageId: 's', expectedRevenue: { amount: 1_250_000, currency: 'VND' } }, { id: 'o-1' });
    const html = await crm.communications.saveTemplate({ name: 'Chào', channel: 'email', entity: 'contact', body: '<p>Chào {{contact.fullName}}, sinh nhật {{contact.birthday | date}}</p>', format: 'html' });
    const preview = await crm.communications.preview(html.id, { entity: 'contact', id: 'c-1' });
    assert.equal(preview.body, '<p>Chào Trần &lt;b&gt;Bình&lt;/b&gt;, sinh nhật 17/05/1990</p>');
    const money = await crm.communications.saveTemplate({ name: 'Giá', channel: 'sms', entity: 'opportunity', body: '{{opportunity.name}}: {{opportunity.expectedRevenue | vnd}}' });
    assert.equal((await crm.communications.preview(money.id, { entity: 'opportunity', id: 'o-1' })).body, 'Gói Y: 1.250.000 ₫');
  });
});

describe('sending from a record', () => {
  it('an e-mail sent from a contact appears in the contact’s activities as sent', async () => {
    const { crm, sent } = await setup();
    await crm.contacts.create({ kind: 'individual', fullName: 'Lê Văn Cường', emails: ['cuong@example.vn'] }, { id: 'c-1' });
    const activity = await crm.communications.send({ record: { entity: 'contact', id: 'c-1' }, channel: 'email', to: ['cuong@example.vn'], subject: 'Báo giá', body: 'Gửi anh báo giá.', attachments: [{ ref: 'files/bao-gia.pdf' }] });
    assert.equal(activity.message?.status, 'sent');
    assert.equal(activity.status, 'done');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.id, activity.id, 'the activity id is the message id');
    const onContact = await crm.activities.list({ where: [{ field: 'related.id', op: 'eq', value: 'c-1' }] });
    assert.deepEqual(onContact.records.map((record) => [record.kind, record.message?.status]), [['email', 'sent']]);
  });

  it('an SMS or Zalo message is plain text: an HTML template or format is refused naming it, and nothing is sent or logged', async () => {
    const { crm, sent } = await setup();
    await crm.contacts.create({ kind: 'individual', fullName: 'Hoàng Văn Nam', phones: [{ number: '0912 345 678' }] }, { id: 'c-1' });
    const html = await crm.communications.saveTemplate({ name: 'Sinh nhật', channel: 'email', entity: 'contact', body: '<p>Kính gửi {{contact.fullName}}</p>', format: 'html' });
    const record = { entity: 'contact' as const, id: 'c-1' };
    for (const [input, path] of [[{ templateId: html.id }, 'templateId'], [{ body: '<p>Chào anh</p>', format: 'html' as const }, 'format']] as const) {
      const error = await crm.communications.send({ record, channel: 'sms', to: ['0912345678'], ...input }).catch((e: unknown) => e);
      assert.ok(error instanceof CrmValidationError);
      assert.equal(error.issues[0]?.path, path);
    }
    assert.equal(sent.length, 0);
    assert.equal(await crm.activities.count(), 0);
  });

  it('a transport that fails leaves a failed activity with its reason, and a retry sends once', async () => {
    const { crm, sent } = await setup({ failFirst: 1 });
    await crm.contacts.create({ kind: 'individual', fullName: 'Lê Văn Cường' }, { id: 'c-1' });
    const failed = await crm.communications.send({ record: { entity: 'contact', id: 'c-1' }, channel: 'email', to: ['cuong@example.vn'], subject: 'Báo giá', body: 'x' });
    assert.equal(failed.message?.status, 'failed');
    assert.equal(failed.message?.failureReason, 'SMTP 451: mailbox busy');
    assert.equal(sent.length, 0);
    const [first, second] = await Promise.allSettled([crm.communications.retry(failed.id), crm.communications.retry(failed.id)]);
    const statuses = [first, second].map((result) => result.status);
    assert.deepEqual(statuses.sort(), ['fulfilled', 'rejected'], 'two retries at once: one sends');
    assert.equal(sent.length, 1);
    await assert.rejects(crm.communications.retry(failed.id), CrmRuleError, 'a sent message is not retried');
    assert.equal(sent.length, 1);
  });
});

describe('reminders', () => {
  it('an appointment at 14:00 with a 15-minute reminder fires once at 13:45, even if the page reloads at 13:40', async () => {
    const database = new MemoryDatabase();
    // 14:00 in Hà Nội (UTC+7) is 07:00Z
    const page = await setup({ database, now: '2026-11-23T06:30:00.000Z' });
    await page.crm.activities.create({ kind: 'meeting', summary: 'Gặp khách FPT', dueAt: '2026-11-23T07:00:00.000Z', assigneeId: 'u-an', reminderOffsetsMinutes: [15] });
    page.setNow('2026-11-23T06:40:00.000Z');
    assert.equal((await page.crm.communications.deliverDueReminders()).length, 0, 'nothing at 13:40');
    // the page reloads at 13:40: a new crm on the same store
    const reloaded = await setup({ database, now: '2026-11-23T06:45:00.000Z' });
    const fired = await reloaded.crm.communications.deliverDueReminders();
    assert.deepEqual(fired.map((notification) => [notification.userId, notification.title, notification.kind]), [['u-an', 'Gặp khách FPT', 'reminder']]);
    reloaded.setNow('2026-11-23T06:46:00.000Z');
    assert.equal((await reloaded.crm.communications.deliverDueReminders()).length, 0, 'not again a minute later');
    page.setNow('2026-11-23T06:47:00.000Z');
    assert.equal((await page.crm.communications.deliverDueReminders()).length, 0, 'nor from the other tab');
    assert.equal((await reloaded.crm.communications.notificationsFor('u-an')).length, 1);
  });
});

describe('notifications', () => {
  it('notifying a team reaches every member and the leader; marking read', async () => {
    const { crm } = await setup();
    await crm.salesTeams.create({ name: 'Nhóm Hà Nội', leaderId: 'u-lan', memberIds: ['u-an', 'u-binh'] }, { id: 'team-hn' });
    const sent = await crm.communications.notify({ teamIds: ['team-hn'], userIds: ['u-son'], title: 'Khách FPT đã ký hợp đồng' });
    assert.deepEqual(sent.map((notification) => notification.userId).sort(), ['u-an', 'u-binh', 'u-lan', 'u-son']);
    const mine = await crm.communications.notificationsFor('u-binh');
    await crm.communications.markRead(mine[0]!.id);
    assert.equal((await crm.communications.notificationsFor('u-binh'))[0]!.read, true);
    await crm.communications.notify({ userIds: ['u-binh'], title: 'Báo giá BG-00007 đã được chấp nhận' });
    await crm.communications.notify({ userIds: ['u-binh'], title: 'Nhắc: gọi lại anh Nam' });
    assert.equal(await crm.communications.markAllRead('u-binh'), 2, 'the two still unread, in one go');
    assert.ok((await crm.communications.notificationsFor('u-binh')).every((notification) => notification.read && notification.readAt));
    assert.equal(await crm.communications.markAllRead('u-binh'), 0);
    const error = await crm.communications.notify({ teamIds: ['team-none'], title: 'x' }).catch((e: unknown) => e);
    assert.ok(error instanceof CrmValidationError);
    assert.equal(error.issues[0]!.path, 'teamIds.0');
  });
});

describe('telephony', () => {
  it('an incoming call from +84 38 xxx matches the contact saved as 0168 xxx, and the call is logged', async () => {
    const { crm } = await setup();
    await crm.contacts.create({ kind: 'individual', fullName: 'Phạm Thị Hồng', phones: [{ number: '0168 765 4321', kind: 'mobile' }] }, { id: 'c-hong' });
    await crm.leads.create({ title: 'Gói Y', contactName: 'Khác', phones: { mobile: '0912 000 111' } });
    const matches = await crm.communications.screenPop('+84 38 765 4321');
    assert.deepEqual(matches, [{ entity: 'contact', id: 'c-hong', label: 'Phạm Thị Hồng' }]);
    const call = await crm.communications.logCall({ direction: 'inbound', number: '+84 38 765 4321', durationSeconds: 95, status: 'answered', outcome: 'Hẹn gửi báo giá', record: { entity: 'contact', id: 'c-hong' } });
    assert.deepEqual([call.kind, call.call?.direction, call.call?.durationSeconds, call.related?.id], ['call', 'inbound', 95, 'c-hong']);
  });

  it('a ringing phone is looked up in the duplicate index (built once), leads included; without a phone rule the store is read', async () => {
    const { crm, storage } = await setup();
    await crm.contacts.create({ kind: 'individual', fullName: 'Phạm Thị Hồng', phones: [{ number: '0168 765 4321', kind: 'mobile' }] }, { id: 'c-hong' });
    await crm.leads.create({ title: 'Camera cho kho', contactName: 'Võ Thị Mai', phones: { desk: '028 3822 1234', mobile: '090 111 2233' } }, { id: 'l-mai' });
    await crm.contacts.create({ kind: 'individual', fullName: 'Người khác', phones: [{ number: '0912 000 111', kind: 'mobile' }] });
    let fullReads = 0;
    const query = storage.query.bind(storage);
    storage.query = (q) => {
      if ((q.entity === 'contact' || q.entity === 'lead') && !q.where?.length) fullReads++;
      return query(q);
    };
    assert.deepEqual(await crm.communications.screenPop('+84 90 111 22 33'), [{ entity: 'lead', id: 'l-mai', label: 'Võ Thị Mai' }]);
    const afterFirst = fullReads;
    assert.deepEqual(await crm.communications.screenPop('038 765 4321'), [{ entity: 'contact', id: 'c-hong', label: 'Phạm Thị Hồng' }]);
    assert.deepEqual(await crm.communications.screenPop('0999 999 999'), []);
    assert.equal(fullReads, afterFirst, 'later calls read no contact or lead list');

    // a host whose duplicate rules have no phone rule still gets its callers, from the store
    const nameOnly = createCrm({
      storage,
      actor: { id: 'u-an', role: 'admin' },
      duplicates: { settings: { contact: { fields: { name: { kind: 'personName' }, phone: { kind: 'phone' } }, rules: [{ id: 'name', fields: [{ field: 'name', match: 'exact' }], onCreate: 'warn', onEdit: 'warn' }] } } },
    });
    assert.deepEqual(await nameOnly.communications.screenPop('+84 38 765 4321'), [{ entity: 'contact', id: 'c-hong', label: 'Phạm Thị Hồng' }]);
  });
});
