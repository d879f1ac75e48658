// <crm-pipeline-board> in real Chromium, over a real crm on the memory store. Mocha's globals come from
// @web/test-runner; keys are pressed through the browser (sendKeys), not synthesised.
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import { createCrm, createMemoryAdapter, crmStorageSchema, MemoryDatabase, type Crm } from '@crmkit/core';
import '../src/define/pipeline-board.js';
import type { CrmPipelineBoard } from '../src/components/pipeline-board/pipeline-board.component.js';
import type { CrmStageChangeDetail } from '../src/events.js';
import { text, until, axeViolations } from './dom-helpers.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void> | void) => void;
declare const beforeEach: (body: () => Promise<void> | void) => void;
declare const afterEach: (body: () => Promise<void> | void) => void;

const NOW = new Date('2025-03-10T02:00:00.000Z');
const actor = { id: 'u-admin', role: 'admin' as const };

async function openCrm(database: MemoryDatabase): Promise<Crm> {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema, database });
  return createCrm({ storage, actor, now: () => NOW });
}

async function seed(crm: Crm): Promise<void> {
  await crm.salesTeams.create({ name: 'Nhóm Hà Nội' }, { id: 't-hn' });
  await crm.salesTeams.create({ name: 'Nhóm Hồ Chí Minh' }, { id: 't-hcm' });
  await crm.users.create({ name: 'Nguyễn Văn An', role: 'salesperson', teamIds: ['t-hn'] }, { id: 'u-an' });
  await crm.users.create({ name: 'Trần Thị Bình', role: 'salesperson', teamIds: ['t-hcm'] }, { id: 'u-binh' });
  await crm.tags.create({ name: 'VIP' }, { id: 'tag-vip' });
  await crm.tags.create({ name: 'Bán lẻ' }, { id: 'tag-retail' });
  await crm.lostReasons.create({ name: 'Giá quá cao', labels: { vi: 'Giá quá cao', en: 'Too expensive' } }, { id: 'lr-price' });
  await crm.stages.create({ name: 'Mới', labels: { vi: 'Mới', en: 'New' }, sequence: 1, defaultProbability: 10 }, { id: 's-new' });
  await crm.stages.create({ name: 'Đủ điều kiện', labels: { vi: 'Đủ điều kiện', en: 'Qualified' }, sequence: 2, defaultProbability: 30 }, { id: 's-qualified' });
  await crm.stages.create({ name: 'Báo giá', labels: { vi: 'Báo giá', en: 'Proposition' }, sequence: 3, defaultProbability: 60 }, { id: 's-proposal' });
  await crm.stages.create({ name: 'Thắng', labels: { vi: 'Thắng', en: 'Won' }, sequence: 4, defaultProbability: 100, isWon: true }, { id: 's-won' });
  await crm.companies.create({ name: 'Công ty Đường Sắt Sài Gòn' } as never, { id: 'co-duongsat' });
  await crm.contacts.create({ kind: 'individual', fullName: 'Lê Thị Hương' } as never, { id: 'c-huong' });
  await crm.opportunities.create(
    { name: 'Gói cước doanh nghiệp', companyId: 'co-duongsat', stageId: 's-new', expectedRevenue: { amount: 1_250_000, currency: 'VND' }, probability: 50, priority: 2, salespersonId: 'u-an', salesTeamId: 't-hn', tagIds: ['tag-vip'] },
    { id: 'o-goicuoc' },
  );
  await crm.opportunities.create(
    { name: 'Thiết bị định vị', contactId: 'c-huong', stageId: 's-new', expectedRevenue: { amount: 2_000_000, currency: 'VND' }, priority: 1, salespersonId: 'u-binh', salesTeamId: 't-hcm', tagIds: ['tag-retail'] },
    { id: 'o-dinhvi' },
  );
  await crm.opportunities.create(
    { name: 'Phần mềm kế toán', contactId: 'c-huong', stageId: 's-qualified', expectedRevenue: { amount: 10_000_000, currency: 'VND' }, priority: 3, salespersonId: 'u-binh', salesTeamId: 't-hcm' },
    { id: 'o-ketoan' },
  );
  await crm.activities.create({ kind: 'call', summary: 'Gọi lại khách', dueAt: '2025-03-09T03:00:00.000Z', related: { entity: 'opportunity', id: 'o-goicuoc' } });
}

