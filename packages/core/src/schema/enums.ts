import { z } from 'zod';

/** Where a lead came from (the channel it was captured on). */
export const leadChannelSchema = z.enum(['phone', 'email', 'website', 'landing_page', 'facebook', 'zalo', 'event', 'walk_in', 'referral', 'other']);
/** A lead's channel. */
export type LeadChannel = z.infer<typeof leadChannelSchema>;

/** A star rating from 0 to 3 (priority of leads and opportunities). */
export const prioritySchema = z.number().int('must be a whole number of stars').min(0, 'must be 0 to 3 stars').max(3, 'must be 0 to 3 stars');

/** The kinds of contact the source documents name: individual, shop, household (HGĐ). */
export const contactKindSchema = z.enum(['individual', 'shop', 'household']);
/** A contact's kind. */
export type ContactKind = z.infer<typeof contactKindSchema>;

/** Gender as recorded on a customer profile. */
export const genderSchema = z.enum(['male', 'female', 'other']);

/** The kinds of activity. */
export const activityKindSchema = z.enum(['call', 'email', 'meeting', 'sms', 'zalo', 'visit', 'todo', 'other']);
/** An activity's kind. */
export type ActivityKind = z.infer<typeof activityKindSchema>;

/** The sales channel of an order or a visit: by phone (tele), face to face, online. */
export const salesChannelSchema = z.enum(['tele', 'face_to_face', 'online', 'other']);
/** A sales channel. */
export type SalesChannel = z.infer<typeof salesChannelSchema>;

/** Labels of a configurable item in both languages. */
export const labelsSchema = z.object({ vi: z.string().trim().min(1, 'is required').max(200), en: z.string().trim().min(1, 'is required').max(200) });
/** Labels in Vietnamese and English. */
export type Labels = z.infer<typeof labelsSchema>;
