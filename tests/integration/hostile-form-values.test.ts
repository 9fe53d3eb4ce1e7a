import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actorOf, form } from '../support/actors';
import { MATRIX, type MatrixRow, rowName } from '../support/authorization-matrix';
import { actorName, createAuthorizationOrg, type MatrixOrg, NODE } from '../support/authorization-org';
import { runRolledBack, wroteOnRefusal } from '../support/rolled-back-action';
import { createTestDatabase } from '../support/test-db';

/*
 * The values the fuzzing found, kept as fixed cases for every action: numbers beyond PostgreSQL's
 * integer columns and NUL characters (which PostgreSQL text cannot hold) must come back as field
 * errors, not as a failed statement.
 */

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let org: MatrixOrg;
beforeAll(async () => {
  t = await createTestDatabase();
  org = await createAuthorizationOrg(t.db);
});
afterAll(async () => t?.drop());

const HOSTILE = { 'an id beyond the integer column': '2147483648', 'a NUL character': 'x\u0000y' };

function validInput(row: MatrixRow) {
  const c =
    row.targets === 'account'
      ? { username: 'mx.below.user', node: NODE.below, nodeKind: 'below' as const, org }
      : { username: actorName('manager'), node: NODE.top, nodeKind: 'top' as const, org };
  return row.input(c);
}

describe('hostile form values', () => {
  for (const row of MATRIX) {
    for (const [what, value] of Object.entries(HOSTILE)) {
      it(`${rowName(row)}: ${what} in any field is a field error, and nothing is written`, async () => {
        const actor = await actorOf(t.db, actorName('manager'));
        const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
        try {
          for (const field of Object.keys(validInput(row))) {
            const run = await runRolledBack(t.db, row.action, actor, form({ ...validInput(row), [field]: value }));
            expect(
              errors.mock.calls.map((a) => a.map(String).join(' ')),
              field,
            ).toEqual([]);
            expect(wroteOnRefusal(run), field).toBe(false);
          }
        } finally {
          errors.mockRestore();
        }
      });
    }
  }
});
