import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GreetingMessage, GreetingSender } from '../../src/greetings/index.js';
import { setup } from './setup.js';

function recordingSender(fail: (message: GreetingMessage) => string | undefined = () => undefined): GreetingSender & { sent: GreetingMessage[] } {
  const sent: GreetingMessage[] = [];
  return {
    sent,
    async send(message) {
      const reason = fail(message);
      if (reason) return { ok: false, reason };
      sent.push(message);
      return { ok: true };
    },
  };
}

describe('daily greetings', () => {
  it('contacts with a birthday and companies with a founding anniversary today get a message from the template; a second run sends nothing twice', async () => {
    const { crm, sales } = await setup({ start: '2026-11-22T18:00:00.000Z' }); // 01:00 on 23 November in Hà Nội
    await crm.contacts.create({ fullName: 'Nguyễn Thị Mai', birthday: '1990-11-23', emails: ['mai@example.vn'], phones: [{ number: '0912345678', kind: 'mobile' }] }, { id: 'ct-mai' });
    await crm.contacts.create({ fullName: 'Trần Văn Hùng', birthday: '1985-11-24' }, { id: 'ct-hung' });
    await crm.companies.create({ name: 'Công ty TNHH Sao Mai', foundingDate: '2016-11-23', email: 'info@saomai.vn' }, { id: 'co-saomai' });
    await crm.companies.create({ name: 'Công ty mới', foundingDate: '2026-11-23' }, { id: 'co-new' });
    const sender = recordingSender();
    const first = await sales.greetings.run({ sender });
    assert.equal(first.date, '2026-11-23');
    assert.deepEqual(sender.sent.map((m) => [m.recipient.id, m.occasion, m.subject]), [
      ['ct-mai', 'birthday', 'Chúc mừng sinh nhật Nguyễn Thị Mai'],
      ['co-saomai', 'founding_anniversary', 'Chúc mừng 10 năm thành lập Công ty TNHH Sao Mai'],
    ]);
    assert.deepEqual([sender.sent[0]!.emails, sender.sent[0]!.phones, sender.sent[1]!.emails], [['mai@example.vn'], ['0912345678'], ['info@saomai.vn']]);
    const second = await sales.greetings.run({ sender });
    assert.deepEqual([second.sent.length, second.skipped, sender.sent.length], [0, 2, 2]);
    const log = await crm.greetingLog.listAll();
    assert.deepEqual(log.map((entry) => [entry.id, entry.status]).sort(), [
      ['greeting:2026-11-23:company:co-saomai', 'sent'],
      ['greeting:2026-11-23:contact:ct-mai', 'sent'],
    ]);
  });

  it('own templates with placeholders; a failed send is logged and retried by the next run; two runs at once send once', async () => {
    const { crm } = await setup();
    const { salesCycleServices } = await import('../../src/sales/index.js');
    await crm.contacts.create({ fullName: 'Lê Văn Tú', birthday: '1992-02-29' }, { id: 'ct-tu' });
    let down = true;
    const sender = recordingSender(() => (down ? 'Zalo OA tạm ngừng' : undefined));
    const sales = salesCycleServices(crm.context, { greetings: { sender, templates: { birthday: { body: 'Happy {{contact.years}}th, {{contact.fullName | upper}}!' } } } });
    const failed = await sales.greetings.run({ date: '2027-02-28' });
    assert.deepEqual([failed.sent.length, failed.failed[0]?.failureReason], [0, 'Zalo OA tạm ngừng']);
    down = false;
    const [a, b] = await Promise.all([sales.greetings.run({ date: '2027-02-28' }), sales.greetings.run({ date: '2027-02-28' })]);
    assert.equal(a.sent.length + b.sent.length, 1);
    assert.deepEqual(sender.sent.map((m) => m.body), ['Happy 35th, LÊ VĂN TÚ!'], 'born on 29 February: greeted on the 28th in a common year');
    assert.equal((await crm.greetingLog.get('greeting:2027-02-28:contact:ct-tu')).attempts, 2);
  });
});
