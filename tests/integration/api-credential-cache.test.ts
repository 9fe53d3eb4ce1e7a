import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performSignIn } from '@/lib/auth/commands';
import { hashPassword, hashWork } from '@/lib/auth/password-hash';
import { DEMO_PASSWORD } from '@/lib/db/seed';
import { accountState } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const api = (password: string) => performSignIn({ username: 'api.contoso', password, ip: '198.51.100.70', userAgent: 'vitest', channel: 'api' });

describe('verified API credentials cached in memory', () => {
  it('a repeated call with the right password does not hash again; a wrong one always does', async () => {
    expect(await api(DEMO_PASSWORD)).toMatchObject({ ok: true });
    const before = hashWork.verifications;
    for (let i = 0; i < 5; i++) expect(await api(DEMO_PASSWORD)).toMatchObject({ ok: true });
    expect(hashWork.verifications).toBe(before);
    expect(await api('wrong-password')).toMatchObject({ ok: false, code: 'invalid' });
    expect(hashWork.verifications).toBe(before + 1);
  });

  it('the cache never outlives a change of the row: new hash, lock, disable', async () => {
    const { id } = await accountState(t.db, 'api.contoso');
    expect(await api(DEMO_PASSWORD)).toMatchObject({ ok: true });
    await t.db.execute(sql`update accounts set status = 'locked', locked_until = null where id = ${id}`);
    expect(await api(DEMO_PASSWORD)).toMatchObject({ ok: false });
    await t.db.execute(sql`update accounts set status = 'disabled' where id = ${id}`);
    expect(await api(DEMO_PASSWORD)).toMatchObject({ ok: false });
    await t.db.execute(sql`update accounts set status = 'active' where id = ${id}`);
    expect(await api(DEMO_PASSWORD)).toMatchObject({ ok: true });
    await t.db.execute(sql`update accounts set password_hash = ${await hashPassword('Another-Secret-7731!')} where id = ${id}`);
    expect(await api(DEMO_PASSWORD)).toMatchObject({ ok: false, code: 'invalid' });
  });
});
