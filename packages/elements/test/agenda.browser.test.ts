// <crm-agenda> in real Chromium, over a real crm on the memory store (crm.activityPlanner); keys go through the
// browser (sendKeys); drags are DragEvents carrying a real DataTransfer, as the browser fires them.
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import { createCrm, createMemoryAdapter, crmStorageSchema, MemoryDatabase, type Crm } from '@crmkit/core';
import '../src/define/agenda.js';
import type { CrmAgenda } from '../src/components/agenda/agenda.component.js';
import type { CrmActivityCompleteDetail, CrmActivityRescheduleDetail, CrmSavedDetail } from '../src/events.js';
import { setLanguage } from '../src/i18n/translate.js';
import { text, until, axeViolations } from './dom-helpers.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void> | void) => void;
declare const beforeEach: (body: () => Promise<void> | void) => void;
declare const afterEach: (body: () => Promise<void> | void) => void;

// Monday 23 November 2026, 10:00 in Hà Nội (UTC+7)
const NOW = new Date('2026-11-23T03:00:00.000Z');

async function openCrm(database: MemoryDatabase): Promise<Crm> {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema, database });
  return createCrm({ storage, actor: { id: 'u-an', role: 'manager' }, now: () => NOW });
}

async function seed(crm: Crm): Promise<void> {
  await crm.activityTypes.create({ name: 'Gửi báo giá', kind: 'email' }, { id: 'type-quote' });
  await crm.activityTypes.create({ name: 'Gọi điện', kind: 'call', nextTypeId: 'type-quote', nextDelayDays: 2, nextMode: 'schedule' }, { id: 'type-call' });
  const at = (id: string, dueAt: string, summary: string, extra: Record<string, unknown> = {}) =>
    crm.activityPlanner.schedule({ id, kind: 'meeting', summary, assigneeId: 'u-an', dueAt, ...extra });
  await at('a-late', '2026-11-23T01:30:00.000Z', 'Gặp anh Nam (FPT)'); // 08:30 today: overdue at 10:00
  await at('a-call', '2026-11-24T07:15:00.000Z', 'Gọi chị Hoa', { typeId: 'type-call', kind: 'call' }); // Tue 14:15
  await at('a-visit', '2026-11-27T02:00:00.000Z', 'Thăm cửa hàng Minh Anh', { kind: 'visit' }); // Fri 09:00
  await at('a-next-week', '2026-12-01T02:00:00.000Z', 'Họp tuần sau'); // outside this week
  await crm.activityPlanner.schedule({ kind: 'call', summary: 'Việc của người khác', assigneeId: 'u-binh', dueAt: '2026-11-24T02:00:00.000Z' });
}

function chip(agenda: CrmAgenda, id: string): HTMLButtonElement | null {
  return agenda.shadowRoot!.querySelector<HTMLButtonElement>(`button.activity[data-id="${id}"]`);
}

/** Where an activity is drawn: the slot's date and hour. */
function placeOf(agenda: CrmAgenda, id: string): string {
  const slot = chip(agenda, id)?.closest<HTMLElement>('.slot');
  return slot ? `${slot.dataset['date']} ${slot.dataset['hour']}h` : 'nowhere';
}

function slot(agenda: CrmAgenda, date: string, hour: number): HTMLElement {
  const found = agenda.shadowRoot!.querySelector<HTMLElement>(`.slot[data-date="${date}"][data-hour="${hour}"]`);
  if (!found) throw new Error(`no slot ${date} ${hour}h`);
  return found;
}

async function drag(agenda: CrmAgenda, id: string, target: HTMLElement): Promise<void> {
  const dataTransfer = new DataTransfer();
  chip(agenda, id)!.dispatchEvent(new DragEvent('dragstart', { bubbles: true, composed: true, dataTransfer }));
  target.dispatchEvent(new DragEvent('dragover', { bubbles: true, composed: true, cancelable: true, dataTransfer }));
  await agenda.updateComplete;
  expect(target.classList.contains('drop'), 'the slot under the pointer is highlighted').to.equal(true);
  target.dispatchEvent(new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer }));
  chip(agenda, id)?.dispatchEvent(new DragEvent('dragend', { bubbles: true, composed: true, dataTransfer }));
  await agenda.updateComplete;
}

