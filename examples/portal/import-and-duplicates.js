// The portal's "Import & duplicates" tab: host-side UI over crm.imports and crm.duplicates (the kit has no element
// for these; a host builds its own screens). A dry run with progress, the import itself in chunks, the refused
// rows as a CSV to download, then a scan for duplicate customers with merge and undo.

const $ = (selector) => document.querySelector(selector);

/** A small CSV such as a branch exports from Excel: semicolons, Vietnamese headers, a repeat and a bad row. */
function sampleCsv() {
  const rows = [
    ['Họ và tên', 'Số điện thoại', 'Email', 'Ngày sinh', 'Tỉnh/Thành phố', 'Quận/Huyện'],
    ['Nguyễn Thị Mai', '0912 111 222', 'mai.nguyen@gmail.com', '12/03/1990', 'Hà Nội', 'Cầu Giấy'],
    ['Trần Quốc Bảo', '0987 333 444', 'bao.tran@minhphat.vn', '', 'Hà Nội', 'Đống Đa'],
    ['Lê Văn Hùng', '0903 555 666', 'hung.le@example', '', 'TP. Hồ Chí Minh', 'Quận 1'],
    ['Nguyen Thi Mai', '+84 912 111 222', '', '', 'Hà Nội', 'Cầu Giấy'],
    ['Phạm Thu Hà', '0168 777 8899', 'ha.pham@gmail.com', '1985-07-20', 'Đà Nẵng', 'Hải Châu'],
    ['', '0904 000 000', '', '', '', ''],
  ];
  return rows.map((row) => row.join(';')).join('\r\n');
}

function summaryText(summary) {
  return `${summary.rows} dòng / rows: ${summary.new} mới / new, ${summary.duplicates} trùng / duplicates (${summary.duplicatesInFile} trong tệp / in the file), ${summary.invalid} lỗi / invalid`;
}

function showIssues(issues) {
  const list = $('#import-issues');
  list.replaceChildren(
    ...issues.map((issue) => {
      const item = document.createElement('li');
      item.textContent = `Dòng / Row ${issue.row} — ${issue.field}: ${issue.reason}`;
      return item;
    }),
  );
}

// The refused rows download the same way after a dry run and after the import: semicolons, which Excel on a
// Vietnamese or European Windows splits into columns, and Vietnamese column labels like the rest of the page.
const REJECTED_CSV = { delimiter: ';', labels: { row: 'Dòng', field: 'Trường', reason: 'Lý do' } };

function offerRejectedRows(csv) {
  const link = $('#import-rejected');
  if (link.href) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  link.hidden = false;
}

/** Wires the tab to a crm; returns a function that re-wires it after the portal reopens its store. */
export function setUpImportAndDuplicates(getCrm) {
  let source;
  const progress = $('#import-progress');
  const report = $('#import-report');
  const options = () => ({ entity: 'contact', policy: $('#import-policy').value });

  $('#import-file').addEventListener('change', (event) => {
    source = event.target.files[0];
    report.textContent = source ? `Tệp / File: ${source.name}` : '';
  });
  $('#import-sample').addEventListener('click', () => {
    source = sampleCsv();
    $('#import-file').value = '';
    report.textContent = 'Dùng tệp mẫu (6 dòng) / Using the sample file (6 rows)';
  });

  $('#import-dry-run').addEventListener('click', async () => {
    if (!source) return void (report.textContent = 'Hãy chọn tệp trước. / Choose a file first.');
    try {
      const dry = await getCrm().imports.dryRun(source, { ...options(), onPlanProgress: ({ planned, total }) => (progress.value = planned / total) });
      const { headerRow, subHeaderRow } = dry.table;
      const header = subHeaderRow !== undefined ? ` Dòng tiêu đề / Header rows: ${headerRow}–${subHeaderRow}.` : headerRow > 1 ? ` Dòng tiêu đề / Header row: ${headerRow}.` : '';
      report.textContent = `Chạy thử / Dry run — ${summaryText(dry.summary)}.${header} Chưa ghi gì. / Nothing written.`;
      showIssues(dry.issues);
      if (dry.issues.length > 0) offerRejectedRows(dry.rejectedRowsCsv(REJECTED_CSV));
    } catch (error) {
      report.textContent = `Không đọc được tệp / Could not read the file: ${error.message}`;
    }
  });

  $('#import-run').addEventListener('click', async () => {
    if (!source) return void (report.textContent = 'Hãy chọn tệp trước. / Choose a file first.');
    try {
      const result = await getCrm().imports.run(source, { ...options(), onProgress: ({ done, total }) => (progress.value = done / total) });
      report.textContent = `Đã nhập / Imported — ${result.written} ghi / written, ${result.skipped} bỏ qua / skipped, ${result.rejected} từ chối / refused (${result.outcome}).`;
      showIssues(result.issues);
      if (result.issues.length > 0) offerRejectedRows(result.rejectedRowsCsv(REJECTED_CSV));
    } catch (error) {
      report.textContent = `Nhập thất bại / Import failed: ${error.message}`;
    }
  });

  $('#scan').addEventListener('click', async () => {
    const crm = getCrm();
    const scanProgress = $('#scan-progress');
    const { clusters } = await crm.duplicates.scan('contact', { onProgress: (done, total) => (scanProgress.value = done / total) });
    const contacts = new Map((await crm.contacts.getMany(clusters.flatMap((cluster) => cluster.ids))).map((record) => [record.id, record]));
    const list = $('#clusters');
    $('#scan-report').textContent = `${clusters.length} nhóm trùng / duplicate groups`;
    list.replaceChildren(
      ...clusters.map((cluster) => {
        const item = document.createElement('li');
        const names = cluster.ids.map((id) => contacts.get(id)?.fullName ?? id).join(' ≈ ');
        const rules = [...new Set(cluster.links?.flatMap((link) => link.ruleIds) ?? [])].join(', ');
        item.append(`${names} (${rules}) `);
        const merge = document.createElement('button');
        merge.type = 'button';
        merge.textContent = 'Gộp / Merge';
        merge.addEventListener('click', async () => {
          const done = await crm.duplicates.merge('contact', cluster.ids);
          item.textContent = `Đã gộp vào / Merged into ${done.survivor.fullName} (${done.relinked} liên kết chuyển / links moved) `;
          const undo = document.createElement('button');
          undo.type = 'button';
          undo.textContent = 'Hoàn tác / Undo';
          undo.addEventListener('click', async () => {
            await crm.duplicates.undoMerge(done.mergeId);
            item.textContent = `Đã hoàn tác / Undone: ${names}`;
          });
          item.append(undo);
        });
        item.append(merge);
        return item;
      }),
    );
  });
}
