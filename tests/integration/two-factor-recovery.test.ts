import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionActor } from '@/lib/actions/run';
import { runAction } from '@/lib/actions/run';
import { performSignIn } from '@/lib/auth/commands';
import { verifyTwoFactorDef } from '@/lib/auth/stage-commands';
import { auditLog, nodeSettings, nodes } from '@/lib/db/schema';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { accountEnrolmentSecret } from '@/lib/totp/account-enrolment';
import { enrolAuthenticatorDef, resetTwoFactorDef } from '@/lib/totp/commands';
import { totpCode } from '@/lib/totp/totp';
import { runAs } from '../support/actors';
import { accountState } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const CONTOSO = 'sys.hcs.acme.north.contoso';
const now = () => Math.floor(Date.now() / 1000);

async function aliceActor(stage: ActionActor['stage'], sessionId: string): Promise<ActionActor> {
  const a = await accountState(t.db, 'alice.contoso');
  return {
    accountId: a.id,
    username: 'alice.contoso',
    role: 'user',
    nodePath: CONTOSO,
    stage,
    apiOnly: false,
    isPrimaryContact: false,
    ip: '192.0.2.5',
    sessionId,
  };
}

/** Signs alice in with her password and, if asked, a code; returns the outcome of the code step. */
async function signInWithCode(code: string) {
  const first = await performSignIn({ username: 'alice.contoso', password: DEMO_PASSWORD, ip: '192.0.2.5', userAgent: 'vitest', channel: 'console' });
  expect(first).toMatchObject({ ok: true, stage: 'totp' });
  const actor = await aliceActor('totp', first.sessionId!);
  return runAction(verifyTwoFactorDef, { db: t.db, actor: async () => actor }, { code });
}

describe('two-factor recovery', () => {
  let codes: string[] = [];

  it('a voluntary enrolment at My account returns ten recovery codes and makes sign-in ask for a code', async () => {
    const secret = accountEnrolmentSecret('session-a');
    const actor = await aliceActor('active', 'session-a');
    const r = await runAction(enrolAuthenticatorDef, { db: t.db, actor: async () => actor }, { code: await totpCode(secret, now()) });
    expect(r.ok).toBe(true);
    codes = r.ok ? r.data.recoveryCodes : [];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await t.db.execute(sql`select code_hash from recovery_codes`);
    expect(JSON.stringify(stored)).not.toContain(codes[0]!);
  });

  it('replacing the authenticator needs a current code or the password', async () => {
    const secret = accountEnrolmentSecret('session-b');
    const actor = await aliceActor('active', 'session-b');
    const code = await totpCode(secret, now());
    const refused = await runAction(enrolAuthenticatorDef, { db: t.db, actor: async () => actor }, { code, current: 'wrong' });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { current: ['Not a current code, nor your password.'] } });
  });

  it('a recovery code signs in once and never again', async () => {
    expect(await signInWithCode(codes[0]!.toUpperCase())).toMatchObject({ ok: true });
    expect(await signInWithCode(codes[0]!)).toMatchObject({ ok: false, fieldErrors: { code: [expect.stringContaining('not right')] } });
    expect(await signInWithCode(codes[1]!.replace(/-/g, ''))).toMatchObject({ ok: true });
  });

  it('"Reset two-factor": Unit Manager and above, only over accounts they outrank, audited; the next sign-in enrols', async () => {
    expect(await runAs(t.db, 'useradmin.contoso', resetTwoFactorDef, { username: 'alice.contoso' })).toMatchObject({ ok: false });
    expect(await runAs(t.db, 'unit.contoso', resetTwoFactorDef, { username: 'useradmin.contoso' })).toMatchObject({
      ok: false,
      formError: 'A Unit Manager cannot do this to a User Administrator: that role holds rights yours does not.',
    });
    expect(await runAs(t.db, 'manager.globex', resetTwoFactorDef, { username: 'alice.contoso' })).toMatchObject({ ok: false });
    expect(await runAs(t.db, 'unit.contoso', resetTwoFactorDef, { username: 'alice.contoso' })).toEqual({
      ok: true,
      data: { username: 'alice.contoso' },
    });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'account.two-factor-reset'));
    expect(audit).toMatchObject({ actorUsername: 'unit.contoso', targetId: 'alice.contoso', after: { enrolled: false } });
    // The codes went with the authenticator.
    const plain = await performSignIn({
      username: 'alice.contoso',
      password: DEMO_PASSWORD,
      ip: '192.0.2.5',
      userAgent: 'vitest',
      channel: 'console',
    });
    expect(plain).toMatchObject({ ok: true, stage: 'active' });
    const [contoso] = await t.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, CONTOSO));
    await t.db.insert(nodeSettings).values({ nodeId: contoso!.id, group: 'twoFactor', value: { required: true } });
    const next = await performSignIn({
      username: 'alice.contoso',
      password: DEMO_PASSWORD,
      ip: '192.0.2.5',
      userAgent: 'vitest',
      channel: 'console',
    });
    expect(next).toMatchObject({ ok: true, stage: 'totp_enrol' });
  });
});
