// The demo portal's "Import & duplicates" tab (what `npm start` shows), driven in Chromium as a user would: the
// sample file's dry run, the import, the refused rows' CSV, then a scan, a merge and its undo. The tab's markup
// is taken from the portal's own index.html; the crm runs on the memory store instead of the portal's IndexedDB.
import { expect } from 'chai';
import { createCrm, createMemoryAdapter, crmStorageSchema } from '@crmkit/core';
import { setUpImportAndDuplicates } from '../import-and-duplicates.js';

const $ = (selector) => document.querySelector(selector);

/** Resolves once `read()` returns something truthy (the tab's handlers are async). */
async function until(read, what) {
  for (let tries = 0; tries < 400; tries++) {
    const value = read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Clicks a button and waits for the report line to change to a new text. */
async function clickAndReport(selector, reportSelector = '#import-report') {
  const before = $(reportSelector).textContent;
  $(selector).click();
  return until(() => $(reportSelector).textContent !== before && $(reportSelector).textContent, `${reportSelector} after ${selector}`);
}

/** The refused rows' CSV behind the download link, as text; it must start with a UTF-8 BOM (for Excel). */
async function downloadedCsv() {
  const link = $('#import-rejected');
  expect(link.hidden).to.equal(false);
  const bytes = new Uint8Array(await (await fetch(link.href)).arrayBuffer());
  expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes); // the decoder drops the BOM
}

let crm;

before(async () => {
  const page = new DOMParser().parseFromString(await (await fetch(new URL('../index.html', import.meta.url))).text(), 'text/html');
  const tab = page.querySelector('#tab-import');
  tab.hidden = false;
  document.body.append(document.adoptNode(tab));
  crm = createCrm({ storage: await createMemoryAdapter({ schema: crmStorageSchema }), actor: { id: 'u-lan', role: 'manager' } });
  setUpImportAndDuplicates(() => crm);
});

describe('the demo portal’s import tab', () => {
  it('asks for a file before a dry run', async () => {
    expect(await clickAndReport('#import-dry-run')).to.equal('Hãy chọn tệp trước. / Choose a file first.');
  });

  it('dry-runs the sample file: 3 new, 1 repeat within the file, 2 refused, nothing written', async () => {
    $('#import-sample').click();
    const report = await clickAndReport('#import-dry-run');
    expect(report).to.equal('Chạy thử / Dry run — 6 dòng / rows: 3 mới / new, 1 trùng / duplicates (1 trong tệp / in the file), 2 lỗi / invalid. Chưa ghi gì. / Nothing written.');
    expect([...document.querySelectorAll('#import-issues li')].map((item) => item.textContent.split(':')[0])).to.deep.equal(['Dòng / Row 4 — email', 'Dòng / Row 7 — fullName']);
    expect($('#import-progress').value).to.equal(1);
    expect(await crm.contacts.count()).to.equal(0);
    const csv = await downloadedCsv();
    expect(csv.split('\r\n')[0]).to.equal('Dòng;Trường;Lý do;Họ và tên;Số điện thoại;Email;Ngày sinh;Tỉnh/Thành phố;Quận/Huyện');
    expect(csv).to.contain('4;email;');
  });

  it('imports the sample file, skipping the repeat, and offers the refused rows with the same columns', async () => {
    $('#import-rejected').hidden = true;
    const report = await clickAndReport('#import-run');
    expect(report).to.equal('Đã nhập / Imported — 3 ghi / written, 1 bỏ qua / skipped, 2 từ chối / refused (done).');
    const names = (await crm.contacts.list({ limit: 10 })).records.map((contact) => contact.fullName).sort();
    expect(names).to.deep.equal(['Nguyễn Thị Mai', 'Phạm Thu Hà', 'Trần Quốc Bảo']);
    const csv = await downloadedCsv();
    expect(csv.split('\r\n')[0]).to.equal('Dòng;Trường;Lý do;Họ và tên;Số điện thoại;Email;Ngày sinh;Tỉnh/Thành phố;Quận/Huyện');
  });

  it('imports the sample again with “create anyway”, finds the duplicates, merges a group and undoes the merge', async () => {
    $('#import-policy').value = 'create';
    expect(await clickAndReport('#import-run')).to.match(/^Đã nhập \/ Imported — 4 ghi \/ written, 0 bỏ qua \/ skipped, 2 từ chối/);
    expect(await crm.contacts.count()).to.equal(7);
    const scanned = await clickAndReport('#scan', '#scan-report');
    expect(scanned).to.equal('3 nhóm trùng / duplicate groups');
    const group = [...document.querySelectorAll('#clusters li')].find((item) => item.textContent.startsWith('Phạm Thu Hà'));
    expect(group.textContent).to.equal('Phạm Thu Hà ≈ Phạm Thu Hà (phone, email, name-birthday) Gộp / Merge');
    group.querySelector('button').click();
    await until(() => group.textContent.startsWith('Đã gộp vào / Merged into Phạm Thu Hà'), 'the merge');
    expect(await crm.contacts.count()).to.equal(6);
    group.querySelector('button').click();
    await until(() => group.textContent.startsWith('Đã hoàn tác / Undone'), 'the undo');
    expect(await crm.contacts.count()).to.equal(7);
  });
});
