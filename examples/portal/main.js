// A host "ERP portal" embedding crmkit's elements over IndexedDB (Dexie adapter), with demo data and a reset.
import Dexie from 'dexie';
import { createCrm, crmStorageSchema } from '@crmkit/core';
import { createDexieAdapter } from '@crmkit/storage-dexie';
import { applyTheme, setLanguage } from '@crmkit/elements';
import '@crmkit/elements/all.js';
import { seed } from './seed.js';
import { setUpImportAndDuplicates } from './import-and-duplicates.js';

const DATABASE = 'crmkit-demo-portal';
const status = document.querySelector('#status');

// The portal's own mail gateway would send here (SMTP, an e-mail API, Zalo OA); the demo shows what it was given.
const demoTransport = {
  async send(message) {
    document.querySelector('#outbox').textContent = `Đã chuyển cho cổng / Handed to the portal: ${message.channel} → ${message.to.join(', ')} — ${message.subject ?? message.body.slice(0, 60)}`;
    return { ok: true, providerMessageId: `demo-${message.id}` };
  },
};

async function open() {
  const storage = await createDexieAdapter({ name: DATABASE, schema: crmStorageSchema });
  const crm = createCrm({ storage, actor: { id: 'u-lan', role: 'manager', teamIds: ['team-hn'] }, communications: { transport: demoTransport } });
  if ((await crm.stages.count()) === 0) {
    status.textContent = 'Đang tạo dữ liệu mẫu… / Creating demo data…';
    await seed(crm);
  }
  return { storage, crm };
}

let { storage, crm } = await open();
for (const element of document.querySelectorAll('crm-pipeline-board, crm-route-planner, crm-agenda, crm-notifications, crm-compose')) element.crm = crm;
if (customElements.get('crm-lead-form')) {
  const form = document.createElement('crm-lead-form');
  form.crm = crm;
  document.querySelector('#lead-slot').append(form);
} else {
  document.querySelector('#lead-slot').textContent = 'Biểu mẫu tiềm năng chưa có trong bản này. / The lead form is not in this build yet.';
}
setUpImportAndDuplicates(() => crm);
status.textContent = 'Sẵn sàng: dữ liệu lưu trong IndexedDB của trình duyệt. / Ready: data lives in this browser’s IndexedDB.';

document.querySelector('#language').addEventListener('change', (event) => setLanguage(event.target.value));
document.querySelector('#dark').addEventListener('change', (event) => applyTheme(event.target.checked ? 'dark' : 'light'));
document.querySelector('#reset').addEventListener('click', async () => {
  await storage.close();
  await Dexie.delete(DATABASE);
  location.reload();
});
for (const tab of document.querySelectorAll('[role=tab]')) {
  tab.addEventListener('click', () => {
    for (const other of document.querySelectorAll('[role=tab]')) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
    }
  });
}
document.addEventListener('crm-stage-change', (event) => console.info('stage change', event.detail));
