import { CrmConflictError, CrmNotFoundError, CrmPermissionError, CrmRuleError, CrmStorageError, CrmValidationError } from '@crmkit/core';
import { defineTranslations, format, type Language } from './translate.js';
import { translateIssue } from './validation.js';

/**
 * How the kit words a failed service call: one text per error class of `@crmkit/core`, and one per business
 * rule the elements can run into (`rule.<rule>`). The core's own messages are plain English for developers; these
 * are what a user reads.
 */
export const errorTranslations = defineTranslations({
  vi: {
    conflict: 'Bản ghi vừa được người khác thay đổi. Hãy tải lại rồi thử lại.',
    notFound: 'Không tìm thấy bản ghi {id} (có thể đã bị xóa).',
    permission: 'Bạn không có quyền thực hiện thao tác này.',
    storage: 'Không ghi được vào bộ nhớ lưu trữ ({reason}); chưa có gì được lưu.',
    validation: 'Dữ liệu chưa hợp lệ: {issues}',
    rule: 'Thao tác không được phép (quy tắc “{rule}”).',
    'rule.opportunity_closed': 'Cơ hội đã thắng hoặc đã thua phải được mở lại trước khi chuyển giai đoạn.',
    'rule.activity_closed': 'Hoạt động này đã hoàn thành hoặc đã bị hủy.',
    'rule.not_failed': 'Chỉ gửi lại được tin nhắn đã gửi thất bại.',
    'rule.no_transport': 'CRM chưa có kênh gửi tin nhắn (email, SMS, Zalo).',
    'rule.no_telephony': 'CRM chưa được kết nối tổng đài điện thoại.',
    'rule.duplicate': 'Trùng với bản ghi đã có nên không lưu được.',
    'rule.lead_closed': 'Tiềm năng này đã đóng; chỉ phân công được tiềm năng đang mở.',
    'rule.lead_lost': 'Tiềm năng này đã thất bại; hãy mở lại trước khi chuyển đổi.',
    'rule.already_converted': 'Tiềm năng này đã được chuyển đổi.',
    'rule.case_transition': 'Yêu cầu hỗ trợ không chuyển được sang trạng thái này.',
  },
  en: {
    conflict: 'Someone else changed this record just now. Reload it and try again.',
    notFound: 'Record {id} was not found (it may have been deleted).',
    permission: 'You are not allowed to do this.',
    storage: 'The storage could not be written ({reason}); nothing was saved.',
    validation: 'Some data is not valid: {issues}',
    rule: 'This is not allowed (rule “{rule}”).',
    'rule.opportunity_closed': 'A won or lost opportunity must be reopened before it changes stage.',
    'rule.activity_closed': 'This activity is already done or cancelled.',
    'rule.not_failed': 'Only a message that failed can be sent again.',
    'rule.no_transport': 'This CRM has no way to send messages (e-mail, SMS, Zalo).',
    'rule.no_telephony': 'This CRM is not connected to a telephone system.',
    'rule.duplicate': 'This duplicates an existing record, so it was not saved.',
    'rule.lead_closed': 'This lead is closed; only open leads are assigned.',
    'rule.lead_lost': 'This lead is lost; reopen it before converting it.',
    'rule.already_converted': 'This lead was converted already.',
    'rule.case_transition': 'The case cannot move to that status.',
  },
});

/** A key of the error texts. */
export type ErrorText = keyof (typeof errorTranslations)['vi'];

/**
 * What went wrong, in the user's language, from the error a `@crmkit/core` service threw: a conflict, a missing
 * record, a refused permission, a storage failure, invalid data (each problem translated with
 * {@link translateIssue}) or a business rule (by its `rule`). An error the kit does not know keeps its own
 * message. Elements show it inside their "Something went wrong: …" text; hosts may use it for their own.
 */
export function describeError(error: unknown, language: Language): string {
  const texts = errorTranslations[language];
  if (error instanceof CrmValidationError) {
    const issues = error.issues.map((issue) => `${issue.path ? `${issue.path}: ` : ''}${translateIssue(issue, language)}`).join('; ');
    return format(texts.validation, { issues });
  }
  if (error instanceof CrmConflictError) return texts.conflict;
  if (error instanceof CrmNotFoundError) return format(texts.notFound, { id: error.id });
  if (error instanceof CrmPermissionError) return texts.permission;
  if (error instanceof CrmStorageError) return format(texts.storage, { reason: error.reason });
  if (error instanceof CrmRuleError) {
    const key = `rule.${error.rule}` as ErrorText;
    if (key in texts) return texts[key];
    // an English user is better served by the rule's own explanation than by its code
    return language === 'en' ? error.message : format(texts.rule, { rule: error.rule });
  }
  return error instanceof Error ? error.message : String(error);
}