function requirePipeline(crm: Crm): void {
  if (!(crm as Crm & { pipeline?: unknown }).pipeline) {
    throw new Error('crm.pipeline is missing from @crmkit/core: this test needs the pipeline service (moveStage, markWon, markLost)');
  }
}

function column(board: CrmPipelineBoard, stageId: string): HTMLElement {
  const found = board.shadowRoot!.querySelector<HTMLElement>(`.column[data-stage="${stageId}"]`);
  if (!found) throw new Error(`no column for ${stageId}`);
  return found;
}

function card(board: CrmPipelineBoard, id: string): HTMLElement | null {
  return board.shadowRoot!.querySelector<HTMLElement>(`.card[data-id="${id}"]`);
}

function cardIds(board: CrmPipelineBoard, stageId: string): string[] {
  return [...column(board, stageId).querySelectorAll<HTMLElement>('.card')].map((element) => element.dataset['id']!);
}

describe('<crm-pipeline-board>', () => {
  let database: MemoryDatabase;
  let crm: Crm;
  let board: CrmPipelineBoard;

  beforeEach(async () => {
    database = new MemoryDatabase();
    crm = await openCrm(database);
    await seed(crm);
    board = document.createElement('crm-pipeline-board');
    board.crm = crm;
    board.language = 'vi';
    document.body.append(board);
    await board.updateComplete;
  });

  afterEach(() => {
    board.remove();
  });

  it('shows a column per stage in sequence with its count and sums of expected and weighted revenue', async () => {
    const stages = [...board.shadowRoot!.querySelectorAll<HTMLElement>('.column')].map((element) => element.dataset['stage']);
    expect(stages).to.deep.equal(['s-new', 's-qualified', 's-proposal', 's-won']);
    const fresh = column(board, 's-new');
    expect(text(fresh.querySelector('h3 span'))).to.equal('Mới');
    expect(text(fresh.querySelector('h3 .count'))).to.equal('2 cơ hội');
    // 1.250.000 + 2.000.000; weighted 50% of the first and the stage's 10% of the second
    expect(text(fresh.querySelector('.expected'))).to.equal('3.250.000 ₫');
    expect(text(fresh.querySelector('.weighted'))).to.equal('825.000 ₫');
    board.language = 'en';
    await board.updateComplete;
    expect(text(column(board, 's-new').querySelector('h3 span'))).to.equal('New');
    expect(text(column(board, 's-new').querySelector('h3 .count'))).to.equal('2 opportunities');
    expect(text(column(board, 's-new').querySelector('.expected'))).to.equal('₫3,250,000');
  });

  it('shows on a card its customer, value, priority, salesperson and the lateness of its next activity', async () => {
    const goicuoc = card(board, 'o-goicuoc')!;
    expect(text(goicuoc.querySelector('.name'))).to.equal('Gói cước doanh nghiệp');
    expect(text(goicuoc.querySelector('.customer'))).to.equal('Công ty Đường Sắt Sài Gòn');
    expect(text(goicuoc.querySelector('.value'))).to.equal('1.250.000 ₫');
    expect(goicuoc.querySelector('.stars')!.getAttribute('aria-label')).to.equal('Ưu tiên 2/3');
    expect(text(goicuoc.querySelector('.salesperson'))).to.equal('Nguyễn Văn An');
    const late = goicuoc.querySelector('.late');
    expect(text(late)).to.equal('Gọi lại khách · trễ 1 ngày');
    expect(card(board, 'o-dinhvi')!.querySelector('.late')).to.equal(null);
  });

  it('moves a card to the next stage with the keyboard: Space, Right arrow, Space', async () => {
    requirePipeline(crm);
    const events: string[] = [];
    board.addEventListener('crm-stage-change-request', (event) => events.push(`request ${event.detail.fromStageId}→${event.detail.toStageId}`));
    board.addEventListener('crm-stage-change', (event) => events.push(`changed ${event.detail.toStageId}`));
    card(board, 'o-goicuoc')!.focus();
    await sendKeys({ press: 'Space' });
    await board.updateComplete;
    expect(card(board, 'o-goicuoc')!.classList.contains('grabbed')).to.equal(true);
    expect(text(board.shadowRoot!.querySelector('[aria-live]'))).to.contain('Đã nhấc Gói cước doanh nghiệp');
    await sendKeys({ press: 'ArrowRight' });
    await board.updateComplete;
    expect(column(board, 's-qualified').classList.contains('drop-target')).to.equal(true);
    await sendKeys({ press: 'Space' });
    await until(() => events.includes('changed s-qualified'), 'the stage change');
    await board.updateComplete;
    expect(events).to.deep.equal(['request s-new→s-qualified', 'changed s-qualified']);
    expect((await crm.opportunities.get('o-goicuoc')).stageId).to.equal('s-qualified');
    expect(cardIds(board, 's-qualified')).to.include('o-goicuoc');
    expect(cardIds(board, 's-new')).to.not.include('o-goicuoc');
    expect(board.shadowRoot!.activeElement).to.equal(card(board, 'o-goicuoc'));
    expect(text(board.shadowRoot!.querySelector('[aria-live]'))).to.equal('Đã chuyển Gói cước doanh nghiệp sang giai đoạn Đủ điều kiện.');
  });

  it('moves a card by pointer drag: the column under the pointer is highlighted, the drop saves the move', async () => {
    const events: string[] = [];
    board.addEventListener('crm-stage-change', (event) => events.push(`changed ${event.detail.fromStageId}→${event.detail.toStageId}`));
    // DragEvents carrying a real DataTransfer, in the order Chromium fires them for a mouse drag
    const dataTransfer = new DataTransfer();
    const target = column(board, 's-qualified');
    card(board, 'o-goicuoc')!.dispatchEvent(new DragEvent('dragstart', { bubbles: true, composed: true, dataTransfer }));
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, composed: true, cancelable: true, dataTransfer }));
    await board.updateComplete;
    expect(target.classList.contains('drop-target')).to.equal(true);
    expect(dataTransfer.getData('text/plain')).to.equal('o-goicuoc');
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer }));
    card(board, 'o-goicuoc')?.dispatchEvent(new DragEvent('dragend', { bubbles: true, composed: true, dataTransfer }));
    await until(() => events.length === 1, 'the stage change');
    await board.updateComplete;
    expect(events).to.deep.equal(['changed s-new→s-qualified']);
    expect((await crm.opportunities.get('o-goicuoc')).stageId).to.equal('s-qualified');
    expect(cardIds(board, 's-qualified')).to.include('o-goicuoc');
    expect(target.classList.contains('drop-target'), 'the highlight goes with the drop').to.equal(false);
  });

  it('lets the host veto a move: preventDefault on crm-stage-change-request leaves the card where it was', async () => {
    let changed = false;
    board.addEventListener('crm-stage-change-request', (event: CustomEvent<CrmStageChangeDetail>) => event.preventDefault());
    board.addEventListener('crm-stage-change', () => (changed = true));
    card(board, 'o-goicuoc')!.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await board.updateComplete;
    expect(changed).to.equal(false);
    expect((await crm.opportunities.get('o-goicuoc')).stageId).to.equal('s-new');
    expect(cardIds(board, 's-new')).to.include('o-goicuoc');
    expect(text(board.shadowRoot!.querySelector('[aria-live]'))).to.equal('Không được phép chuyển Gói cước doanh nghiệp sang giai đoạn Đủ điều kiện.');
  });

  it('cancels a keyboard move with Escape', async () => {
    card(board, 'o-dinhvi')!.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Escape' });
    await board.updateComplete;
    expect(board.shadowRoot!.querySelector('.grabbed')).to.equal(null);
    expect(cardIds(board, 's-new')).to.include('o-dinhvi');
    expect(text(board.shadowRoot!.querySelector('[aria-live]'))).to.equal('Đã hủy chuyển Thiết bị định vị.');
  });

  it('asks for a lost reason in an accessible dialog and refuses to mark lost without one', async () => {
    let requested = false;
    board.addEventListener('crm-lost-request', () => (requested = true));
    card(board, 'o-dinhvi')!.querySelector<HTMLButtonElement>('button[data-action="lost"]')!.click();
    await board.updateComplete;
    const dialog = board.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('lost-title');
    expect(board.shadowRoot!.activeElement?.tagName).to.equal('SELECT');
    expect(await axeViolations(board)).to.deep.equal([]);
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await board.updateComplete;
    expect(text(dialog.querySelector('#lost-error'))).to.equal('Hãy chọn lý do thất bại.');
    expect(dialog.querySelector('select')!.getAttribute('aria-invalid')).to.equal('true');
    expect(board.shadowRoot!.activeElement?.tagName).to.equal('SELECT');
    expect(dialog.open).to.equal(true);
    expect(requested).to.equal(false);
    expect((await crm.opportunities.get('o-dinhvi')).status).to.equal('open');
    expect(await axeViolations(board)).to.deep.equal([]);
  });

  it('marks an opportunity lost with the reason chosen in the dialog', async () => {
    requirePipeline(crm);
    const lost: string[] = [];
    board.addEventListener('crm-lost', (event) => lost.push(`${event.detail.opportunityId}:${event.detail.lostReasonId}`));
    card(board, 'o-dinhvi')!.querySelector<HTMLButtonElement>('button[data-action="lost"]')!.click();
    await board.updateComplete;
    const dialog = board.shadowRoot!.querySelector('dialog')!;
    const select = dialog.querySelector('select')!;
    select.value = 'lr-price';
    select.dispatchEvent(new Event('change'));
    dialog.querySelector('textarea')!.value = 'Khách chọn gói rẻ hơn';
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => lost.length > 0, 'crm-lost');
    await board.updateComplete;
    expect(lost).to.deep.equal(['o-dinhvi:lr-price']);
    expect(dialog.open).to.equal(false);
    const stored = await crm.opportunities.get('o-dinhvi');
    expect(stored.status).to.equal('lost');
    expect(stored.lostReasonId).to.equal('lr-price');
    expect(card(board, 'o-dinhvi')).to.equal(null);
  });

  it('closes the lost dialog on Escape without changing anything', async () => {
    card(board, 'o-dinhvi')!.querySelector<HTMLButtonElement>('button[data-action="lost"]')!.click();
    await board.updateComplete;
    await sendKeys({ press: 'Escape' });
    await board.updateComplete;
    expect(board.shadowRoot!.querySelector('dialog')!.open).to.equal(false);
    expect((await crm.opportunities.get('o-dinhvi')).status).to.equal('open');
  });

  it('marks an opportunity won from its card', async () => {
    requirePipeline(crm);
    const won: string[] = [];
    board.addEventListener('crm-won', (event) => won.push(event.detail.opportunityId));
    card(board, 'o-ketoan')!.querySelector<HTMLButtonElement>('button[data-action="won"]')!.click();
    await until(() => won.length > 0, 'crm-won');
    expect((await crm.opportunities.get('o-ketoan')).status).to.equal('won');
  });

  it('keeps keyboard focus on the card marked won, and on the card that takes the place of one marked lost', async () => {
    requirePipeline(crm);
    const outcomes: string[] = [];
    board.addEventListener('crm-won', (event) => outcomes.push(`won:${event.detail.opportunityId}`));
    board.addEventListener('crm-lost', (event) => outcomes.push(`lost:${event.detail.opportunityId}`));
    card(board, 'o-ketoan')!.querySelector<HTMLButtonElement>('button[data-action="won"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => outcomes.length === 1, 'crm-won');
    await board.updateComplete;
    expect(text(card(board, 'o-ketoan')!.querySelector('.won-badge'))).to.equal('Đã thắng');
    const focusedCard = () => (board.shadowRoot!.activeElement as HTMLElement | null)?.closest('.card')?.getAttribute('data-id');
    expect(board.shadowRoot!.activeElement?.classList.contains('card'), 'a card has the focus').to.equal(true);
    expect(focusedCard(), 'the won card keeps the focus').to.equal('o-ketoan');

    card(board, 'o-goicuoc')!.querySelector<HTMLButtonElement>('button[data-action="lost"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await board.updateComplete;
    const dialog = board.shadowRoot!.querySelector('dialog')!;
    const select = dialog.querySelector('select')!;
    select.value = 'lr-price';
    select.dispatchEvent(new Event('change'));
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => outcomes.length === 2, 'crm-lost');
    await board.updateComplete;
    expect(outcomes).to.deep.equal(['won:o-ketoan', 'lost:o-goicuoc']);
    expect(card(board, 'o-goicuoc') === null, 'the lost card left').to.equal(true);
    expect(focusedCard(), 'the next card of the stage takes the focus').to.equal('o-dinhvi');
  });

  it('keeps one rendered card in the tab order when the focused card is filtered out or marked lost elsewhere', async () => {
    const tabbable = () => [...board.shadowRoot!.querySelectorAll<HTMLElement>('.card')].filter((element) => element.tabIndex === 0).map((element) => element.dataset['id']);
    card(board, 'o-goicuoc')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await board.updateComplete;
    expect(tabbable()).to.deep.equal(['o-dinhvi']);
    const search = board.shadowRoot!.querySelector<HTMLInputElement>('[data-filter="text"]')!;
    search.value = 'ke toan';
    search.dispatchEvent(new Event('input'));
    await board.updateComplete;
    expect(tabbable(), 'the only card shown').to.deep.equal(['o-ketoan']);
    search.value = '';
    search.dispatchEvent(new Event('input'));
    await board.updateComplete;
    expect(tabbable(), 'the focused card again, once shown').to.deep.equal(['o-dinhvi']);

    requirePipeline(crm);
    const other = await openCrm(database);
    await other.pipeline.markLost('o-dinhvi', { lostReasonId: 'lr-price' });
    await until(() => card(board, 'o-dinhvi') === null, 'the lost card to leave');
    expect(tabbable()).to.deep.equal(['o-goicuoc']);
  });

  it('clears the salesperson filter when the chosen team does not include that salesperson', async () => {
    const filter = async (name: string, value: string) => {
      const control = board.shadowRoot!.querySelector<HTMLSelectElement>(`[data-filter="${name}"]`)!;
      control.value = value;
      control.dispatchEvent(new Event('change'));
      await board.updateComplete;
    };
    const all = () => ['s-new', 's-qualified'].flatMap((stage) => cardIds(board, stage)).sort();
    await filter('salespersonId', 'u-an');
    expect(all()).to.deep.equal(['o-goicuoc']);
    await filter('teamId', 't-hcm');
    expect(all(), 'the team\'s opportunities, not an empty board').to.deep.equal(['o-dinhvi', 'o-ketoan']);
    const salesperson = board.shadowRoot!.querySelector<HTMLSelectElement>('[data-filter="salespersonId"]')!;
    expect(salesperson.value).to.equal('');
    expect(text(salesperson.selectedOptions[0])).to.equal('Tất cả');
    await filter('salespersonId', 'u-binh');
    expect(all()).to.deep.equal(['o-dinhvi', 'o-ketoan']);
    expect(salesperson.value).to.equal('u-binh');
  });

  it('does not let a won card be picked up or dragged, and says why in the board\'s language', async () => {
    requirePipeline(crm);
    await crm.pipeline.markWon('o-ketoan');
    await until(() => text(card(board, 'o-ketoan')).includes('Đã thắng'), 'the won badge');
    const won = card(board, 'o-ketoan')!;
    expect(won.getAttribute('draggable')).to.equal('false');
    won.focus();
    await sendKeys({ press: 'Space' });
    await board.updateComplete;
    const announcement = board.shadowRoot!.querySelector('div[role="status"][aria-live="polite"]');
    expect(text(announcement)).to.equal('Phần mềm kế toán đã thắng: phải mở lại cơ hội trước khi chuyển giai đoạn.');
    expect(board.shadowRoot!.querySelectorAll('.card.grabbed').length, 'nothing picked up').to.equal(0);
    expect(board.shadowRoot!.activeElement?.getAttribute('data-id'), 'focus stays on the won card').to.equal('o-ketoan');
    expect(text(board.shadowRoot!.querySelector('p.message[role="alert"]')), 'no refused move').to.equal('');
    expect((await crm.opportunities.get('o-ketoan')).stageId).to.equal('s-won');
  });

  it('explains a move the pipeline refuses in the board\'s language, not the core\'s English', async () => {
    requirePipeline(crm);
    const errors: string[] = [];
    board.addEventListener('crm-error', (event) => errors.push(event.detail.action));
    await crm.pipeline.markWon('o-ketoan');
    await board.updateComplete;
    expect(await board.moveCard('o-ketoan', 's-new')).to.equal(false);
    await board.updateComplete;
    expect(text(board.shadowRoot!.querySelector('p.message[role="alert"]'))).to.equal('Đã có lỗi: Cơ hội đã thắng hoặc đã thua phải được mở lại trước khi chuyển giai đoạn.');
    board.language = 'en';
    await board.updateComplete;
    expect(await board.moveCard('o-ketoan', 's-new')).to.equal(false);
    await board.updateComplete;
    expect(text(board.shadowRoot!.querySelector('p.message[role="alert"]'))).to.equal('Something went wrong: A won or lost opportunity must be reopened before it changes stage.');
    expect(errors).to.deep.equal(['moveStage', 'moveStage']);
  });

  it('filters by team, salesperson and tag, and searches without diacritics', async () => {
    const filter = async (name: string, value: string) => {
      const control = board.shadowRoot!.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-filter="${name}"]`)!;
      control.value = value;
      control.dispatchEvent(new Event(name === 'text' ? 'input' : 'change'));
      await board.updateComplete;
    };
    const all = () => ['s-new', 's-qualified'].flatMap((stage) => cardIds(board, stage)).sort();
    await filter('teamId', 't-hcm');
    expect(all()).to.deep.equal(['o-dinhvi', 'o-ketoan']);
    await filter('teamId', '');
    await filter('salespersonId', 'u-an');
    expect(all()).to.deep.equal(['o-goicuoc']);
    await filter('salespersonId', '');
    await filter('tagId', 'tag-retail');
    expect(all()).to.deep.equal(['o-dinhvi']);
    await filter('tagId', '');
    // "duong sat" finds "Đường Sắt" (đ folds to d), "HUONG" finds "Lê Thị Hương"
    await filter('text', 'duong sat');
    expect(all()).to.deep.equal(['o-goicuoc']);
    await filter('text', 'HUONG');
    expect(all()).to.deep.equal(['o-dinhvi', 'o-ketoan']);
    await filter('text', 'phan mem ke toan');
    expect(all()).to.deep.equal(['o-ketoan']);
    expect(text(column(board, 's-new').querySelector('h3 .count'))).to.equal('0 cơ hội');
    expect(text(column(board, 's-new').querySelector('.expected'))).to.equal('0 ₫');
    await filter('text', '');
    expect(all()).to.have.length(3);
  });

  it('updates live when another client (another tab) changes the store', async () => {
    const other = await openCrm(database);
    await other.opportunities.create({ name: 'Camera an ninh', stageId: 's-proposal', expectedRevenue: { amount: 5_000_000, currency: 'VND' }, contactId: 'c-huong' }, { id: 'o-camera' });
    await until(() => card(board, 'o-camera') !== null, 'the other tab\'s opportunity on the board');
    expect(text(card(board, 'o-camera')!.querySelector('.customer'))).to.equal('Lê Thị Hương');
    expect(text(column(board, 's-proposal').querySelector('.expected'))).to.equal('5.000.000 ₫');
    await other.opportunities.update('o-dinhvi', { name: 'Thiết bị định vị GPS' });
    await until(() => text(card(board, 'o-dinhvi')?.querySelector('.name')) === 'Thiết bị định vị GPS', 'the renamed card');
    await other.opportunities.remove('o-camera');
    await until(() => card(board, 'o-camera') === null, 'the removed card to leave');
    await other.activities.create({ kind: 'meeting', summary: 'Gặp khách', dueAt: '2025-03-12T03:00:00.000Z', related: { entity: 'opportunity', id: 'o-dinhvi' } });
    await until(() => text(card(board, 'o-dinhvi')?.querySelector('.salesperson')?.nextElementSibling) === 'Gặp khách · còn 2 ngày', 'the next activity');
  });

  it('has no axe violations in Vietnamese and English', async () => {
    expect(await axeViolations(board)).to.deep.equal([]);
    board.language = 'en';
    await board.updateComplete;
    expect(await axeViolations(board)).to.deep.equal([]);
  });
});
