// <crm-route-planner> in real Chromium, over a real crm on the memory store (routes through crm.fieldSales).
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import { createCrm, createMemoryAdapter, crmStorageSchema, MemoryDatabase, type Crm } from '@crmkit/core';
import '../src/define/route-planner.js';
import type { CrmRoutePlanner } from '../src/components/route-planner/route-planner.component.js';
import type { CrmMemberChangeDetail, CrmRouteOptimizeDetail } from '../src/events.js';
import { text, until, axeViolations } from './dom-helpers.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void> | void) => void;
declare const beforeEach: (body: () => Promise<void> | void) => void;
declare const afterEach: (body: () => Promise<void> | void) => void;

// Monday 10 March 2025, mid-morning in Hà Nội
const NOW = new Date('2025-03-10T03:00:00.000Z');

async function openCrm(database: MemoryDatabase): Promise<Crm> {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema, database });
  return createCrm({ storage, actor: { id: 'u-admin', role: 'admin' }, now: () => NOW });
}

/** Four shops in Hà Nội, added in a zig-zag order so the optimiser has something to gain. */
async function seed(crm: Crm): Promise<void> {
  await crm.users.create({ name: 'Nguyễn Văn An', role: 'salesperson' }, { id: 'u-an' });
  await crm.users.create({ name: 'Trần Thị Bình', role: 'salesperson' }, { id: 'u-binh' });
  const shops = [
    { id: 'c-a', fullName: 'Tạp hóa Minh Anh', gps: { lat: 21.0285, lng: 105.8542 } },
    { id: 'c-c', fullName: 'Cửa hàng Cúc Phương', gps: { lat: 21.0455, lng: 105.8742 } },
    { id: 'c-b', fullName: 'Đại lý Bảo Long', gps: { lat: 21.0315, lng: 105.8592 } },
    { id: 'c-d', fullName: 'Siêu thị Đông Đô', gps: { lat: 21.0385, lng: 105.8652 } },
  ];
  for (const shop of shops) await crm.contacts.create({ kind: 'shop', fullName: shop.fullName, gps: shop.gps } as never, { id: shop.id });
  await crm.routes.create({ name: 'Tuyến 1 — Hoàn Kiếm', region: 'Hà Nội' }, { id: 'r-1' });
  const plans = {
    'c-a': { frequency: { kind: 'weekly' as const, weekdays: [1, 4] } },
    'c-c': { frequency: { kind: 'weekly' as const, weekdays: [2] } },
    'c-b': { frequency: { kind: 'monthly' as const, dayOfMonth: 15 } },
    'c-d': { frequency: { kind: 'every_n_weeks' as const, n: 2, weekday: 1, anchorDate: '2025-02-24' } },
  };
  for (const shop of shops) await crm.fieldSales.addMember('r-1', { customerId: shop.id, customerEntity: 'contact', visitPlan: plans[shop.id as keyof typeof plans] });
  await crm.fieldSales.assignRoute('r-1', 'u-an', { from: '2025-03-01', note: 'Phụ trách chính' });
}

function stopIds(planner: CrmRoutePlanner): string[] {
  return [...planner.shadowRoot!.querySelectorAll<HTMLElement>('li.stop')].map((item) => item.dataset['id']!);
}

function stop(planner: CrmRoutePlanner, id: string): HTMLElement {
  return planner.shadowRoot!.querySelector<HTMLElement>(`li.stop[data-id="${id}"]`)!;
}

