// <crm-lead-form> in real Chromium, over a real crm on the memory store. Mocha's globals come from
// @web/test-runner; typing and keys go through the browser (sendKeys), not synthesised events.
import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import { createCrm, createMemoryAdapter, crmStorageSchema, DEFAULT_DEDUP_SETTINGS, type Crm, type CustomFieldDefinition } from '@crmkit/core';
import { ContextProvider } from '@lit/context';
import '../src/define/lead-form.js';
import { crmContext } from '../src/base/crm-context.js';
import { setLanguage } from '../src/i18n/translate.js';
import type { CrmLeadForm } from '../src/components/lead-form/lead-form.component.js';
import type { CrmDuplicatesDetail, CrmOpenRecordDetail, CrmSavedDetail } from '../src/events.js';
import { text, until, axeViolations } from './dom-helpers.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void> | void) => void;
declare const beforeEach: (body: () => Promise<void> | void) => void;
declare const afterEach: (body: () => Promise<void> | void) => void;

const actor = { id: 'u-admin', role: 'admin' as const };
const customFields: CustomFieldDefinition[] = [
  { key: 'budgetCode', entity: 'lead', label: { vi: 'Mã ngân sách', en: 'Budget code' }, type: 'text', maxLength: 10 },
  { key: 'seats', entity: 'lead', label: { vi: 'Số người dùng', en: 'Seats' }, type: 'number', min: 1, max: 500 },
  { key: 'segment', entity: 'lead', label: { vi: 'Phân khúc', en: 'Segment' }, type: 'choice', options: ['SME', 'Enterprise'] },
];

async function openCrm(): Promise<Crm> {
  const storage = await createMemoryAdapter({ schema: crmStorageSchema });
  // the real duplicate engine, configured as a host might: the same mobile blocks a new lead, the same e-mail warns
  const crm = createCrm({
    storage,
    actor,
    customFields,
    duplicates: {
      settings: {
        lead: {
          fields: DEFAULT_DEDUP_SETTINGS.lead.fields,
          rules: [
            { id: 'phone', label: 'Same phone number', fields: [{ field: 'phone', match: 'exact' }], onCreate: 'block', onEdit: 'warn' },
            { id: 'email', label: 'Same e-mail address', fields: [{ field: 'email', match: 'exact' }], onCreate: 'warn', onEdit: 'warn' },
          ],
        },
      },
    },
  });
  await crm.salesTeams.create({ name: 'Nhóm Hà Nội' }, { id: 't-hn' });
  await crm.users.create({ name: 'Nguyễn Văn An', role: 'salesperson', teamIds: ['t-hn'] }, { id: 'u-an' });
  await crm.tags.create({ name: 'VIP' }, { id: 'tag-vip' });
  await crm.tags.create({ name: 'Bán lẻ' }, { id: 'tag-retail' });
  return crm;
}

function control<T extends HTMLElement = HTMLInputElement>(form: CrmLeadForm, path: string): T {
  const found = form.shadowRoot!.getElementById(`field-${path.replace(/\./g, '-')}`);
  if (!found) throw new Error(`no control for ${path}`);
  return found as T;
}

function labelOf(form: CrmLeadForm, path: string): string {
  const input = control(form, path);
  return text(form.shadowRoot!.querySelector(`label[for="${input.id}"]`));
}

function errorAt(form: CrmLeadForm, path: string): string {
  return text(form.shadowRoot!.getElementById(`error-${path.replace(/\./g, '-')}`));
}

/** Types into a field through the keyboard, as a user would. */
async function type(form: CrmLeadForm, path: string, value: string): Promise<void> {
  const input = control(form, path);
  input.focus();
  await sendKeys({ type: value });
}

function button(form: CrmLeadForm, part: 'save-button' | 'save-new-button'): HTMLButtonElement {
  return form.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${part}"]`)!;
}

