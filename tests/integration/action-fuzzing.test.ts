import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actorOf } from '../support/actors';
import { type CaseContext, MATRIX, type MatrixRow, rowName } from '../support/authorization-matrix';
import { actorName, createAuthorizationOrg, type MatrixOrg, NODE } from '../support/authorization-org';
import { runRolledBack, wroteOnRefusal } from '../support/rolled-back-action';
import { createTestDatabase } from '../support/test-db';

/*
 * fast-check over every server action's form: each field keeps its valid value or takes a hostile one
 * (empty, NUL bytes, numbers beyond any column, exponents, markup, very long text, repeated fields,
 * unknown fields). Whatever arrives, the action answers with field errors or a refusal, never the
 * "nothing was changed, try again" of an unexpected error (the action's 500), and a refusal leaves
 * every table exactly as it was. FUZZ_RUNS sets the runs per action (default 25).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const UNEXPECTED = 'The change could not be saved; nothing was changed. Try again.';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let org: MatrixOrg;
const tally = { runs: 0, refused: 0 };

beforeAll(async () => {
  t = await createTestDatabase();
  org = await createAuthorizationOrg(t.db);
});
afterAll(async () => {
  console.log(`action fuzzing: ${tally.runs} runs over ${MATRIX.length} actions, ${tally.refused} refused`);
  await t?.drop();
});

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '2147483648',
    '99999999999999999999',
    '-1',
    '0',
    '1e309',
    '1.5',
    'NaN',
    'Infinity',
    '0x10',
    'on',
    'true',
    '<script>alert(1)</script>',
    "' or 1=1 --",
    'sys',
    'SYS.HCS.MATRIX',
    'sys.hcs..matrix',
    '\ud800',
    'x'.repeat(5000),
  ),
  fc.integer().map(String),
  fc.bigInt().map(String),
);

type Value = string | string[];
/** A form: every valid field kept or replaced, sometimes repeated, sometimes dropped, plus unknown fields. */
function formArbitrary(valid: Record<string, string>) {
  const fields = Object.fromEntries(
    Object.entries(valid).map(([k, v]) => [
      k,
      fc.oneof(
        { weight: 2, arbitrary: fc.constant<Value | undefined>(v) },
        hostile,
        fc.array(hostile, { minLength: 2, maxLength: 3 }),
        fc.constant(undefined),
      ),
    ]),
  ) as Record<string, fc.Arbitrary<Value | undefined>>;
  return fc.record({ fields: fc.record(fields), extra: fc.dictionary(fc.string({ maxLength: 12 }), hostile, { maxKeys: 2 }) });
}

function toFormData(fields: Record<string, Value | undefined>, extra: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries({ ...extra, ...fields })) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  }
  return f;
}

/** A case every row can run: the actor at the top node, acting on a User below, on its own node or on itself. */
function validCase(row: MatrixRow): { actor: string; c: CaseContext } {
  const actor = actorName('manager');
  if (row.targets === 'node') return { actor, c: { username: actor, node: NODE.top, nodeKind: 'top', org } };
  if (row.targets === 'self') return { actor, c: { username: actor, node: NODE.top, nodeKind: 'top', org } };
  return { actor, c: { username: 'mx.below.user', node: NODE.below, nodeKind: 'below', org } };
}

describe('action fuzzing', () => {
  for (const row of MATRIX) {
    it(`${rowName(row)}: hostile forms get field errors or refusals, never an error or a partial write`, async () => {
      const { actor: name, c } = validCase(row);
      const actor = await actorOf(t.db, name);
      const valid = Object.fromEntries(Object.entries(row.input(c)).map(([k, v]) => [k, v === true ? 'on' : String(v)]));
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        await fc.assert(
          fc.asyncProperty(formArbitrary(valid), async ({ fields, extra }) => {
            errors.mockClear();
            const run = await runRolledBack(t.db, row.action, actor, toFormData(fields, extra), row.prepare && ((tx) => row.prepare!(tx, c)));
            const result = run.result;
            tally.runs++;
            if (!result?.ok) tally.refused++;
            expect(result?.ok === false ? result.formError : undefined).not.toBe(UNEXPECTED);
            expect(errors.mock.calls.map((args) => args.map(String).join(' '))).toEqual([]);
            expect(wroteOnRefusal(run)).toBe(false);
          }),
          { numRuns: RUNS },
        );
      } finally {
        errors.mockRestore();
      }
    });
  }
});