describe('<crm-route-planner>', () => {
  let database: MemoryDatabase;
  let crm: Crm;
  let planner: CrmRoutePlanner;

  beforeEach(async () => {
    database = new MemoryDatabase();
    crm = await openCrm(database);
    await seed(crm);
    planner = document.createElement('crm-route-planner');
    planner.crm = crm;
    planner.language = 'vi';
    planner.setAttribute('route-id', 'r-1');
    document.body.append(planner);
    await planner.updateComplete;
  });

  afterEach(() => planner.remove());

  it('shows the members in visit order, the plot of stops and path, the visit plan by weekday and today\'s visits', async () => {
    const root = planner.shadowRoot!;
    expect(text(root.querySelector('h2'))).to.equal('Tuyến 1 — Hoàn Kiếm');
    expect(stopIds(planner)).to.deep.equal(['c-a', 'c-c', 'c-b', 'c-d']);
    const svg = root.querySelector('svg')!;
    expect(svg.getAttribute('viewBox')).to.equal('0 0 400 300');
    expect(svg.querySelectorAll('circle.stop-dot')).to.have.length(4);
    const points = svg.querySelector('polyline')!.getAttribute('points')!.split(' ').map((pair) => pair.split(',').map(Number));
    expect(points).to.have.length(4);
    for (const [x, y] of points) {
      expect(x).to.be.within(0, 400);
      expect(y).to.be.within(0, 300);
    }
    // north is up: Cúc Phương (the northernmost) is plotted highest
    expect(points[1]![1]).to.be.below(points[0]![1]!);
    const day = (weekday: number) => [...root.querySelectorAll(`td[data-weekday="${weekday}"] li`)].map((item) => text(item));
    expect(day(1)).to.deep.equal(['Tạp hóa Minh Anh', 'Siêu thị Đông Đô (mỗi 2 tuần)']);
    expect(day(4)).to.deep.equal(['Tạp hóa Minh Anh']);
    expect(text(root.querySelector('td[data-weekday="2"]'))).to.equal('Cửa hàng Cúc Phương');
    expect(text(root.querySelector('[part="visit-plan"]'))).to.contain('Đại lý Bảo Long: ngày 15');
    // Monday 10 March: the weekly-Monday shop and the fortnightly one anchored on 24 February
    expect([...root.querySelectorAll<HTMLElement>('.today-list li')].map((item) => item.dataset['id'])).to.deep.equal(['c-a', 'c-d']);
    expect(text(root.querySelector('.assignment-list'))).to.contain('Nguyễn Văn An');
    expect(text(root.querySelector('.assignment-list'))).to.contain('Phụ trách chính');
  });

  it('lets a host put its own map in the map slot', async () => {
    const map = document.createElement('div');
    map.slot = 'map';
    map.textContent = 'bản đồ của host';
    planner.append(map);
    await planner.updateComplete;
    const slot = planner.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="map"]')!;
    expect(slot.assignedElements()).to.deep.equal([map]);
  });

  it('takes a member out of the route and back, keeping the history with the reason', async () => {
    const events: CrmMemberChangeDetail[] = [];
    planner.addEventListener('crm-member-change', (event) => events.push(event.detail));
    stop(planner, 'c-c').querySelector<HTMLInputElement>('input.reason')!.value = 'Ngừng nhập hàng';
    stop(planner, 'c-c').querySelector<HTMLButtonElement>('button.toggle')!.click();
    await until(() => events.length === 1, 'crm-member-change');
    await planner.updateComplete;
    const route = await crm.routes.get('r-1');
    const member = route.members.find((candidate) => candidate.customerId === 'c-c')!;
    expect(member.participation).to.equal('out_of_route');
    expect(member.history.map((entry) => entry.participation)).to.deep.equal(['in_route', 'out_of_route']);
    expect(member.history[1]!.reason).to.equal('Ngừng nhập hàng');
    expect(events[0]).to.deep.equal({ routeId: 'r-1', customerId: 'c-c', participation: 'out_of_route' });
    const item = stop(planner, 'c-c');
    expect(text(item.querySelector('.badge'))).to.equal('Ngoài tuyến');
    expect(text(item.querySelector('details summary'))).to.equal('Lịch sử tham gia (2)');
    expect(text(item.querySelector('details li:last-child'))).to.contain('Ngoài tuyến — Ngừng nhập hàng');
    // the plot leaves it off the path
    expect(planner.shadowRoot!.querySelectorAll('circle.stop-dot')).to.have.length(3);
    expect(planner.shadowRoot!.querySelectorAll('circle.out-dot')).to.have.length(1);
    stop(planner, 'c-c').querySelector<HTMLButtonElement>('button.toggle')!.click();
    await until(() => events.length === 2, 'the second crm-member-change');
    const back = (await crm.routes.get('r-1')).members.find((candidate) => candidate.customerId === 'c-c')!;
    expect(back.history.map((entry) => entry.participation)).to.deep.equal(['in_route', 'out_of_route', 'in_route']);
  });

  it('lets a host veto taking a member out', async () => {
    planner.addEventListener('crm-member-change-request', (event) => event.preventDefault());
    stop(planner, 'c-c').querySelector<HTMLButtonElement>('button.toggle')!.click();
    await planner.updateComplete;
    expect((await crm.routes.get('r-1')).members.find((member) => member.customerId === 'c-c')!.participation).to.equal('in_route');
  });

  it('optimises the stop order and shows the distance before and after', async () => {
    let detail: CrmRouteOptimizeDetail | undefined;
    planner.addEventListener('crm-route-optimize', (event) => (detail = event.detail));
    planner.shadowRoot!.querySelector<HTMLButtonElement>('button.optimize')!.click();
    await until(() => detail !== undefined, 'crm-route-optimize');
    await planner.updateComplete;
    expect(detail!.before).to.be.greaterThan(0);
    expect(detail!.after).to.be.at.most(detail!.before);
    // from Minh Anh, the shops lie on a line going north-east: A, B, D, C
    expect(detail!.order).to.deep.equal(['c-a', 'c-b', 'c-d', 'c-c']);
    expect(stopIds(planner)).to.deep.equal(['c-a', 'c-b', 'c-d', 'c-c']);
    const shown = text(planner.shadowRoot!.querySelector('.optimized'));
    expect(shown).to.match(/^Trước: [\d,]+ km → Sau: [\d,]+ km \(giảm \d+%\)$/);
    expect(text(planner.shadowRoot!.querySelector('.current-distance'))).to.equal(`Quãng đường: ${shown.split('Sau: ')[1]!.split(' (')[0]}`);
  });

  it('reorders stops with the move buttons and with Alt + arrow keys', async () => {
    stop(planner, 'c-b').querySelector<HTMLButtonElement>('button.move-up')!.click();
    await until(() => stopIds(planner)[1] === 'c-b', 'the stop to move up');
    expect((await crm.routes.get('r-1')).members.map((member) => member.customerId)).to.deep.equal(['c-a', 'c-b', 'c-c', 'c-d']);
    stop(planner, 'c-a').focus();
    await sendKeys({ down: 'Alt' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ up: 'Alt' });
    await until(() => stopIds(planner)[1] === 'c-a', 'the stop to move down');
    await planner.updateComplete;
    expect(stopIds(planner)).to.deep.equal(['c-b', 'c-a', 'c-c', 'c-d']);
    expect(planner.shadowRoot!.activeElement).to.equal(stop(planner, 'c-a'));
    expect(text(planner.shadowRoot!.querySelector('[aria-live]'))).to.equal('Đã chuyển Tạp hóa Minh Anh đến vị trí 2/4.');
  });

  it('reorders stops by dragging one onto another', async () => {
    const dataTransfer = new DataTransfer();
    const source = stop(planner, 'c-d');
    source.dispatchEvent(new DragEvent('dragstart', { bubbles: true, composed: true, dataTransfer }));
    const target = stop(planner, 'c-a');
    const box = target.getBoundingClientRect();
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, composed: true, cancelable: true, dataTransfer, clientY: box.top + 2 }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer, clientY: box.top + 2 }));
    await until(() => stopIds(planner)[0] === 'c-d', 'the dragged stop first');
    expect((await crm.routes.get('r-1')).members.map((member) => member.customerId)).to.deep.equal(['c-d', 'c-a', 'c-c', 'c-b']);
  });

  it("takes today in the crm's business time zone, not the browser's", async () => {
    // 20:00 UTC on Monday 10 March is 03:00 on Tuesday 11 March in Hà Nội (the planner's UTC+7)
    const lateDatabase = new MemoryDatabase();
    const storage = await createMemoryAdapter({ schema: crmStorageSchema, database: lateDatabase });
    const late = await createCrm({ storage, actor: { id: 'u-admin', role: 'admin' }, now: () => new Date('2025-03-10T20:00:00.000Z') });
    await seed(late);
    const other = document.createElement('crm-route-planner');
    other.crm = late;
    other.language = 'vi';
    other.setAttribute('route-id', 'r-1');
    document.body.append(other);
    try {
      await until(() => other.shadowRoot!.querySelector('.today-list') !== null, "today's visits");
      // Tuesday's visit: the weekly-Tuesday shop, not Monday's two
      expect([...other.shadowRoot!.querySelectorAll<HTMLElement>('.today-list li')].map((item) => item.dataset['id'])).to.deep.equal(['c-c']);
      expect(other.shadowRoot!.querySelector<HTMLInputElement>('form.assign input[name="from"]')!.value).to.equal('2025-03-11');
    } finally {
      other.remove();
    }
  });

  it('assigns the route to an employee, refusing without one', async () => {
    const form = planner.shadowRoot!.querySelector<HTMLFormElement>('form.assign')!;
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await planner.updateComplete;
    expect(text(planner.shadowRoot!.querySelector('#assign-error'))).to.equal('Hãy chọn nhân viên.');
    form.querySelector<HTMLSelectElement>('select[name="userId"]')!.value = 'u-binh';
    form.querySelector<HTMLInputElement>('input[name="from"]')!.value = '2025-04-01';
    form.querySelector<HTMLInputElement>('input[name="note"]')!.value = 'Thay khi An nghỉ phép';
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => text(planner.shadowRoot!.querySelector('.assignment-list')).includes('Trần Thị Bình'), 'the new assignment');
    const assignments = await crm.routeAssignments.listAll();
    expect(assignments.map((assignment) => `${assignment.userId}:${assignment.effectiveFrom}`).sort()).to.deep.equal(['u-an:2025-03-01', 'u-binh:2025-04-01']);
  });

  it('refuses an assignment that ends before it starts: the end date is marked and the reason is in the planner\'s language', async () => {
    const form = planner.shadowRoot!.querySelector<HTMLFormElement>('form.assign')!;
    const employee = form.querySelector<HTMLSelectElement>('select[name="userId"]')!;
    const from = form.querySelector<HTMLInputElement>('input[name="from"]')!;
    const to = form.querySelector<HTMLInputElement>('input[name="to"]')!;
    const fill = () => {
      employee.value = 'u-binh';
      from.value = '2025-03-20';
      to.value = '2025-03-10';
    };
    fill();
    form.requestSubmit();
    await until(() => text(planner.shadowRoot!.getElementById('assign-error')) !== '', 'the refusal');
    expect(text(planner.shadowRoot!.getElementById('assign-error'))).to.equal('Đến ngày: Không được sớm hơn ngày bắt đầu');
    expect(to.getAttribute('aria-invalid'), 'the end date is the field at fault').to.equal('true');
    expect(to.getAttribute('aria-describedby')).to.equal('assign-error');
    expect(employee.getAttribute('aria-invalid'), 'the employee is fine').to.equal('false');
    expect(from.getAttribute('aria-invalid')).to.equal('false');
    expect(planner.shadowRoot!.activeElement?.getAttribute('name'), 'focus on the end date').to.equal('to');
    expect((await crm.routeAssignments.listAll()).map((assignment) => assignment.userId)).to.deep.equal(['u-an']);

    planner.language = 'en';
    await planner.updateComplete;
    fill();
    form.requestSubmit();
    await until(() => text(planner.shadowRoot!.getElementById('assign-error')).startsWith('To:'), 'the English refusal');
    expect(text(planner.shadowRoot!.getElementById('assign-error'))).to.equal('To: Must not be before effectiveFrom');
  });

  it('updates live when another client changes the route', async () => {
    const other = await openCrm(database);
    await other.fieldSales.setParticipation('r-1', 'c-b', 'out_of_route', { reason: 'Đóng cửa' });
    await until(() => text(stop(planner, 'c-b').querySelector('.badge')) === 'Ngoài tuyến', 'the change from the other tab');
  });

  it('has no axe violations in Vietnamese and English', async () => {
    expect(await axeViolations(planner)).to.deep.equal([]);
    planner.language = 'en';
    await planner.updateComplete;
    expect(await axeViolations(planner)).to.deep.equal([]);
  });
});
