import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { listLiveSessions } from '@/lib/sessions/queries';
import { findAccount, loadSecurityOverview } from '@/lib/users/queries';
import { endOneSession } from '@/lib/users/security-commands';
import { runAs } from '../support/actors';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

describe('the Security tab overview', () => {
  it('shows the last sign-in with its address, password dates, failed attempts, two-factor; one session ends alone', async () => {
    const signIn = (password: string) =>
      performSignIn({ username: 'alice.contoso', password, ip: '198.51.100.7', userAgent: 'vitest', channel: 'console' });
    await signIn(DEMO_PASSWORD);
    await signIn(DEMO_PASSWORD);
    await signIn('wrong password');
    const alice = (await findAccount(t.db, { username: 'alice.contoso' }))!;
    const o = await loadSecurityOverview(t.db, alice);
    expect(o).toMatchObject({ lastSignIn: { ip: '198.51.100.7' }, failedCount: 1, twoFactor: false });
    expect(o.passwordChangedAt).not.toBeNull();
    expect(new Date(o.passwordExpiresAt!).getTime()).toBeGreaterThan(Date.now());
    expect(JSON.stringify(o)).not.toMatch(/argon2|totp/i);

    const sessions = await listLiveSessions(t.db, alice.id);
    expect(sessions).toHaveLength(2);
    expect((await runAs(t.db, 'useradmin.contoso', endOneSession, { username: 'manager.contoso', session: sessions[0]!.id })).ok).toBe(false);
    expect((await runAs(t.db, 'manager.globex', endOneSession, { username: 'alice.contoso', session: sessions[0]!.id })).ok).toBe(false);
    expect((await runAs(t.db, 'unit.contoso', endOneSession, { username: 'alice.contoso', session: sessions[0]!.id })).ok).toBe(true);
    expect((await listLiveSessions(t.db, alice.id)).map((s) => s.id)).toEqual([sessions[1]!.id]);
    // Another account's session id under this account's name ends nothing.
    const mgr = (await findAccount(t.db, { username: 'manager.contoso' }))!;
    await performSignIn({ username: 'manager.contoso', password: DEMO_PASSWORD, ip: '198.51.100.8', userAgent: 'vitest', channel: 'console' });
    const [mgrSession] = await listLiveSessions(t.db, mgr.id);
    expect((await runAs(t.db, 'unit.contoso', endOneSession, { username: 'alice.contoso', session: mgrSession!.id })).ok).toBe(false);
    expect(await listLiveSessions(t.db, mgr.id)).toHaveLength(1);
  });
});
