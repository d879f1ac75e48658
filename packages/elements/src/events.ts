/**
 * The events crmkit elements dispatch. All start with `crm-`, bubble and cross shadow roots (`composed`).
 * Events named `*-request` are cancelable and fire before a change: a host that calls `preventDefault()`
 * vetoes it (e.g. a stage move it does not allow).
 */
import type { DuplicateMatchSummary } from './duplicate-summary.js';

/** Detail of `crm-saved`: the record the element saved (as stored) and the entity it belongs to. */
export interface CrmSavedDetail {
  entity: string;
  record: Record<string, unknown> & { id: string; rev: number };
  /** Duplicate warnings the save went through with (a warn rule lets the save happen). */
  warnings: readonly DuplicateMatchSummary[];
}

/** Detail of `crm-duplicates`: what the as-you-type duplicate check found. */
export interface CrmDuplicatesDetail {
  matches: readonly DuplicateMatchSummary[];
  /** True when a block rule matched: saving is refused until the input changes. */
  blocked: boolean;
}

/** Detail of `crm-stage-change-request` (cancelable) and `crm-stage-change`. */
export interface CrmStageChangeDetail {
  opportunityId: string;
  fromStageId: string;
  toStageId: string;
}

/** Detail of `crm-won-request` / `crm-lost-request` (cancelable) and `crm-won` / `crm-lost`. */
export interface CrmOutcomeDetail {
  opportunityId: string;
  /** The lost reason chosen (lost only). */
  lostReasonId?: string;
}

/** Detail of `crm-route-optimize`: the distances before and after, in metres. */
export interface CrmRouteOptimizeDetail {
  routeId: string;
  before: number;
  after: number;
  order: readonly string[];
}

/** Detail of `crm-member-change-request` (cancelable) and `crm-member-change`. */
export interface CrmMemberChangeDetail {
  routeId: string;
  customerId: string;
  participation: 'in_route' | 'out_of_route';
}

/** Detail of `crm-route-reorder-request` (cancelable) and `crm-route-reorder`: the stops' new order. */
export interface CrmRouteReorderDetail {
  routeId: string;
  /** Customer ids of every member, in the new visit order. */
  order: readonly string[];
}

/** Detail of `crm-error`: a service call failed; the element also shows the message. */
export interface CrmErrorDetail {
  error: unknown;
  action: string;
}

/** Detail of `crm-open-record`: the user asked to open a record (a duplicate match, a card); the host routes. */
export interface CrmOpenRecordDetail {
  entity: string;
  id: string;
}

/** Detail of `crm-activity-reschedule-request` (cancelable) and `crm-activity-reschedule`: due times as ISO instants. */
export interface CrmActivityRescheduleDetail {
  activityId: string;
  from: string;
  to: string;
}

/** Detail of `crm-activity-complete`: the outcome, and the next activity its type scheduled. */
export interface CrmActivityCompleteDetail {
  activityId: string;
  outcome?: string;
  nextActivityId?: string;
}

/** Detail of `crm-notification-read`: the notifications marked read. */
export interface CrmNotificationReadDetail {
  notificationIds: readonly string[];
}

/** Detail of `crm-send-request` (cancelable), `crm-message-sent` and `crm-message-failed`. */
export interface CrmMessageDetail {
  record: { entity: string; id: string };
  channel: 'email' | 'sms' | 'zalo';
  to: readonly string[];
  /** The activity that logs the message (set once it was queued). */
  activityId?: string;
  /** The transport's reason (failed only). */
  reason?: string;
}

declare global {
  interface HTMLElementEventMap {
    'crm-saved': CustomEvent<CrmSavedDetail>;
    'crm-duplicates': CustomEvent<CrmDuplicatesDetail>;
    'crm-stage-change-request': CustomEvent<CrmStageChangeDetail>;
    'crm-stage-change': CustomEvent<CrmStageChangeDetail>;
    'crm-won-request': CustomEvent<CrmOutcomeDetail>;
    'crm-won': CustomEvent<CrmOutcomeDetail>;
    'crm-lost-request': CustomEvent<CrmOutcomeDetail>;
    'crm-lost': CustomEvent<CrmOutcomeDetail>;
    'crm-route-optimize': CustomEvent<CrmRouteOptimizeDetail>;
    'crm-member-change-request': CustomEvent<CrmMemberChangeDetail>;
    'crm-member-change': CustomEvent<CrmMemberChangeDetail>;
    'crm-route-reorder-request': CustomEvent<CrmRouteReorderDetail>;
    'crm-route-reorder': CustomEvent<CrmRouteReorderDetail>;
    'crm-open-record': CustomEvent<CrmOpenRecordDetail>;
    'crm-error': CustomEvent<CrmErrorDetail>;
    'crm-activity-reschedule-request': CustomEvent<CrmActivityRescheduleDetail>;
    'crm-activity-reschedule': CustomEvent<CrmActivityRescheduleDetail>;
    'crm-activity-complete': CustomEvent<CrmActivityCompleteDetail>;
    'crm-notification-read': CustomEvent<CrmNotificationReadDetail>;
    'crm-send-request': CustomEvent<CrmMessageDetail>;
    'crm-message-sent': CustomEvent<CrmMessageDetail>;
    'crm-message-failed': CustomEvent<CrmMessageDetail>;
  }
}
