import { z } from 'zod';

/**
 * Field helpers for schemas shared by react-hook-form (values are booleans and strings) and server
 * actions (FormData: a checkbox is "on" or absent, numbers arrive as strings).
 */
export const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());

/** A node path from a hidden input: attacker-controlled, checked for scope by the action wrapper. */
export const nodeField = z.string().trim().min(1).max(255);

/** An optional whole number: an empty field means "not set". */
export function optionalInt(min: number, max: number, unit: string) {
  return z.preprocess(
    (v) => (v === '' || v == null ? undefined : v),
    z.coerce
      .number({ message: 'Enter a whole number' })
      .int('Enter a whole number')
      .min(min, `At least ${min} ${unit}`)
      .max(max, `At most ${max} ${unit}`)
      .optional(),
  );
}

/** PostgreSQL's integer columns end here: a larger id or version names no row and is a field error, not a failed statement. */
const INT4_MAX = 2_147_483_647;

/** A row id from a hidden input or a select (attacker-controlled). */
export const idField = z.coerce
  .number({ message: 'Not a valid id' })
  .int('Not a valid id')
  .positive('Not a valid id')
  .max(INT4_MAX, 'Not a valid id');

/** An id, or 0 for "no row yet" (a form that creates). */
export const idOrNone = z.coerce.number({ message: 'Not a valid id' }).int('Not a valid id').min(0, 'Not a valid id').max(INT4_MAX, 'Not a valid id');

/** The version of the row the form was opened on, for the concurrent-edit check (0 = no row yet). */
export const rowVersion = z.coerce.number({ message: 'Not a valid version' }).int('Not a valid version').min(0).max(INT4_MAX, 'Not a valid version');
export const versionField = rowVersion.optional();
