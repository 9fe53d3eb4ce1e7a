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

/** The version of the row the form was opened on, for the concurrent-edit check (0 = no row yet). */
export const versionField = z.coerce.number().int().min(0).optional();
