import { z } from 'zod';
import { idSchema, isoDateTimeSchema, ownershipShape, textSchema } from './common.js';
import { activityKindSchema } from './enums.js';

/** The record an activity is about. */
export const activityRelatedSchema = z.object({
  entity: z.enum(['lead', 'contact', 'company', 'opportunity', 'case', 'quote', 'order']),
  id: idSchema,
});

/** An activity (Hoạt động): a call, e-mail, meeting, ... planned, done or cancelled. */
export const activitySchema = z.object({
  typeId: idSchema.optional(),
  kind: activityKindSchema.default('todo'),
  summary: z.string().trim().min(1, 'is required').max(300),
  note: textSchema.optional(),
  dueAt: isoDateTimeSchema,
  durationMinutes: z.number().int().min(0).max(24 * 60).optional(),
  status: z.enum(['planned', 'done', 'cancelled']).default('planned'),
  doneAt: isoDateTimeSchema.optional(),
  outcome: z.string().trim().max(2000).optional(),
  assigneeId: idSchema.optional(),
  related: activityRelatedSchema.optional(),
  previousActivityId: idSchema.optional(),
  reminderOffsetsMinutes: z.array(z.number().int().min(0).max(60 * 24 * 60)).max(10).optional(),
  /** How reminders reach the assignee: an in-app pop-up (notification) and/or a message through the transport. */
  reminderChannels: z.array(z.enum(['in_app', 'email'])).max(2).optional(),
  /** For a message sent from the CRM: what, to whom, and how it went. */
  message: z
    .object({
      channel: z.enum(['email', 'sms', 'zalo']),
      to: z.array(z.string().trim().min(1).max(254)).min(1).max(50),
      subject: z.string().max(500).optional(),
      body: z.string().max(100_000),
      format: z.enum(['text', 'html']).default('text'),
      attachments: z.array(z.object({ ref: z.string().min(1).max(2000), name: z.string().max(300).optional() })).max(20).optional(),
      templateId: idSchema.optional(),
      status: z.enum(['queued', 'sent', 'failed']),
      attempts: z.number().int().min(0).default(0),
      failureReason: z.string().max(2000).optional(),
      providerMessageId: z.string().max(300).optional(),
    })
    .optional(),
  /** For a phone call logged through the telephony bridge. */
  call: z
    .object({
      direction: z.enum(['inbound', 'outbound']),
      number: z.string().trim().min(3).max(40),
      durationSeconds: z.number().int().min(0).max(86_400).default(0),
      status: z.enum(['answered', 'missed', 'busy', 'failed', 'voicemail']),
      outcome: z.string().trim().max(2000).optional(),
    })
    .optional(),
  ...ownershipShape,
});
/** An activity. */
export type Activity = z.infer<typeof activitySchema>;
