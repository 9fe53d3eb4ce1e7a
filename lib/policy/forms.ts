import { z } from 'zod';
import { checkbox, idField, idOrNone, nodeField, rowVersion } from '@/lib/forms/fields';
import { usernameField } from '@/lib/users/forms';
import { BOOLEAN_FIELDS, DEFAULT_QUESTION_POOL, NOTIFY_BY, NUMBER_FIELDS, type PolicyValues } from './fields';

/**
 * The one schema of the credential-policy form, shared by react-hook-form (zodResolver) in the browser
 * and the server action. Numbers arrive as strings (z.coerce); a checkbox arrives as "on", true, or
 * not at all (= off); lists arrive as one entry per line.
 */

const lines = z.preprocess(
  (v) => (Array.isArray(v) ? v : String(v ?? '').split(/\r?\n/)).map((s) => String(s).trim()).filter(Boolean),
  z.array(z.string().max(200, 'Each entry has at most 200 characters')).max(100, 'At most 100 entries'),
);

function numberField(f: (typeof NUMBER_FIELDS)[number]) {
  return z.coerce
    .number({ message: `${f.label}: enter a whole number` })
    .int(`${f.label}: enter a whole number`)
    .min(f.min, `${f.label} must be between ${f.min} and ${f.max}`)
    .max(f.max, `${f.label} must be between ${f.min} and ${f.max}`);
}

const numberShape = Object.fromEntries(NUMBER_FIELDS.map((f) => [f.key, numberField(f)])) as {
  [K in (typeof NUMBER_FIELDS)[number]['key']]: ReturnType<typeof numberField>;
};
const booleanShape = Object.fromEntries(BOOLEAN_FIELDS.map((f) => [f.key, checkbox])) as {
  [K in (typeof BOOLEAN_FIELDS)[number]['key']]: typeof checkbox;
};

export const policyValuesSchema = z
  .object({
    ...numberShape,
    ...booleanShape,
    notifyBy: z.enum(NOTIFY_BY, { message: 'Choose console, email or both' }),
    resetQuestionPool: lines,
    bannedWords: lines,
  })
  .superRefine((v, ctx) => {
    if (v.questionsAskedDuringReset > v.resetQuestionPool.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['questionsAskedDuringReset'],
        message: `Number of Questions Asked During Password Reset cannot be more than the ${v.resetQuestionPool.length} questions in the pool`,
      });
    }
  });

const policyNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name')
  .max(100, 'At most 100 characters')
  .regex(/^[^<>\r\n]+$/, 'Use letters, digits, spaces and punctuation other than < >');

/** The editor: create (at `node`) or edit (`policyId` at `version`); `confirmWeaker` accepts the warning. */
export const credentialPolicySchema = z.intersection(
  z.object({
    mode: z.enum(['create', 'edit']),
    node: z.string().max(255).default(''),
    // 0 while creating: the form has no policy yet.
    policyId: idOrNone.default(0),
    version: rowVersion.default(0),
    name: policyNameSchema,
    confirmWeaker: checkbox.default(false),
    /** "Minimum below this node": enforced on every policy at the node and below. */
    minimumBelow: checkbox.default(false),
    /** Create only: the new policy also becomes the node's Default Credential Policy ("Override here"). */
    makeDefault: checkbox.default(false),
  }),
  policyValuesSchema,
);

/** Values as the form holds them (strings for lists), from stored or template values. */
export function toFormValues(v: PolicyValues): Record<string, unknown> {
  return { ...v, resetQuestionPool: v.resetQuestionPool.join('\n'), bannedWords: v.bannedWords.join('\n') };
}

/** Picks the policy values out of a parsed input (drops identity and form fields). */
export function pickValues(input: PolicyValues & Record<string, unknown>): PolicyValues {
  const out: Record<string, unknown> = {};
  for (const f of NUMBER_FIELDS) out[f.key] = input[f.key];
  for (const f of BOOLEAN_FIELDS) out[f.key] = input[f.key];
  out.notifyBy = input.notifyBy;
  out.resetQuestionPool = input.resetQuestionPool.length ? input.resetQuestionPool : [...DEFAULT_QUESTION_POOL];
  out.bannedWords = input.bannedWords;
  return out as PolicyValues;
}

export const deletePolicySchema = z.object({ policyId: idField, version: rowVersion });

export const renamePolicySchema = z.object({
  policyId: idField,
  version: rowVersion,
  name: policyNameSchema,
});

/** Default Credential Policy of a node: a policy id, or "" to revert to the inherited default. */
export const defaultPolicySchema = z.object({
  node: nodeField,
  policyId: z.union([z.literal(''), idField]),
});

/** An account's explicit policy: a policy id, or "" for "Use the node default". */
export const assignPolicySchema = z.object({
  username: usernameField,
  policyId: z.union([z.literal(''), idField]),
});
