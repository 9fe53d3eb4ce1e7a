import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { accounts, outbox } from '@/lib/db/schema';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { saveAccount } from '@/lib/users/commands';
import { resetPassword } from '@/lib/users/security-commands';
import { runAs } from '../support/actors';
import { accountState, assignPolicy } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const signIn = (username: string, password: string) =>
  performSignIn({ username, password, ip: '192.0.2.44', userAgent: 'vitest', channel: 'console' });

async function mailedPassword(username: string): Promise<string> {
  const [m] = await t.db
    .select()
    .from(outbox)
    .where(sql`${outbox.body} like ${`%account ${username} %`}`)
    .orderBy(desc(outbox.id))
    .limit(1);
  const password = /Your new password is: (\S+)/.exec(m?.body ?? '')?.[1];
  if (!password) throw new Error(`no generated password mailed to ${username}`);
  expect(m!.toAddress).toBe(`${username}@example.test`);
  return password;
}

const mustChange = async (username: string) =>
  (await t.db.select({ v: accounts.mustChangePassword }).from(accounts).where(eq(accounts.username, username)))[0]!.v;

describe('"Allow user defined passwords" off is no dead end', () => {
  it('an expired password is replaced by a generated one sent by e-mail; that one signs straight in', async () => {
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', { allowUserDefinedPasswords: false, passwordExpiresMonths: 3 });
    const { id } = await accountState(t.db, 'alice.contoso');
    await t.db.execute(sql`update accounts set password_changed_at = now() - interval '1 year' where id = ${id}`);
    const r = await signIn('alice.contoso', DEMO_PASSWORD);
    expect(r).toMatchObject({ ok: false, code: 'password-sent' });
    const password = await mailedPassword('alice.contoso');
    expect(await signIn('alice.contoso', password)).toMatchObject({ ok: true, stage: 'active' });
    expect(await signIn('alice.contoso', DEMO_PASSWORD)).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('a required change the account may not make becomes a generated password by e-mail', async () => {
    const { id } = await accountState(t.db, 'alice.contoso');
    const password = await mailedPassword('alice.contoso');
    await t.db.execute(sql`update accounts set must_change_password = true where id = ${id}`);
    expect(await signIn('alice.contoso', password)).toMatchObject({ ok: false, code: 'password-sent' });
    expect(await signIn('alice.contoso', await mailedPassword('alice.contoso'))).toMatchObject({ ok: true, stage: 'active' });
  });

  it('a Manager’s reset is e-mailed and never returned to the Manager', async () => {
    const r = await runAs(t.db, 'unit.contoso', resetPassword, { username: 'alice.contoso' });
    expect(r).toEqual({ ok: true, data: { temporaryPassword: null } });
    expect(await mustChange('alice.contoso')).toBe(false);
    expect(await signIn('alice.contoso', await mailedPassword('alice.contoso'))).toMatchObject({ ok: true, stage: 'active' });
  });
});

describe('change at first sign-in', () => {
  it('"User Must Change Password on First Login" decides for new accounts', async () => {
    const create = (username: string) =>
      runAs(t.db, 'manager.contoso', saveAccount, {
        mode: 'create',
        username,
        firstName: 'New',
        lastName: 'Person',
        email: `${username}@example.test`,
        role: 'user',
        node: 'sys.hcs.acme.north.contoso',
        authSource: 'local',
      });
    const [policy] = await t.db
      .execute(sql`select id from credential_policies where name = 'HcsCredentialPolicy'`)
      .then((x) => (Array.isArray(x) ? x : (x as { rows: { id: number }[] }).rows));
    await t.db.execute(sql`update credential_policies set must_change_password_on_first_login = false where id = ${(policy as { id: number }).id}`);
    expect(await create('first.contoso')).toMatchObject({ ok: true, data: { temporaryPassword: expect.any(String) } });
    expect(await mustChange('first.contoso')).toBe(false);
    await t.db.execute(sql`update credential_policies set must_change_password_on_first_login = true where id = ${(policy as { id: number }).id}`);
    expect((await create('second.contoso')).ok).toBe(true);
    expect(await mustChange('second.contoso')).toBe(true);
  });

  it('a Manager’s reset with chosen passwords allowed always requires a change and tells the account', async () => {
    await assignPolicy(t.db, 'alice.contoso', 'sys.hcs.acme', { allowUserDefinedPasswords: true });
    const r = await runAs(t.db, 'unit.contoso', resetPassword, { username: 'alice.contoso' });
    const temp = (r.ok ? r.data.temporaryPassword : null) ?? '';
    expect(await mustChange('alice.contoso')).toBe(true);
    expect(await signIn('alice.contoso', temp)).toMatchObject({ ok: true, stage: 'change_password' });
    const [m] = await t.db.select().from(outbox).orderBy(desc(outbox.id)).limit(1);
    expect(m!.body).toContain('reset by unit.contoso');
    expect(m!.body).not.toContain(temp);
  });
});
