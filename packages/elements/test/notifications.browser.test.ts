// <crm-notifications> in real Chromium, over a real crm on the memory store (crm.communications).
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import { createCrm, createMemoryAdapter, crmStorageSchema, MemoryDatabase, type Crm } from '@crmkit/core';
import '../src/define/notifications.js';
import type { CrmNotifications } from '../src/components/notifications/notifications.component.js';
import type { CrmNotificationReadDetail, CrmOpenRecordDetail } from '../src/events.js';
import { setLanguage } from '../src/i18n/translate.js';
import { text, until, axeViolations } from './dom-helpers.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void> | void) => void;
declare const beforeEach: (body: () => Promise<void> | void) => void;
declare const afterEach: (body: () => Promise<void> | void) => void;

// Monday 23 November 2026, 10:00 in Hà Nội
const NOW = new Date('2026-11-23T03:00:00.000Z');

async function openCrm(database: MemoryDatabase): Promise<Crm> {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema, database });
  return createCrm({ storage, actor: { id: 'u-an', role: 'manager' }, now: () => NOW });
}

describe('<crm-notifications>', () => {
  let database: MemoryDatabase;
  let crm: Crm;
  let bell: CrmNotifications;

  const button = () => bell.shadowRoot!.querySelector<HTMLButtonElement>('button.bell')!;
  const items = () => [...bell.shadowRoot!.querySelectorAll<HTMLElement>('li')];

  beforeEach(async () => {
    setLanguage('vi');
    database = new MemoryDatabase();
    crm = await openCrm(database);
    await crm.communications.notify({ userIds: ['u-an'], title: 'Khách FPT đã ký hợp đồng', record: { entity: 'opportunity', id: 'opp-fpt' } });
    await crm.communications.notify({ userIds: ['u-an'], title: 'Báo giá BG-00007 đã được chấp nhận', body: 'Công ty Sao Mai' });
    await crm.communications.notify({ userIds: ['u-binh'], title: 'Không phải của An' });
    bell = document.createElement('crm-notifications');
    bell.crm = crm;
    document.body.append(bell);
    await bell.updateComplete;
  });

  afterEach(() => {
    bell.remove();
  });

  it('the bell shows the user’s unread count and opens their list', async () => {
    expect(button().getAttribute('aria-label')).to.equal('Thông báo: 2 chưa đọc');
    expect(text(bell.shadowRoot!.querySelector('.count'))).to.equal('2');
    expect(bell.shadowRoot!.querySelector<HTMLElement>('.panel')!.hidden).to.equal(true);
    button().click();
    await bell.updateComplete;
    expect(button().getAttribute('aria-expanded')).to.equal('true');
    expect(items().map((item) => text(item.querySelector('.title')))).to.have.members(['Chưa đọc: Khách FPT đã ký hợp đồng', 'Chưa đọc: Báo giá BG-00007 đã được chấp nhận']);
    expect(text(bell.shadowRoot!.querySelector('.panel'))).not.to.contain('Không phải của An');
  });

  it('marking one read lowers the count and is stored; "mark all" clears it', async () => {
    const reads: CrmNotificationReadDetail[] = [];
    bell.addEventListener('crm-notification-read', (event) => reads.push(event.detail));
    bell.open = true;
    await bell.updateComplete;
    const quote = items().find((item) => text(item).includes('BG-00007'))!;
    const quoteId = quote.dataset['id']!;
    quote.querySelector<HTMLButtonElement>('button.mark')!.click();
    await bell.updateComplete;
    expect(button().getAttribute('aria-label')).to.equal('Thông báo: 1 chưa đọc');
    const stored = await crm.notifications.get(quoteId);
    expect([stored.read, stored.readAt]).to.deep.equal([true, NOW.toISOString()]);
    expect(items().map((item) => item.className), 'unread first').to.deep.equal(['unread', 'read']);
    bell.shadowRoot!.querySelector<HTMLButtonElement>('button.mark-all')!.click();
    await bell.updateComplete;
    expect(button().getAttribute('aria-label')).to.equal('Thông báo');
    expect(bell.shadowRoot!.querySelector('.count')).to.equal(null);
    expect(reads.map((read) => read.notificationIds.length)).to.deep.equal([1, 1]);
    expect(text(bell.shadowRoot!.querySelector('[role="status"]'))).to.equal('Đã đánh dấu 1 thông báo là đã đọc.');
  });

  it('marking one read by keyboard moves focus to the next notification, then to the heading when none is left', async () => {
    bell.open = true;
    await bell.updateComplete;
    const itemOf = (title: string) => items().find((item) => text(item).includes(title))!;
    itemOf('BG-00007').querySelector<HTMLButtonElement>('button.mark')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => button().getAttribute('aria-label') === 'Thông báo: 1 chưa đọc', 'one read');
    await bell.updateComplete;
    const active = () => bell.shadowRoot!.activeElement as HTMLElement | null;
    expect([active()?.closest('li')?.dataset['id'], active()?.className], 'the other notification\'s "Mark as read"').to.deep.equal([itemOf('FPT').dataset['id'], 'mark']);

    await sendKeys({ press: 'Enter' });
    await until(() => button().getAttribute('aria-label') === 'Thông báo', 'all read');
    await bell.updateComplete;
    expect(active()?.id, 'nothing left to mark: the panel\'s heading').to.equal('heading');
    expect(text(active())).to.equal('Thông báo');
  });

  it('opening a notification about a record asks the host to open it and marks it read', async () => {
    const opened: CrmOpenRecordDetail[] = [];
    bell.addEventListener('crm-open-record', (event) => opened.push(event.detail));
    bell.open = true;
    await bell.updateComplete;
    items().find((item) => text(item).includes('FPT'))!.querySelector<HTMLButtonElement>('button.open')!.click();
    await bell.updateComplete;
    expect(opened).to.deep.equal([{ entity: 'opportunity', id: 'opp-fpt' }]);
    expect(button().getAttribute('aria-label')).to.equal('Thông báo: 1 chưa đọc');
  });

  it('a due reminder pops up once: delivered on the bell’s timer, never twice', async () => {
    await crm.activityPlanner.schedule({ kind: 'meeting', summary: 'Gặp anh Nam lúc 10:10', assigneeId: 'u-an', dueAt: '2026-11-23T03:10:00.000Z', reminderOffsetsMinutes: [15] });
    bell.reminderInterval = 0.05;
    await until(() => bell.shadowRoot!.querySelector('.popup') !== null, 'the pop-up');
    await bell.updateComplete;
    expect(text(bell.shadowRoot!.querySelector('.popup span'))).to.equal('Nhắc việc: Gặp anh Nam lúc 10:10');
    expect(bell.shadowRoot!.querySelector('.popup')!.getAttribute('role')).to.equal('alert');
    expect(button().getAttribute('aria-label')).to.equal('Thông báo: 3 chưa đọc');
    await new Promise((resolve) => setTimeout(resolve, 200)); // a few more ticks
    bell.reminderInterval = 0;
    await bell.updateComplete;
    expect((await crm.communications.notificationsFor('u-an')).filter((notification) => notification.kind === 'reminder')).to.have.length(1);
    expect(await bell.deliverReminders(), 'nothing left to deliver').to.equal(0);
  });

  it('switching user-id shows that user\'s notifications without popping up their old reminders', async () => {
    await crm.activityPlanner.schedule({ kind: 'meeting', summary: 'Nhắc của chị Bình', assigneeId: 'u-binh', dueAt: '2026-11-23T03:10:00.000Z', reminderOffsetsMinutes: [15] });
    await crm.communications.deliverDueReminders();
    await bell.updateComplete;
    expect(text(bell.shadowRoot!.querySelector('.popup'))).to.equal('');
    bell.userId = 'u-binh';
    await bell.updateComplete;
    expect(button().getAttribute('aria-label')).to.equal('Thông báo: 2 chưa đọc');
    expect(text(bell.shadowRoot!.querySelector('.popup')), 'an old reminder is not new').to.equal('');

    // a reminder that arrives for the new user afterwards still pops up
    await crm.activityPlanner.schedule({ kind: 'call', summary: 'Gọi khách Sao Mai', assigneeId: 'u-binh', dueAt: '2026-11-23T03:12:00.000Z', reminderOffsetsMinutes: [15] });
    await bell.deliverReminders();
    await until(() => bell.shadowRoot!.querySelector('.popup') !== null, 'the new reminder\'s pop-up');
    expect(text(bell.shadowRoot!.querySelector('.popup span'))).to.equal('Nhắc việc: Gọi khách Sao Mai');

    // and back on anh An, chị Bình's pop-up does not follow
    bell.userId = 'u-an';
    await bell.updateComplete;
    expect(text(bell.shadowRoot!.querySelector('.popup'))).to.equal('');
  });

  it('a reminder\'s pop-up goes away once the reminder is read in another tab', async () => {
    await crm.activityPlanner.schedule({ kind: 'meeting', summary: 'Gặp anh Nam', assigneeId: 'u-an', dueAt: '2026-11-23T03:10:00.000Z', reminderOffsetsMinutes: [15] });
    await bell.deliverReminders();
    await until(() => bell.shadowRoot!.querySelector('.popup') !== null, 'the pop-up');
    const otherTab = await openCrm(database);
    await otherTab.communications.markAllRead('u-an');
    await until(() => button().getAttribute('aria-label') === 'Thông báo', 'the count cleared');
    await bell.updateComplete;
    expect(text(bell.shadowRoot!.querySelector('.popup'))).to.equal('');
  });

  it('Escape closes the list and gives focus back to the bell; English at run time', async () => {
    button().click();
    await bell.updateComplete;
    bell.shadowRoot!.querySelector<HTMLButtonElement>('button.mark-all')!.focus();
    await sendKeys({ press: 'Escape' });
    await bell.updateComplete;
    expect(bell.open).to.equal(false);
    expect(bell.shadowRoot!.activeElement).to.equal(button());
    setLanguage('en');
    await bell.updateComplete;
    expect(button().getAttribute('aria-label')).to.equal('Notifications: 2 unread');
  });

  it('follows the store: a colleague’s notification from another tab raises the count', async () => {
    const otherTab = await openCrm(database);
    await otherTab.communications.notify({ userIds: ['u-an'], title: 'Chị Hoa nhắc: gửi hợp đồng' });
    await until(() => button().getAttribute('aria-label') === 'Thông báo: 3 chưa đọc', 'the new count');
  });

  it('has no axe violations, closed and open', async () => {
    expect(await axeViolations(bell)).to.deep.equal([]);
    bell.open = true;
    await bell.updateComplete;
    expect(await axeViolations(bell)).to.deep.equal([]);
  });
});
