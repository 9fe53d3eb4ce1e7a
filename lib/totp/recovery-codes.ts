import { createHash, randomInt } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '@/lib/db';
import { recoveryCodes } from '@/lib/db/schema';

export const RECOVERY_CODE_COUNT = 10;
// No 0/O, 1/l/I: the codes are copied by hand from paper.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_CODE = /^[a-z2-9]{4}-?[a-z2-9]{4}-?[a-z2-9]{4}$/i;

export function looksLikeRecoveryCode(input: string): boolean {
  return RECOVERY_CODE.test(input.trim());
}

function newCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET.charAt(randomInt(ALPHABET.length)));
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

const hashCode = (code: string) => createHash('sha256').update(code.trim().toLowerCase().replace(/-/g, '')).digest('hex');

/** Replaces the account's recovery codes with ten new ones and returns them (the only time they are seen). */
export async function issueRecoveryCodes(q: Queryable, accountId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await q.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  await q.insert(recoveryCodes).values(codes.map((c) => ({ accountId, codeHash: hashCode(c) })));
  return codes;
}

/** Uses one recovery code: true once per code, by compare-and-set, so two racing uses cannot both pass. */
export async function spendRecoveryCode(q: Queryable, accountId: number, code: string): Promise<boolean> {
  const won = await q.execute(sql`
    update recovery_codes set used_at = now()
    where account_id = ${accountId} and code_hash = ${hashCode(code)} and used_at is null
    returning id`);
  return rowsOf(won).length === 1;
}

export async function unusedRecoveryCodes(q: Queryable, accountId: number): Promise<number> {
  const rows = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
  return Number(rows[0]?.n ?? 0);
}
