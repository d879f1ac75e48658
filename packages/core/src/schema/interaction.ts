import { z } from 'zod';
import { geoPointSchema, idSchema, isoDateTimeSchema, mediaRefSchema, ownershipShape, textSchema } from './common.js';

/** The result of a call attempt. */
export const callStatusSchema = z.enum(['connected', 'no_answer', 'busy', 'wrong_number', 'refused', 'call_back_later']);

/**
 * An interaction (Tương tác): a tele call or a face-to-face visit and what happened — the kinds of the source
 * documents (interaction, promotion call, support call, opportunity capture) with their own fields.
 */
export const interactionSchema = z.object({
  channel: z.enum(['tele', 'face_to_face']),
  kind: z.enum(['interaction', 'promotion_call', 'support_call', 'opportunity_capture']).default('interaction'),
  customerId: idSchema,
  customerEntity: z.enum(['contact', 'company']).default('contact'),
  routeId: idSchema.optional(),
  userId: idSchema,
  at: isoDateTimeSchema,
  callStatus: callStatusSchema.optional(),
  checkIn: z
    .object({ at: isoDateTimeSchema, gps: geoPointSchema, distanceMeters: z.number().min(0).optional(), farFromCustomer: z.boolean().optional() })
    .optional(),
  tags: z.array(z.string().trim().max(100)).max(50).optional(),
  /** Attribute values that update the customer's profile (e.g. `{ "address.ward": "Phường 5" }`). */
  profileUpdates: z.record(z.string(), z.unknown()).optional(),
  promotionIds: z.array(idSchema).max(50).optional(),
  support: z
    .object({
      issue: z.string().trim().max(2000),
      productIds: z.array(idSchema).max(50).optional(),
      employeeIds: z.array(idSchema).max(50).optional(),
      resolution: z.string().trim().max(2000).optional(),
      result: z.enum(['resolved', 'escalated', 'pending']).optional(),
    })
    .optional(),
  capture: z
    .object({
      products: z.array(z.object({ productId: idSchema, quantity: z.number().positive() })).max(100).optional(),
      deliveryFrequency: z.string().trim().max(100).optional(),
      heardFrom: z.string().trim().max(200).optional(),
      goodTimeToCall: z.string().trim().max(100).optional(),
      potential: z.number().int().min(0).max(5).optional(),
    })
    .optional(),
  productRefs: z.array(z.object({ productId: idSchema, quantity: z.number().positive().optional() })).max(100).optional(),
  media: z.array(mediaRefSchema).max(50).optional(),
  nextAction: z.object({ summary: z.string().trim().min(1).max(300), dueAt: isoDateTimeSchema, assigneeId: idSchema }).optional(),
  activityId: idSchema.optional(),
  note: textSchema.optional(),
  ...ownershipShape,
}).superRefine((interaction, ctx) => {
  // each kind's own fields belong to that kind only, and a check-in to a visit, a call status to a call: a
  // mismatch is almost always a form sending the wrong group, which would otherwise be stored unseen
  const onlyFor = { support: 'support_call', capture: 'opportunity_capture' } as const;
  for (const [field, kind] of Object.entries(onlyFor) as [keyof typeof onlyFor, string][]) {
    if (interaction[field] !== undefined && interaction.kind !== kind) ctx.addIssue({ code: 'custom', path: [field], message: `belongs to a ${kind} interaction only` });
  }
  if (interaction.checkIn !== undefined && interaction.channel !== 'face_to_face') ctx.addIssue({ code: 'custom', path: ['checkIn'], message: 'a check-in belongs to a face-to-face visit only' });
  if (interaction.callStatus !== undefined && interaction.channel !== 'tele') ctx.addIssue({ code: 'custom', path: ['callStatus'], message: 'a call status belongs to a tele call only' });
});
/** An interaction. */
export type Interaction = z.infer<typeof interactionSchema>;