function activePath(form: CrmLeadForm): string | undefined {
  const active = form.shadowRoot!.activeElement as HTMLElement | null;
  return active?.getAttribute('name') ?? active?.getAttribute('part') ?? undefined;
}

describe('<crm-lead-form>', () => {
  let crm: Crm;
  let form: CrmLeadForm;

  beforeEach(async () => {
    setLanguage('vi');
    crm = await openCrm();
    form = document.createElement('crm-lead-form');
    form.customFields = customFields;
    form.crm = crm;
    document.body.append(form);
    await form.updateComplete;
  });

  afterEach(() => {
    form.remove();
    setLanguage('vi');
  });

  it('shows every group with a legend and Vietnamese labels bound to their inputs', () => {
    const legends = [...form.shadowRoot!.querySelectorAll('fieldset[part~="fieldset"] > legend')].map(text);
    expect(legends).to.deep.equal(['Nhu cầu', 'Thông tin liên hệ', 'Địa chỉ', 'Từ khóa', 'Phân công', 'Nguồn khách hàng', 'Đánh giá BANT', 'Thông tin thêm']);
    expect(labelOf(form, 'title')).to.equal('Tiêu đề *');
    expect(control(form, 'title').getAttribute('aria-required')).to.equal('true');
    expect(labelOf(form, 'address.province')).to.equal('Tỉnh/Thành phố');
    expect(labelOf(form, 'address.district')).to.equal('Quận/Huyện');
    expect(labelOf(form, 'address.ward')).to.equal('Phường/Xã');
    expect(labelOf(form, 'custom.budgetCode')).to.equal('Mã ngân sách');
    expect(text(button(form, 'save-button'))).to.equal('Lưu');
    expect(text(button(form, 'save-new-button'))).to.equal('Lưu và tạo mới');
    const salesperson = control<HTMLSelectElement>(form, 'salespersonId');
    expect([...salesperson.options].map((option) => option.textContent)).to.include('Nguyễn Văn An');
    const tagNames = [...form.shadowRoot!.querySelectorAll('input[name="tagIds"]')].map((input) => text(input.parentElement));
    expect(tagNames).to.deep.equal(['Bán lẻ', 'VIP']);
  });

  it('saves a typed lead into the crm, revenue as an integer of VND and priority from the stars', async () => {
    const saved: CrmSavedDetail[] = [];
    form.addEventListener('crm-saved', (event) => saved.push(event.detail));
    await type(form, 'title', 'Gói cước cáp quang 200 Mbps');
    await type(form, 'contactName', 'Trần Thị Bình');
    await type(form, 'phones.mobile', '0912 345 678');
    await type(form, 'address.province', 'Hà Nội');
    await type(form, 'address.district', 'Cầu Giấy');
    await type(form, 'address.ward', 'Dịch Vọng');
    await type(form, 'expectedRevenue.amount', '12500000');
    expect(control(form, 'expectedRevenue.amount').value).to.equal('12.500.000');
    await type(form, 'probability', '40');
    form.shadowRoot!.querySelector<HTMLInputElement>('input[name="priority"][value="2"]')!.click();
    form.shadowRoot!.querySelector<HTMLInputElement>('input[name="tagIds"][value="tag-vip"]')!.click();
    const salesperson = control<HTMLSelectElement>(form, 'salespersonId');
    salesperson.value = 'u-an';
    salesperson.dispatchEvent(new Event('change'));
    await type(form, 'custom.budgetCode', 'NS-2025-07');
    await type(form, 'custom.seats', '25');
    await type(form, 'bant.budget.answer', 'Khoảng 15 triệu/năm');
    control(form, 'bant.budget.confirmed').click();
    button(form, 'save-button').click();
    await until(() => saved.length === 1, 'crm-saved');

    const [lead] = await crm.leads.listAll();
    expect(lead).to.include({ title: 'Gói cước cáp quang 200 Mbps', contactName: 'Trần Thị Bình', probability: 40, priority: 2, salespersonId: 'u-an' });
    expect(lead!.expectedRevenue).to.deep.equal({ amount: 12_500_000, currency: 'VND' });
    expect(lead!.phones).to.deep.equal({ mobile: '0912 345 678' });
    expect(lead!.address).to.deep.equal({ province: 'Hà Nội', district: 'Cầu Giấy', ward: 'Dịch Vọng' });
    expect(lead!.tagIds).to.deep.equal(['tag-vip']);
    expect(lead!.custom).to.deep.equal({ budgetCode: 'NS-2025-07', seats: 25 });
    expect(lead!.bant).to.deep.equal({ budget: { answer: 'Khoảng 15 triệu/năm', confirmed: true } });
    expect(saved[0]!.record.id).to.equal(lead!.id);
    expect(saved[0]!.warnings).to.deep.equal([]);
    expect(text(form.shadowRoot!.querySelector('[part~="message"]'))).to.equal('Đã lưu tiềm năng “Gói cước cáp quang 200 Mbps”.');
  });

  it('shows the schema\'s messages next to their fields and focuses the first invalid one on a refused save', async () => {
    await type(form, 'probability', '150');
    await type(form, 'email', 'khong-phai-email');
    button(form, 'save-button').click();
    await until(() => errorAt(form, 'title') !== '', 'the title error');
    await form.updateComplete;

    expect(errorAt(form, 'title')).to.equal('Bắt buộc phải nhập');
    expect(errorAt(form, 'probability')).to.equal('Không được lớn hơn 100');
    expect(errorAt(form, 'email')).to.equal('Địa chỉ email không hợp lệ');
    const probability = control(form, 'probability');
    expect(probability.getAttribute('aria-invalid')).to.equal('true');
    expect(probability.getAttribute('aria-describedby')).to.equal('error-probability');
    const summary = form.shadowRoot!.querySelector('[part~="error-summary"]')!;
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(summary.querySelectorAll('li').length).to.equal(3);
    expect(form.shadowRoot!.activeElement?.id).to.equal('field-title');
    expect(await crm.leads.count()).to.equal(0);

    // fixing a field clears its message
    await type(form, 'title', 'Máy chấm công');
    expect(errorAt(form, 'title')).to.equal('');
    expect(await axeViolations(form)).to.deep.equal([]);
  });

  it('checks custom fields with their configured rules, messages at custom.<key>', async () => {
    await type(form, 'title', 'Máy chấm công');
    await type(form, 'custom.budgetCode', 'NS-2025-07-QUA-DAI');
    await type(form, 'custom.seats', '0');
    button(form, 'save-button').click();
    await until(() => errorAt(form, 'custom.seats') !== '', 'the custom field errors');
    expect(errorAt(form, 'custom.budgetCode')).to.equal('Tối đa 10 ký tự');
    expect(errorAt(form, 'custom.seats')).to.equal('Phải từ 1 trở lên');
    expect(form.shadowRoot!.activeElement?.id).to.equal('field-custom-budgetCode');
    const segment = control<HTMLSelectElement>(form, 'custom.segment');
    expect([...segment.options].map((option) => option.value)).to.deep.equal(['', 'SME', 'Enterprise']);
    expect(await crm.leads.count()).to.equal(0);
  });

  it('warns about a possible duplicate while typing and still saves, reporting the warning', async () => {
    const existing = await crm.leads.create({ title: 'Camera an ninh', contactName: 'Lê Văn Cường', email: 'cuong@example.vn' });
    const found: CrmDuplicatesDetail[] = [];
    const opened: CrmOpenRecordDetail[] = [];
    const saved: CrmSavedDetail[] = [];
    form.addEventListener('crm-duplicates', (event) => found.push(event.detail));
    form.addEventListener('crm-open-record', (event) => opened.push(event.detail));
    form.addEventListener('crm-saved', (event) => saved.push(event.detail));
    await type(form, 'title', 'Camera cho kho');
    await type(form, 'email', 'Cuong@Example.vn');
    await until(() => found.length > 0, 'the duplicate check');
    await form.updateComplete;

    const panel = form.shadowRoot!.querySelector('[part~="duplicate-panel"]')!;
    expect(text(panel)).to.contain('Có thể trùng với 1 bản ghi đã có');
    expect(text(panel)).to.contain('Camera an ninh');
    expect(found.at(-1)).to.deep.include({ blocked: false });
    panel.querySelector('button')!.click();
    expect(opened).to.deep.equal([{ entity: 'lead', id: existing.id }]);

    button(form, 'save-button').click();
    await until(() => saved.length === 1, 'crm-saved');
    expect(await crm.leads.count()).to.equal(2);
    expect(saved[0]!.warnings.map((warning) => [warning.id, warning.rule, warning.action])).to.deep.equal([[existing.id, 'email', 'warn']]);
  });

  it('refuses to save a blocked duplicate and says which rule and fields', async () => {
    await crm.leads.create({ title: 'Internet cho quán', contactName: 'Phạm Thị Dung', phones: { mobile: '0912345678' } });
    const saved: CrmSavedDetail[] = [];
    form.addEventListener('crm-saved', (event) => saved.push(event.detail));
    await type(form, 'title', 'Internet cáp quang');
    await type(form, 'phones.mobile', '+84 912 345 678');
    await until(() => form.shadowRoot!.querySelector('.duplicates.blocked') !== null, 'the block');

    const save = button(form, 'save-button');
    expect(save.getAttribute('aria-disabled')).to.equal('true');
    const panel = form.shadowRoot!.querySelector('[part~="duplicate-panel"]')!;
    expect(text(panel)).to.contain('Không thể lưu vì trùng với bản ghi đã có');
    expect(text(panel)).to.contain('Quy tắc “phone” không cho phép lưu trùng điện thoại di động');
    save.click();
    await form.updateComplete;
    expect(saved).to.deep.equal([]);
    expect(await crm.leads.count()).to.equal(1);
    expect(form.shadowRoot!.activeElement?.id).to.equal('duplicates');

    // another number lifts the block
    const phone = control(form, 'phones.mobile');
    phone.select();
    await sendKeys({ type: '0987 000 111' });
    await until(() => form.shadowRoot!.querySelector('[part~="duplicate-panel"]') === null, 'the block to lift');
    save.click();
    await until(() => saved.length === 1, 'crm-saved');
    expect(await crm.leads.count()).to.equal(2);
  });

  it('edits an existing lead, keeps what the form does not show, and reports a concurrent change', async () => {
    const lead = await crm.leads.create({
      title: 'Phần mềm bán hàng',
      contactName: 'Đỗ Minh Khoa',
      address: { province: 'TP. Hồ Chí Minh', district: 'Quận 1', country: 'Việt Nam' },
      expectedRevenue: { amount: 8_000_000, currency: 'VND' },
      priority: 1,
    });
    form.leadId = lead.id;
    await form.updateComplete;
    expect(control(form, 'title').value).to.equal('Phần mềm bán hàng');
    expect(control(form, 'expectedRevenue.amount').value).to.equal('8.000.000');
    expect(text(form.shadowRoot!.querySelector('h2'))).to.equal('Sửa tiềm năng');

    const saved: CrmSavedDetail[] = [];
    form.addEventListener('crm-saved', (event) => saved.push(event.detail));
    const district = control(form, 'address.district');
    district.select();
    await sendKeys({ type: 'Quận 3' });
    control(form, 'contactName').select();
    await sendKeys({ press: 'Backspace' });
    button(form, 'save-button').click();
    await until(() => saved.length === 1, 'crm-saved');
    const stored = await crm.leads.get(lead.id);
    expect(stored.rev).to.equal(lead.rev + 1);
    expect(stored.address).to.deep.equal({ province: 'TP. Hồ Chí Minh', district: 'Quận 3', country: 'Việt Nam' });
    expect(stored.contactName).to.equal(undefined);
    expect(stored.expectedRevenue).to.deep.equal({ amount: 8_000_000, currency: 'VND' });

    // someone else saves in between: the form's save is a conflict, not an overwrite
    await crm.leads.update(lead.id, { need: 'Cần thêm 5 máy POS' });
    await type(form, 'campaign', 'Tết 2026');
    button(form, 'save-button').click();
    await until(() => form.shadowRoot!.querySelector('[part~="message"][data-kind="conflict"]') !== null, 'the conflict message');
    expect(text(form.shadowRoot!.querySelector('[part~="message"]'))).to.contain('vừa được người khác sửa (nay là phiên bản 3)');
    expect((await crm.leads.get(lead.id)).campaign).to.equal(undefined);
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="reload-button"]')!.click();
    await form.updateComplete;
    expect(control<HTMLTextAreaElement>(form, 'need').value).to.equal('Cần thêm 5 máy POS');
  });

  it('switching to a lead that cannot be loaded clears the previous lead and never saves over it', async () => {
    const first = await crm.leads.create({ title: 'Phần mềm kế toán', contactName: 'Đỗ Minh Khoa' });
    form.leadId = first.id;
    await form.updateComplete;
    expect(control(form, 'title').value).to.equal('Phần mềm kế toán');

    form.leadId = 'lead-da-xoa';
    await form.updateComplete;
    expect(control(form, 'title').value, 'the previous lead is not shown').to.equal('');
    expect(control(form, 'contactName').value).to.equal('');
    expect(text(form.shadowRoot!.querySelector('[part~="message"]'))).to.equal('Không tìm thấy tiềm năng lead-da-xoa.');

    await type(form, 'title', 'Sửa nhầm');
    expect(await form.save()).to.equal(undefined);
    expect(text(form.shadowRoot!.querySelector('[part~="message"]'))).to.equal('Chưa tải được tiềm năng lead-da-xoa nên không thể lưu.');
    const stored = await crm.leads.get(first.id);
    expect(stored.title, 'the previous lead is untouched').to.equal('Phần mềm kế toán');
    expect(stored.rev).to.equal(first.rev);
    expect(await crm.leads.count(), 'no lead was created either').to.equal(1);

    // back to a lead that loads: it is edited and saved as usual
    form.leadId = first.id;
    await form.updateComplete;
    expect(control(form, 'title').value).to.equal('Phần mềm kế toán');
    expect(text(form.shadowRoot!.querySelector('[part~="message"]'))).to.equal('');
  });

  it('follows a context provider that switches to another crm, unless the host set crm on the form', async () => {
    const other = await openCrm();
    const lead = await crm.leads.create({ title: 'Lead ở CRM thứ nhất' });
    await other.leads.create({ title: 'Lead ở CRM thứ hai' }, { id: lead.id });
    const host = document.createElement('div');
    document.body.append(host);
    const provider = new ContextProvider(host, { context: crmContext, initialValue: crm });
    const provided = document.createElement('crm-lead-form');
    provided.leadId = lead.id;
    host.append(provided);
    try {
      await provided.updateComplete;
      expect(provided.crm === crm, 'the provider\'s crm').to.equal(true);
      expect(control(provided, 'title').value).to.equal('Lead ở CRM thứ nhất');

      provider.setValue(other);
      await provided.updateComplete;
      expect(provided.crm === other, 'the provider\'s new crm').to.equal(true);
      expect(control(provided, 'title').value).to.equal('Lead ở CRM thứ hai');

      // a crm set on the element wins over the context's; unset, the context's applies again
      provided.crm = crm;
      provider.setValue(other);
      await provided.updateComplete;
      expect(provided.crm === crm, 'the crm set on the form').to.equal(true);
      expect(control(provided, 'title').value).to.equal('Lead ở CRM thứ nhất');
      provided.crm = undefined;
      await provided.updateComplete;
      expect(provided.crm === other, 'the provider\'s crm again').to.equal(true);
      expect(control(provided, 'title').value).to.equal('Lead ở CRM thứ hai');
    } finally {
      host.remove();
    }
  });

  it('"Save and new" saves and clears the form for the next lead', async () => {
    await type(form, 'title', 'Lead thứ nhất');
    button(form, 'save-new-button').click();
    await until(() => control(form, 'title').value === '', 'the reset');
    expect(await crm.leads.count()).to.equal(1);
    expect(form.shadowRoot!.activeElement?.id).to.equal('field-title');
    await type(form, 'title', 'Lead thứ hai');
    button(form, 'save-new-button').click();
    await until(() => control(form, 'title').value === '', 'the second reset');
    expect((await crm.leads.listAll()).map((lead) => lead.title).sort()).to.deep.equal(['Lead thứ hai', 'Lead thứ nhất']);
  });

  it('switches to English at run time, messages included', async () => {
    await type(form, 'probability', '150');
    button(form, 'save-button').click();
    await until(() => errorAt(form, 'probability') !== '', 'the probability error');
    setLanguage('en');
    await form.updateComplete;
    expect(labelOf(form, 'title')).to.equal('Title *');
    expect(labelOf(form, 'address.province')).to.equal('Province / city');
    expect(errorAt(form, 'probability')).to.equal('Must be at most 100');
    expect(text(button(form, 'save-button'))).to.equal('Save');
    expect(labelOf(form, 'custom.budgetCode')).to.equal('Budget code');
    // the language attribute wins over the kit's language
    form.setAttribute('language', 'vi');
    await form.updateComplete;
    expect(labelOf(form, 'title')).to.equal('Tiêu đề *');
  });

  it('formats the revenue with the language\'s thousands separator', async () => {
    await type(form, 'expectedRevenue.amount', '1250000');
    expect(control(form, 'expectedRevenue.amount').value).to.equal('1.250.000');
    form.language = 'en';
    await form.updateComplete;
    expect(control(form, 'expectedRevenue.amount').value).to.equal('1,250,000');
    expect(form.value).to.deep.include({ expectedRevenue: { amount: 1_250_000, currency: 'VND' } });
  });

  it('is keyboard operable: stars by arrow keys, and Tab reaches "Save"', async () => {
    const zero = form.shadowRoot!.querySelector<HTMLInputElement>('input[name="priority"][value="0"]')!;
    zero.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await form.updateComplete;
    expect(form.value['priority']).to.equal(2);
    expect(form.shadowRoot!.querySelectorAll('.star label.on').length).to.equal(2);
    await sendKeys({ press: 'ArrowLeft' });
    expect(form.value['priority']).to.equal(1);

    control(form, 'title').focus();
    const visited: string[] = [];
    for (let i = 0; i < 80 && activePath(form) !== 'button save-button'; i++) {
      await sendKeys({ press: 'Tab' });
      visited.push(activePath(form) ?? '?');
    }
    expect(activePath(form)).to.equal('button save-button');
    // the fields come in reading order: the need group, then contact, then address
    expect(visited.indexOf('phones.mobile')).to.be.greaterThan(visited.indexOf('priority'));
    expect(visited.indexOf('address.ward')).to.be.greaterThan(visited.indexOf('phones.mobile'));
    expect(visited.indexOf('custom.segment')).to.be.lessThan(visited.length - 1);
  });

  it('has no axe violations, empty and with duplicates shown, in Vietnamese and English', async () => {
    expect(await axeViolations(form)).to.deep.equal([]);
    await crm.leads.create({ title: 'Internet cho quán', phones: { mobile: '0912345678' } });
    await type(form, 'phones.mobile', '0912345678');
    await until(() => form.shadowRoot!.querySelector('.duplicates.blocked') !== null, 'the block');
    expect(await axeViolations(form)).to.deep.equal([]);
    setLanguage('en');
    await form.updateComplete;
    expect(await axeViolations(form)).to.deep.equal([]);
  });
});
