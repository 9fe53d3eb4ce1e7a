import { z } from 'zod';
import { checkbox, nodeField } from '@/lib/forms/fields';

export const neverExpireDecisionFormSchema = z
  .object({
    node: nodeField,
    decision: z.enum(['accept', 'decline']),
    textVersion: z.string().max(50),
    understood: checkbox,
  })
  .refine((v) => v.decision === 'decline' || v.understood, { path: ['understood'], message: 'Tick the box to accept the agreement' });

/** The System operator's activation (SPEC §6 step 1): `activate` on, or off to deactivate. */
export const neverExpireActivationFormSchema = z.object({ node: nodeField, activate: checkbox });
