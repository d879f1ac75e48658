// The smallest host of crmkit's core: create, list and edit contacts through createCrm + the Dexie adapter.
import { createCrm, crmStorageSchema, CrmValidationError } from '@crmkit/core';
import { createDexieAdapter } from '@crmkit/storage-dexie';

const storage = await createDexieAdapter({ name: 'crmkit-example-basic', schema: crmStorageSchema });
const crm = createCrm({ storage, actor: { id: 'u-demo', role: 'admin' } });
const form = document.querySelector('#contact-form');
const error = document.querySelector('#error');
const rows = document.querySelector('#rows');

async function render() {
  const { records } = await crm.contacts.list({ orderBy: { field: 'fullName' }, limit: 200 });
  rows.replaceChildren(
    ...records.map((contact) => {
      const row = document.createElement('tr');
      const cells = [contact.fullName, contact.phones?.[0]?.number ?? '', contact.address?.province ?? ''];
      for (const text of cells) row.insertCell().textContent = text;
      const edit = document.createElement('button');
      edit.textContent = 'Đổi tên / Rename';
      edit.addEventListener('click', async () => {
        const fullName = prompt('Họ và tên mới / New name', contact.fullName);
        if (fullName === null) return;
        try {
          await crm.contacts.update(contact.id, { fullName }, { expectedRev: contact.rev });
        } catch (failure) {
          error.textContent = failure.message;
        }
      });
      row.insertCell().append(edit);
      return row;
    }),
  );
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  error.textContent = '';
  try {
    const phone = String(data.get('phone') ?? '').trim();
    await crm.contacts.create({
      kind: 'individual',
      fullName: String(data.get('fullName') ?? ''),
      ...(phone ? { phones: [{ number: phone, kind: 'mobile' }] } : {}),
      address: { province: String(data.get('province')) },
    });
    form.reset();
  } catch (failure) {
    error.textContent = failure instanceof CrmValidationError ? failure.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') : String(failure);
  }
});

crm.subscribe(() => void render()); // this tab's commits and other tabs'
await render();
