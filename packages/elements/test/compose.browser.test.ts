// <crm-compose> in real Chromium, over a real crm on the memory store (crm.communications), with a recording
// transport standing in for the host's mail / SMS gateway.
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import { createCrm, createMemoryAdapter, crmStorageSchema, MemoryDatabase, type Crm, type MessageTransport, type OutgoingMessage } from '@crmkit/core';
import '../src/define/compose.js';
import type { CrmCompose } from '../src/components/compose/compose.component.js';
import type { CrmMessageDetail } from '../src/events.js';
import { setLanguage } from '../src/i18n/translate.js';
import { text, axeViolations } from './dom-helpers.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void> | void) => void;
declare const beforeEach: (body: () => Promise<void> | void) => void;
declare const afterEach: (body: () => Promise<void> | void) => void;

const NOW = new Date('2026-11-23T03:00:00.000Z');

/** The host's gateway: records what it sends; `failNext` makes the next sends fail as an SMTP server would. */
function gateway() {
  const sent: OutgoingMessage[] = [];
  const state = { failNext: 0, calls: 0 };
  const transport: MessageTransport = {
    async send(message) {
      state.calls += 1;
      if (state.failNext > 0) {
        state.failNext -= 1;
        return { ok: false, reason: 'SMTP 451: mailbox busy' };
      }
      sent.push(message);
      return { ok: true, providerMessageId: `smtp-${sent.length}` };
    },
  };
  return { transport, sent, state };
}