describe('<crm-agenda>', () => {
  let database: MemoryDatabase;
  let crm: Crm;
  let agenda: CrmAgenda;

  beforeEach(async () => {
    setLanguage('vi');
    database = new MemoryDatabase();
    crm = await openCrm(database);
    await seed(crm);
    agenda = document.createElement('crm-agenda');
    agenda.crm = crm;
    document.body.append(agenda);
    await agenda.updateComplete;
  });

  afterEach(() => {
    agenda.remove();
  });

  it('shows the user’s week at Vietnam time, Monday first, with the overdue meeting marked and other people’s work left out', async () => {
    expect(text(agenda.shadowRoot!.querySelector('h2'))).to.match(/^Tuần .*23\/11.*29\/11/);
    expect(placeOf(agenda, 'a-late')).to.equal('2026-11-23 8h');
    expect(placeOf(agenda, 'a-call')).to.equal('2026-11-24 14h');
    expect(placeOf(agenda, 'a-visit')).to.equal('2026-11-27 9h');
    expect(chip(agenda, 'a-next-week')).to.equal(null);
    expect(agenda.shadowRoot!.textContent).not.to.contain('Việc của người khác');
    expect(chip(agenda, 'a-late')!.classList.contains('overdue')).to.equal(true);
    expect(text(chip(agenda, 'a-late')), 'what a screen reader says: time, summary, kind, lateness').to.equal('08:30 Gặp anh Nam (FPT), Gặp mặtQuá hạn');
    expect(chip(agenda, 'a-call')!.classList.contains('overdue')).to.equal(false);
  });

  it('clicking a slot creates an activity at that hour; a summary is required and nothing is written without one', async () => {
    const saved: CrmSavedDetail[] = [];
    agenda.addEventListener('crm-saved', (event) => saved.push(event.detail));
    slot(agenda, '2026-11-25', 15).click();
    await agenda.updateComplete;
    const form = agenda.shadowRoot!.querySelector('aside form') as HTMLFormElement;
    expect((form.querySelector('input[name="date"]') as HTMLInputElement).value).to.equal('2026-11-25');
    expect((form.querySelector('input[name="time"]') as HTMLInputElement).value).to.equal('15:00');
    expect(agenda.shadowRoot!.activeElement?.getAttribute('name'), 'focus goes to the summary').to.equal('summary');
    const before = await crm.activities.count();
    form.requestSubmit();
    await agenda.updateComplete;
    expect(text(agenda.shadowRoot!.getElementById('error-summary'))).to.equal('Bắt buộc phải nhập');
    expect(await crm.activities.count()).to.equal(before);

    await sendKeys({ type: 'Demo sản phẩm cho Sao Mai' });
    form.requestSubmit();
    await agenda.updateComplete;
    expect(saved).to.have.length(1);
    const created = await crm.activities.get(saved[0]!.record.id);
    expect([created.summary, created.dueAt, created.assigneeId, created.kind]).to.deep.equal(['Demo sản phẩm cho Sao Mai', '2026-11-25T08:00:00.000Z', 'u-an', 'call']);
    expect(placeOf(agenda, created.id)).to.equal('2026-11-25 15h');
    expect(text(agenda.shadowRoot!.querySelector('[role="status"]'))).to.contain('Đã tạo "Demo sản phẩm cho Sao Mai" lúc 15:00');
  });

  it('dragging an activity to another slot reschedules it there, keeping its minutes; a host may veto the move', async () => {
    const moves: CrmActivityRescheduleDetail[] = [];
    agenda.addEventListener('crm-activity-reschedule', (event) => moves.push(event.detail));
    await drag(agenda, 'a-call', slot(agenda, '2026-11-26', 10));
    expect((await crm.activities.get('a-call')).dueAt).to.equal('2026-11-26T03:15:00.000Z');
    expect(placeOf(agenda, 'a-call')).to.equal('2026-11-26 10h');
    expect(moves).to.deep.equal([{ activityId: 'a-call', from: '2026-11-24T07:15:00.000Z', to: '2026-11-26T03:15:00.000Z' }]);

    const veto = (event: Event) => event.preventDefault();
    agenda.addEventListener('crm-activity-reschedule-request', veto);
    await drag(agenda, 'a-call', slot(agenda, '2026-11-28', 16));
    agenda.removeEventListener('crm-activity-reschedule-request', veto);
    expect((await crm.activities.get('a-call')).dueAt, 'the vetoed move wrote nothing').to.equal('2026-11-26T03:15:00.000Z');
  });

  it('Alt + arrow keys move the selected activity an hour or a day, and the move is announced', async () => {
    chip(agenda, 'a-visit')!.focus();
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'ArrowDown' });
    await agenda.updateComplete;
    await until(() => placeOf(agenda, 'a-visit') === '2026-11-27 10h', 'an hour later');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ up: 'Alt' });
    await agenda.updateComplete;
    await until(() => placeOf(agenda, 'a-visit') === '2026-11-26 10h', 'a day earlier');
    expect((await crm.activities.get('a-visit')).dueAt).to.equal('2026-11-26T03:00:00.000Z');
    expect(agenda.shadowRoot!.activeElement?.getAttribute('data-id'), 'focus stays on the moved activity').to.equal('a-visit');
    expect(text(agenda.shadowRoot!.querySelector('[role="status"]'))).to.contain('Đã dời "Thăm cửa hàng Minh Anh" đến 10:00');
  });

  it('completing the call with an outcome schedules "Gửi báo giá" two days later, shown in the week', async () => {
    const completions: CrmActivityCompleteDetail[] = [];
    agenda.addEventListener('crm-activity-complete', (event) => completions.push(event.detail));
    chip(agenda, 'a-call')!.click();
    await agenda.updateComplete;
    const details = agenda.shadowRoot!.querySelector('aside')!;
    expect(text(details.querySelector('h3'))).to.equal('Gọi chị Hoa');
    (details.querySelector('textarea[name="outcome"]') as HTMLTextAreaElement).value = 'Khách muốn nhận báo giá';
    (details.querySelector('textarea[name="outcome"]')!.closest('form') as HTMLFormElement).requestSubmit();
    await agenda.updateComplete;
    const call = await crm.activities.get('a-call');
    expect([call.status, call.outcome, call.doneAt]).to.deep.equal(['done', 'Khách muốn nhận báo giá', NOW.toISOString()]);
    expect(completions).to.have.length(1);
    const next = await crm.activities.get(completions[0]!.nextActivityId!);
    expect([next.summary, next.dueAt, next.typeId]).to.deep.equal(['Gửi báo giá', '2026-11-25T03:00:00.000Z', 'type-quote']);
    expect(placeOf(agenda, next.id)).to.equal('2026-11-25 10h');
    expect(chip(agenda, 'a-call')!.classList.contains('done')).to.equal(true);
    expect(text(agenda.shadowRoot!.querySelector('[role="status"]'))).to.contain('Hoạt động tiếp theo "Gửi báo giá" đã được lên lịch lúc 10:00');
  });

  it('keeps keyboard focus in the agenda: on the new activity after creating, the details after completing, the next activity after cancelling', async () => {
    const focused = () => agenda.shadowRoot!.activeElement as HTMLElement | null;
    agenda.shadowRoot!.querySelector<HTMLButtonElement>('.toolbar button.primary')!.focus();
    await sendKeys({ press: 'Enter' });
    await agenda.updateComplete;
    await sendKeys({ type: 'Gọi lại anh Tuấn' });
    await sendKeys({ press: 'Enter' });
    await until(() => text(agenda.shadowRoot!.querySelector('[role="status"]')).includes('Đã tạo "Gọi lại anh Tuấn"'), 'the creation');
    await agenda.updateComplete;
    expect(focused()?.classList.contains('activity'), 'the new activity').to.equal(true);
    expect(text(focused())).to.contain('Gọi lại anh Tuấn');

    chip(agenda, 'a-visit')!.focus();
    await sendKeys({ press: 'Enter' });
    await agenda.updateComplete;
    const completeButton = [...agenda.shadowRoot!.querySelectorAll<HTMLButtonElement>('aside button[type="submit"]')].find((button) => text(button) === 'Hoàn thành')!;
    completeButton.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => text(agenda.shadowRoot!.querySelector('[role="status"]')).includes('Đã hoàn thành "Thăm cửa hàng Minh Anh"'), 'the completion');
    await agenda.updateComplete;
    expect(focused()?.id, 'the completed activity\'s details').to.equal('details-heading');
    expect(text(focused())).to.equal('Thăm cửa hàng Minh Anh');

    chip(agenda, 'a-call')!.focus();
    await sendKeys({ press: 'Enter' });
    await agenda.updateComplete;
    [...agenda.shadowRoot!.querySelectorAll<HTMLButtonElement>('aside button')].find((button) => text(button) === 'Hủy hoạt động')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => chip(agenda, 'a-call') === null, 'the cancelled call to leave');
    await agenda.updateComplete;
    expect(focused()?.dataset['id'], 'the activity after the cancelled one').to.equal('a-visit');
  });

  it('completing an activity already completed in another tab says so in Vietnamese', async () => {
    chip(agenda, 'a-visit')!.click();
    await agenda.updateComplete;
    const form = agenda.shadowRoot!.querySelector<HTMLFormElement>('aside form')!;
    const otherTab = await openCrm(database);
    await otherTab.activityPlanner.complete('a-visit', {});
    form.requestSubmit();
    await until(() => agenda.shadowRoot!.querySelector('p.message[role="alert"]') !== null, 'the refusal');
    expect(text(agenda.shadowRoot!.querySelector('p.message[role="alert"]'))).to.equal('Đã có lỗi: Hoạt động này đã hoàn thành hoặc đã bị hủy.');
  });

  it('day and month views, navigation, English at run time', async () => {
    agenda.view = 'month';
    await agenda.updateComplete;
    expect(text(agenda.shadowRoot!.querySelector('h2'))).to.equal('Tháng 11/2026');
    const cells = agenda.shadowRoot!.querySelectorAll('.cell');
    expect(cells.length, 'six whole weeks, Monday 26 October to Sunday 6 December').to.equal(42);
    expect(chip(agenda, 'a-next-week')?.closest<HTMLElement>('.cell')?.dataset['date']).to.equal('2026-12-01');
    agenda.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Sau"]')!.click();
    await agenda.updateComplete;
    expect(text(agenda.shadowRoot!.querySelector('h2'))).to.equal('Tháng 12/2026');
    agenda.view = 'day';
    agenda.date = '2026-11-24';
    await agenda.updateComplete;
    expect(agenda.shadowRoot!.querySelectorAll('button.activity')).to.have.length(1);
    setLanguage('en');
    await agenda.updateComplete;
    expect([...agenda.shadowRoot!.querySelectorAll('.views button')].map((button) => text(button))).to.deep.equal(['Day', 'Week', 'Month']);
    expect(text(chip(agenda, 'a-call'))).to.equal('14:15 Gọi chị Hoa, Call');
  });

  it('follows the store: an activity planned in another tab appears', async () => {
    const otherTab = await openCrm(database);
    await otherTab.activityPlanner.schedule({ id: 'a-tab', kind: 'zalo', summary: 'Nhắn Zalo cho anh Lực', assigneeId: 'u-an', dueAt: '2026-11-26T04:00:00.000Z' });
    await until(() => chip(agenda, 'a-tab') !== null, 'the other tab’s activity');
    await agenda.updateComplete;
    expect(placeOf(agenda, 'a-tab')).to.equal('2026-11-26 11h');
  });

  it('has no axe violations in the week, with the create form open, and in the month', async () => {
    expect(await axeViolations(agenda)).to.deep.equal([]);
    slot(agenda, '2026-11-25', 9).click();
    await agenda.updateComplete;
    expect(await axeViolations(agenda)).to.deep.equal([]);
    agenda.view = 'month';
    await agenda.updateComplete;
    expect(await axeViolations(agenda)).to.deep.equal([]);
  });
});
