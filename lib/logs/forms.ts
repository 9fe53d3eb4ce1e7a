import { z } from 'zod';

/** Sign-in outcomes as the sign-in log writes them, for the outcome filter. */
export const SIGN_IN_OUTCOMES = [
  'success',
  'wrong-password',
  'locked',
  'source-throttled',
  'unknown-account',
  'ip-denied',
  'inactive',
  'expired',
  'password-sent',
  'wrong-code',
  'code-reused',
  'pending-change_password',
  'pending-totp',
  'pending-totp_enrol',
  'password-reset',
  'wrong-answers',
  'external-source',
  'api-only',
  'console-only',
] as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/**
 * The filters of both log pages and their CSV export, from the query string. Anything malformed is
 * dropped rather than refused: a filter link must never break the page.
 */
export const logFilterSchema = z.object({
  node: z.string().max(300).optional().catch(undefined),
  account: z.string().trim().max(64).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  outcome: z.enum(SIGN_IN_OUTCOMES).optional().catch(undefined),
  from: day,
  to: day,
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
});
export type LogFilter = z.infer<typeof logFilterSchema>;

export function parseLogFilter(sp: Record<string, string | string[] | undefined>): LogFilter {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  return logFilterSchema.parse(Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, one(v)])));
}

/** The query string of a filter (for paging and export links), without empty values. */
export function filterQuery(f: LogFilter, extra: Record<string, string | number | undefined> = {}): string {
  const entries = Object.entries({ ...f, ...extra }).filter(([, v]) => v !== undefined && v !== '') as [string, string][];
  return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}
