import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.js';

/** An in-app notification for one user (a reminder, a "gửi thông báo tới" from a form, ...), read or unread. */
export const notificationSchema = z.object({
  userId: idSchema,
  kind: z.enum(['reminder', 'mention', 'assignment', 'info']).default('info'),
  title: z.string().trim().min(1).max(300),
  body: z.string().max(5000).optional(),
  record: z.object({ entity: z.string().min(1), id: idSchema }).optional(),
  read: z.boolean().default(false),
  readAt: isoDateTimeSchema.optional(),
  /** Set for reminders: which reminder this is, so it is delivered exactly once. */
  reminderKey: z.string().max(300).optional(),
});
/** A notification. */
export type Notification = z.infer<typeof notificationSchema>;
