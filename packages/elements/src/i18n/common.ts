import { defineTranslations } from './translate.js';

/** Texts every component uses. */
export const commonTranslations = defineTranslations({
  vi: {
    save: 'Lưu',
    saveAndNew: 'Lưu và tạo mới',
    cancel: 'Hủy',
    close: 'Đóng',
    confirm: 'Xác nhận',
    search: 'Tìm kiếm',
    loading: 'Đang tải…',
    required: 'bắt buộc',
    none: '— Không —',
    all: 'Tất cả',
    noCrm: 'Chưa kết nối CRM: hãy gán thuộc tính crm hoặc cung cấp qua context.',
    error: 'Đã có lỗi: {message}',
  },
  en: {
    save: 'Save',
    saveAndNew: 'Save and new',
    cancel: 'Cancel',
    close: 'Close',
    confirm: 'Confirm',
    search: 'Search',
    loading: 'Loading…',
    required: 'required',
    none: '— None —',
    all: 'All',
    noCrm: 'No CRM connected: set the crm property or provide it through context.',
    error: 'Something went wrong: {message}',
  },
});
