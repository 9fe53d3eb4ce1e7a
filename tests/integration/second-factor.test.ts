import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActionActor } from '@/lib/actions/run';
import { runAction } from '@/lib/actions/run';
import { performSignIn } from '@/lib/auth/commands';
import { CODES_PER_PENDING_SESSION, changeOwnPasswordDef, verifyTwoFactorDef } from '@/lib/auth/stage-commands';
import { rowsOf } from '@/lib/db';
import { accounts, nodeSettings, nodes, sessions } from '@/lib/db/schema';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { checkSession } from '@/lib/sessions/queries';
import { hashSessionId } from '@/lib/sessions/token';
import { enrolmentSecret } from '@/lib/totp/enrolment';
import { open, seal } from '@/lib/totp/secret-box';
import { totpCode } from '@/lib/totp/totp';
import { accountState, assignPolicy } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const IP = '198.51.100.40';

beforeAll(async () => {
  t = await createTestDatabase();
  const [contoso] = await t.db.select({ id: nodes.id }).from(nodes).where(eq(nodes.path, 'sys.hcs.acme.north.contoso'));
  await t.db.insert(nodeSettings).values({ nodeId: contoso!.id, group: 'twoFactor', value: { required: true } });
});
afterAll(async () => t?.drop());
// Each test starts with no failures counted against its source: they share a few addresses.
beforeEach(async () => {
  await t.db.execute(sql`delete from source_counters`);
});

const now = () => Math.floor(Date.now() / 1000);
const rightCode = (secret = SECRET) => totpCode(secret, now());
/** A code that matches none of the accepted steps (now, one before, one after). */
async function wrongCode(secret = SECRET) {
  const near = await Promise.all([-30, 0, 30].map((d) => totpCode(secret, now() + d)));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!near.includes(c)) return c;
  }
}

async function enrol(username: string, secret: string | null = SECRET) {
  await t.db.execute(
    sql`update accounts set totp_secret_enc = ${secret ? seal(secret) : null}, totp_last_step = null where lower(username) = ${username}`,
  );
}

async function passwordStep(username: string, password = DEMO_PASSWORD, ip = IP) {
  return performSignIn({ username, password, ip, userAgent: 'vitest', channel: 'console' });
}

/** The actor of a pending (or active) session, as the session check would produce it. */
async function actorOf(sessionId: string, ip = IP): Promise<ActionActor> {
  const s = await checkSession(t.db, sessionId, { touch: false });
  if (!s) throw new Error('no live session');
  return { ...s, ip, sessionId };
}

async function submitCode(sessionId: string, code: string, ip = IP) {
  const actor = await actorOf(sessionId, ip).catch(() => null);
  return runAction(verifyTwoFactorDef, { db: t.db, actor: async () => actor }, { code });
}

async function pendingSession(username: string) {
  const r = await passwordStep(username);
  expect(r).toMatchObject({ ok: true, stage: 'totp' });
  return r.sessionId!;
}

