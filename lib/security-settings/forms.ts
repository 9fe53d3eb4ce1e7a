import { z } from 'zod';
import { checkbox, nodeField, optionalInt, versionField } from '@/lib/forms/fields';
import { parseEntry } from '@/lib/net/ip';
import { ROLES, type Role } from '@/lib/users/fields';
import { SESSION_TIMEOUT_MINUTES, SETTING_GROUPS } from './groups';

/**
 * One schema per Security page form, shared by the browser (zodResolver) and the server action.
 * Labels live beside them so that the form and its tests use the SPEC's words.
 */

export const LABELS = {
  ipEnabled: 'Allow connections from the following IPs only',
  ipEntries: 'Allowed IPs',
  ipConfirm: 'I understand that this list does not include my own IP address and may lock me out',
  twoFactor: 'Require two-factor authentication for all users',
  enforceBelow: 'Enforced for all nodes below',
  externalIds: 'Allow other users to manage external IDs',
  dsmConfirm: 'I understand that the New Data Security Model cannot be switched off again',
} as const;

/**
 * Splits the textarea into entries: one per line, commas and semicolons also separate; anything after
 * a `#` on a line is a comment (not stored).
 */
function splitEntries(text: string): string[] {
  // Submitted textareas arrive with CRLF line ends: a comment ends at either character.
  return text
    .replace(/#[^\r\n]*/g, '')
    .split(/[\r\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface NormalisedList {
  entries: string[];
  errors: string[];
  /** Entries written differently from how they are stored ("10.0.0.1/8" → "10.0.0.0/8"). */
  normalised: { typed: string; saved: string }[];
  /** Entries dropped because an equal one came earlier. */
  duplicates: string[];
}

/** Parses and normalises every entry; errors name the line they came from. */
export function normaliseEntries(text: string): NormalisedList {
  const out: NormalisedList = { entries: [], errors: [], normalised: [], duplicates: [] };
  for (const raw of splitEntries(text)) {
    const r = parseEntry(raw);
    if (!r.ok) {
      out.errors.push(r.error);
      continue;
    }
    if (out.entries.includes(r.entry.text)) {
      out.duplicates.push(raw);
      continue;
    }
    out.entries.push(r.entry.text);
    if (raw !== r.entry.text) out.normalised.push({ typed: raw, saved: r.entry.text });
  }
  return out;
}

export const ipAllowlistFormSchema = z
  .object({
    node: nodeField,
    version: versionField,
    enabled: checkbox,
    entries: z.string().max(200_000, 'The list is too long'),
    confirmSelfLockout: checkbox,
    enforceBelow: checkbox,
  })
  .superRefine((v, ctx) => {
    const { entries, errors } = normaliseEntries(v.entries);
    // One message listing every bad line, so the person fixes them all in one go.
    if (errors.length) ctx.addIssue({ code: 'custom', path: ['entries'], message: errors.join('; ') });
    if (v.enabled && !errors.length && entries.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['entries'], message: 'Add at least one address, range or CIDR block, or turn the restriction off' });
    }
  })
  .transform((v) => {
    const { entries, normalised, duplicates } = normaliseEntries(v.entries);
    return { ...v, list: entries, normalised, duplicates };
  });

export const twoFactorFormSchema = z.object({ node: nodeField, version: versionField, required: checkbox, enforceBelow: checkbox });

export const externalIdsFormSchema = z.object({ node: nodeField, version: versionField, allowOthers: checkbox });

/** Enabling only: there is deliberately no field that could switch the model off. */
export const dataSecurityModelFormSchema = z.object({
  node: nodeField,
  confirm: checkbox.refine((v) => v, 'Tick the confirmation to enable the New Data Security Model'),
});

export const sessionTimeoutMinutesField = optionalInt(SESSION_TIMEOUT_MINUTES.min, SESSION_TIMEOUT_MINUTES.max, 'minutes');
const minutesByRole = Object.fromEntries(ROLES.map((r) => [r, sessionTimeoutMinutesField])) as Record<Role, typeof sessionTimeoutMinutesField>;
export const sessionTimeoutsFormSchema = z.object({ node: nodeField, version: versionField, ...minutesByRole });

export function sessionTimeoutLabel(roleLabel: string): string {
  return `${roleLabel} session timeout (minutes)`;
}

export const revertSettingFormSchema = z.object({ node: nodeField, group: z.enum(SETTING_GROUPS) });