describe('<crm-compose>', () => {
  let crm: Crm;
  let host: ReturnType<typeof gateway>;
  let compose: CrmCompose;

  const field = <T extends HTMLElement = HTMLInputElement>(selector: string) => compose.shadowRoot!.querySelector<T>(selector)!;
  const submit = async () => {
    field<HTMLFormElement>('form').requestSubmit();
    await compose.updateComplete;
  };
  const pick = async (selector: string, value: string) => {
    const select = field<HTMLSelectElement>(selector);
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await compose.updateComplete;
  };
  const messagesOf = async (contactId: string) =>
    (await crm.activities.listAll()).filter((activity) => activity.related?.id === contactId && activity.message);

  beforeEach(async () => {
    setLanguage('vi');
    host = gateway();
    const storage = await createMemoryAdapter({ schema: crmStorageSchema, database: new MemoryDatabase() });
    crm = createCrm({ storage, actor: { id: 'u-an', role: 'manager' }, now: () => NOW, communications: { transport: host.transport } });
    await crm.contacts.create(
      { fullName: 'Hoàng Văn Nam', emails: ['nam.hv@saomai.vn', 'nam@gmail.com'], phones: [{ number: '0903 111 222', kind: 'mobile' }] },
      { id: 'ct-nam' },
    );
    await crm.communications.saveTemplate(
      { name: 'Chúc mừng sinh nhật', channel: 'email', entity: 'contact', subject: 'Chúc mừng sinh nhật {{contact.fullName}}', body: '<p>Kính gửi anh/chị {{contact.fullName}},</p>', format: 'html' },
      { id: 'tpl-birthday' },
    );
    await crm.communications.saveTemplate({ name: 'Nhắc lịch hẹn', channel: 'sms', entity: 'contact', body: 'Chào {{contact.fullName}}, hẹn gặp anh lúc 10:00.' }, { id: 'tpl-sms' });
    compose = document.createElement('crm-compose');
    compose.crm = crm;
    compose.setAttribute('record-entity', 'contact');
    compose.setAttribute('record-id', 'ct-nam');
    document.body.append(compose);
    await compose.updateComplete;
  });

  afterEach(() => {
    compose.remove();
  });

  it('a template previewed with the contact’s real data, an attachment, and the e-mail sent appears on the contact as sent', async () => {
    const sentEvents: CrmMessageDetail[] = [];
    compose.addEventListener('crm-message-sent', (event) => sentEvents.push(event.detail));
    expect(field('input[name="to"]').value, 'the contact’s addresses by default').to.equal('nam.hv@saomai.vn, nam@gmail.com');
    expect([...field<HTMLSelectElement>('select[name="template"]').options].map((option) => option.text)).to.deep.equal(['— Không dùng mẫu —', 'Chúc mừng sinh nhật']);
    await pick('select[name="template"]', 'tpl-birthday');
    expect(field('input[name="subject"]').value).to.equal('Chúc mừng sinh nhật Hoàng Văn Nam');
    expect(field<HTMLTextAreaElement>('textarea[name="body"]').value).to.equal('<p>Kính gửi anh/chị Hoàng Văn Nam,</p>');
    const preview = field<HTMLIFrameElement>('.preview iframe');
    expect(preview.getAttribute('sandbox'), 'the HTML preview runs no script').to.equal('');
    expect(preview.srcdoc).to.equal('<p>Kính gửi anh/chị Hoàng Văn Nam,</p>');

    field('input[name="attachmentName"]').value = 'Bao-gia-BG-00007.pdf';
    field('input[name="attachmentRef"]').value = 'files/bg-00007';
    field<HTMLButtonElement>('button.attach').click();
    await compose.updateComplete;
    expect(text(field('fieldset ul'))).to.contain('Bao-gia-BG-00007.pdf');

    await submit();
    expect(host.sent).to.have.length(1);
    expect(host.sent[0]).to.deep.include({ channel: 'email', subject: 'Chúc mừng sinh nhật Hoàng Văn Nam', format: 'html', to: ['nam.hv@saomai.vn', 'nam@gmail.com'] });
    expect(host.sent[0]!.attachments).to.deep.equal([{ ref: 'files/bg-00007', name: 'Bao-gia-BG-00007.pdf' }]);
    const [logged] = await messagesOf('ct-nam');
    expect([logged!.kind, logged!.status, logged!.message!.status, logged!.message!.templateId]).to.deep.equal(['email', 'done', 'sent', 'tpl-birthday']);
    expect(sentEvents.map((event) => event.activityId)).to.deep.equal([logged!.id]);
    expect(text(field('[role="status"]'))).to.equal('Đã gửi tới nam.hv@saomai.vn, nam@gmail.com.');
  });

  it('a transport that fails leaves a failed activity with its reason; "retry" sends it once', async () => {
    const failures: CrmMessageDetail[] = [];
    compose.addEventListener('crm-message-failed', (event) => failures.push(event.detail));
    host.state.failNext = 1;
    field<HTMLTextAreaElement>('textarea[name="body"]').focus();
    await sendKeys({ type: 'Anh Nam, em gửi lại báo giá ạ.' });
    await submit();
    expect(text(field('[role="status"]'))).to.equal('Gửi thất bại: SMTP 451: mailbox busy');
    expect(failures.map((failure) => failure.reason)).to.deep.equal(['SMTP 451: mailbox busy']);
    const [failed] = await messagesOf('ct-nam');
    expect([failed!.message!.status, failed!.message!.failureReason]).to.deep.equal(['failed', 'SMTP 451: mailbox busy']);

    field<HTMLButtonElement>('button.retry').click();
    await compose.updateComplete;
    expect(host.sent.map((message) => message.id), 'sent once, under the message’s own id').to.deep.equal([failed!.id]);
    expect(host.state.calls).to.equal(2);
    const [retried] = await messagesOf('ct-nam');
    expect([retried!.message!.status, retried!.message!.attempts]).to.deep.equal(['sent', 2]);
    expect(field('button.retry'), 'nothing left to retry').to.equal(null);
  });

  it('a failed message stays with its contact: another record-id offers no retry, and a retry reports the contact it was written to', async () => {
    await crm.contacts.create({ fullName: 'Lê Thị Hoa', emails: ['hoa@abc.vn'] } as never, { id: 'ct-hoa' });
    const sentEvents: CrmMessageDetail[] = [];
    compose.addEventListener('crm-message-sent', (event) => sentEvents.push(event.detail));
    host.state.failNext = 1;
    field<HTMLTextAreaElement>('textarea[name="body"]').focus();
    await sendKeys({ type: 'Anh Nam, em gửi lại báo giá ạ.' });
    await submit();
    expect(text(field('[role="status"]'))).to.equal('Gửi thất bại: SMTP 451: mailbox busy');

    compose.setAttribute('record-id', 'ct-hoa');
    await compose.updateComplete;
    expect(field('input[name="to"]').value).to.equal('hoa@abc.vn');
    expect(compose.shadowRoot!.querySelector('button.retry') !== null, 'no retry of anh Nam\'s message on chị Hoa').to.equal(false);
    expect(text(field('[role="status"]'))).to.equal('');

    // back on anh Nam, a new failure; the host switches record while the retry is under way
    compose.setAttribute('record-id', 'ct-nam');
    await compose.updateComplete;
    host.state.failNext = 1;
    await submit();
    field<HTMLButtonElement>('button.retry').click();
    compose.setAttribute('record-id', 'ct-hoa');
    await compose.updateComplete;
    expect(host.sent.map((message) => message.to)).to.deep.equal([['nam.hv@saomai.vn', 'nam@gmail.com']]);
    expect(sentEvents.map((event) => [event.record.id, event.channel, event.to])).to.deep.equal([['ct-nam', 'email', ['nam.hv@saomai.vn', 'nam@gmail.com']]]);
    expect(compose.shadowRoot!.querySelector('button.retry') !== null, 'nothing left to retry').to.equal(false);
  });

  it('an SMS or Zalo message started from an HTML e-mail template goes out as plain text', async () => {
    await pick('select[name="template"]', 'tpl-birthday');
    expect(compose.shadowRoot!.querySelector('.preview iframe') !== null, 'the e-mail previews as HTML').to.equal(true);
    await pick('select[name="channel"]', 'sms');
    expect(compose.shadowRoot!.querySelector('.preview iframe') !== null, 'an SMS previews as text').to.equal(false);
    expect(field<HTMLSelectElement>('select[name="template"]').value).to.equal('');
    await submit();

    // the host switches the channel itself
    compose.channel = 'email';
    await compose.updateComplete;
    await pick('select[name="template"]', 'tpl-birthday');
    compose.channel = 'zalo';
    await compose.updateComplete;
    await submit();
    expect(host.sent.map((message) => [message.channel, message.format])).to.deep.equal([
      ['sms', 'text'],
      ['zalo', 'text'],
    ]);
    const logged = await messagesOf('ct-nam');
    expect(logged.map((activity) => activity.message!.format)).to.deep.equal(['text', 'text']);
  });

  it('no recipient or no message is refused next to the field, and nothing is sent or logged', async () => {
    field('input[name="to"]').value = '';
    field('input[name="to"]').dispatchEvent(new Event('input'));
    field<HTMLTextAreaElement>('textarea[name="body"]').value = 'Chào anh';
    field<HTMLTextAreaElement>('textarea[name="body"]').dispatchEvent(new Event('input'));
    await submit();
    expect(text(field('#error-to'))).to.match(/ít nhất|at least/);
    expect(field('input[name="to"]').getAttribute('aria-invalid')).to.equal('true');
    field('input[name="to"]').value = 'nam@gmail.com';
    field('input[name="to"]').dispatchEvent(new Event('input'));
    field<HTMLTextAreaElement>('textarea[name="body"]').value = '';
    field<HTMLTextAreaElement>('textarea[name="body"]').dispatchEvent(new Event('input'));
    await submit();
    expect(text(field('#error-body'))).to.equal('Bắt buộc phải nhập');
    expect(host.state.calls).to.equal(0);
    expect(await messagesOf('ct-nam')).to.deep.equal([]);
  });

  it('a host may veto the send; SMS goes to the phone numbers with the SMS templates', async () => {
    compose.addEventListener('crm-send-request', (event) => event.preventDefault(), { once: true });
    field<HTMLTextAreaElement>('textarea[name="body"]').value = 'Chào anh';
    field<HTMLTextAreaElement>('textarea[name="body"]').dispatchEvent(new Event('input'));
    await submit();
    expect(text(field('[role="status"]'))).to.equal('Việc gửi đã bị chặn.');
    expect(host.state.calls).to.equal(0);

    await pick('select[name="channel"]', 'sms');
    expect(field('input[name="to"]').value).to.equal('0903 111 222');
    expect(compose.shadowRoot!.querySelector('input[name="subject"]'), 'an SMS has no subject').to.equal(null);
    await pick('select[name="template"]', 'tpl-sms');
    expect(field<HTMLTextAreaElement>('textarea[name="body"]').value).to.equal('Chào Hoàng Văn Nam, hẹn gặp anh lúc 10:00.');
    await submit();
    expect(host.sent.map((message) => [message.channel, message.to, message.body])).to.deep.equal([['sms', ['0903 111 222'], 'Chào Hoàng Văn Nam, hẹn gặp anh lúc 10:00.']]);
  });

  it('a crm with no message transport says so in Vietnamese, and nothing is logged', async () => {
    const storage = await createMemoryAdapter({ schema: crmStorageSchema, database: new MemoryDatabase() });
    const bare = createCrm({ storage, actor: { id: 'u-an', role: 'manager' }, now: () => NOW });
    await bare.contacts.create({ fullName: 'Hoàng Văn Nam', emails: ['nam@gmail.com'] } as never, { id: 'ct-nam' });
    compose.crm = bare;
    await compose.updateComplete;
    field<HTMLTextAreaElement>('textarea[name="body"]').value = 'Chào anh Nam';
    field<HTMLTextAreaElement>('textarea[name="body"]').dispatchEvent(new Event('input'));
    await submit();
    expect(text(field('p.message[role="alert"]'))).to.equal('Đã có lỗi: CRM chưa có kênh gửi tin nhắn (email, SMS, Zalo).');
    expect((await bare.activities.listAll()).filter((activity) => activity.message)).to.deep.equal([]);
  });

  it('has no axe violations, in Vietnamese and English', async () => {
    expect(await axeViolations(compose)).to.deep.equal([]);
    await pick('select[name="template"]', 'tpl-birthday');
    setLanguage('en');
    await compose.updateComplete;
    expect(text(field('h2'))).to.equal('Compose a message');
    expect(await axeViolations(compose)).to.deep.equal([]);
  });
});