describe(`second factor (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('wrong codes keep counting across password sign-ins and lock the account at Failed Login Count', async () => {
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', { failedLoginCountPerUser: 3, disableFailedLoginLimitingPerSource: true });
    await enrol('alice.contoso');
    const first = await pendingSession('alice.contoso');
    for (let i = 0; i < 2; i++) expect(await submitCode(first, await wrongCode())).toMatchObject({ ok: false });
    // The right password again must not wipe those two failures.
    const second = await pendingSession('alice.contoso');
    expect((await accountState(t.db, 'alice.contoso')).failedCount).toBe(2);
    expect(await submitCode(second, await wrongCode())).toMatchObject({ ok: false, code: 'session-ended' });
    expect((await accountState(t.db, 'alice.contoso')).status).toBe('locked');
    // Locked: the password step is refused, with the generic answer.
    expect(await passwordStep('alice.contoso')).toMatchObject({ ok: false, code: 'invalid', outcome: 'locked' });
  });

  it('the counter is reset only when a right code completes the sign-in', async () => {
    await t.db.execute(sql`update accounts set status = 'active', locked_until = null, failed_count = 0 where lower(username) = 'alice.contoso'`);
    const s = await pendingSession('alice.contoso');
    await submitCode(s, await wrongCode());
    const again = await pendingSession('alice.contoso');
    expect((await accountState(t.db, 'alice.contoso')).failedCount).toBe(1);
    const done = await submitCode(again, await rightCode());
    expect(done).toMatchObject({ ok: true });
    expect((await accountState(t.db, 'alice.contoso')).failedCount).toBe(0);
  });

  it('wrong codes count per source address too, against the product-wide limit, not the account’s', async () => {
    // The account's own policy would allow 50 from one source, or none at all: it is not what counts.
    await assignPolicy(t.db, 'unit.contoso', 'sys.hcs.acme', {
      disableFailedLoginLimitingPerUser: true,
      failedLoginCountPerSource: 50,
    });
    await enrol('unit.contoso');
    const hcs = sql`name = 'HcsCredentialPolicy' and node_id = (select id from nodes where path = 'sys.hcs')`;
    const [before] = rowsOf<{ n: number }>(await t.db.execute(sql`select failed_login_count_per_source as n from credential_policies where ${hcs}`));
    await t.db.execute(sql`update credential_policies set failed_login_count_per_source = 3 where ${hcs}`);
    try {
      const ip = '198.51.100.41';
      const r = await passwordStep('unit.contoso', DEMO_PASSWORD, ip);
      const sid = r.sessionId!;
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await submitCode(sid, await wrongCode(), ip));
      expect(results.slice(0, 3).every((x) => !x.ok && x.code !== 'throttled')).toBe(true);
      expect(results[3]).toMatchObject({ ok: false, code: 'throttled' });
    } finally {
      await t.db.execute(sql`update credential_policies set failed_login_count_per_source = ${before!.n} where ${hcs}`);
    }
  });

  it('with per-user limiting off, a pending session gets a fixed number of codes, then ends', async () => {
    await assignPolicy(t.db, 'useradmin.contoso', 'sys.hcs.acme', {
      disableFailedLoginLimitingPerUser: true,
      disableFailedLoginLimitingPerSource: true,
    });
    await enrol('useradmin.contoso');
    const sid = await pendingSession('useradmin.contoso');
    // Racing submissions cannot exceed the ceiling either.
    const codes = await Promise.all(Array.from({ length: 20 }, () => wrongCode()));
    const results = await Promise.all(codes.map((c) => submitCode(sid, c)));
    const tried = results.filter((r) => !r.ok && r.fieldErrors?.code).length;
    expect(tried).toBeLessThanOrEqual(CODES_PER_PENDING_SESSION);
    const [row] = await t.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, hashSessionId(sid)));
    expect(row!.codeAttempts).toBe(CODES_PER_PENDING_SESSION);
    expect(row!.revokedAt).not.toBeNull();
    // The ended session cannot take the right code.
    expect(await submitCode(sid, await rightCode())).toMatchObject({ ok: false, code: 'session-ended' });
  });

  it('enrolment never overwrites an authenticator enrolled in the meantime', async () => {
    await assignPolicy(t.db, 'manager.contoso', 'sys.hcs.acme', { disableFailedLoginLimitingPerSource: true });
    await enrol('manager.contoso', null);
    const a = await passwordStep('manager.contoso');
    const b = await passwordStep('manager.contoso');
    expect(a).toMatchObject({ ok: true, stage: 'totp_enrol' });
    // One sign-in shows the same secret on every load; another sign-in gets its own.
    expect(enrolmentSecret(a.sessionId!)).toBe(enrolmentSecret(a.sessionId!));
    expect(enrolmentSecret(a.sessionId!)).not.toBe(enrolmentSecret(b.sessionId!));
    expect(await submitCode(a.sessionId!, await rightCode(enrolmentSecret(a.sessionId!)))).toMatchObject({ ok: true });
    const late = await submitCode(b.sessionId!, await totpCode(enrolmentSecret(b.sessionId!), now() + 30));
    expect(late).toMatchObject({ ok: false });
    const [row] = await t.db.select({ enc: accounts.totpSecretEnc }).from(accounts).where(sql`lower(username) = 'manager.contoso'`);
    expect(open(row!.enc!)).toBe(enrolmentSecret(a.sessionId!));
  });

  it('a required password change comes after the second factor', async () => {
    await enrol('alice.contoso');
    await t.db.execute(sql`update accounts set must_change_password = true, failed_count = 0 where lower(username) = 'alice.contoso'`);
    const r = await passwordStep('alice.contoso');
    expect(r).toMatchObject({ ok: true, stage: 'totp', changePasswordNext: true });
    const done = await submitCode(r.sessionId!, await totpCode(SECRET, now() + 30));
    expect(done).toMatchObject({ ok: true });
    const next = (done as { ok: true; data: { rotatedSessionId: string } }).data.rotatedSessionId;
    expect(await checkSession(t.db, next, { touch: false })).toMatchObject({ stage: 'change_password' });
  });

  it('changing one own password with two-factor on keeps the session active under a new id', async () => {
    await enrol('unit.contoso');
    await assignPolicy(t.db, 'unit.contoso', 'sys.hcs.acme', { disableFailedLoginLimitingPerSource: true, minimumPasswordAgeDays: 0 });
    const sid = await pendingSession('unit.contoso');
    const done = await submitCode(sid, await rightCode());
    const active = (done as { ok: true; data: { rotatedSessionId: string } }).data.rotatedSessionId;
    const changed = await runAction(
      changeOwnPasswordDef,
      { db: t.db, actor: () => actorOf(active) },
      {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'Quartz-Lantern-8351?',
        confirmNewPassword: 'Quartz-Lantern-8351?',
      },
    );
    expect(changed).toMatchObject({ ok: true });
    const rotated = (changed as { ok: true; data: { rotatedSessionId: string } }).data.rotatedSessionId;
    expect(await checkSession(t.db, rotated, { touch: false })).toMatchObject({ stage: 'active' });
  });
});
