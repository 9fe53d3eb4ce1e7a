// A large organisation on PostgreSQL for npm run bench: ~10,000 nodes in the shape SPEC describes
// (sys → hcs → providers → resellers → customers → sites), 100,000 accounts, credential policies and
// setting groups at several levels, and a year of sign-in and audit rows. Every table is filled by
// set-based INSERT … SELECT generate_series, so the whole organisation takes a minute or two, not twenty.

import { sql } from 'drizzle-orm';
import { hashPassword } from '@/lib/auth/password-hash';
import type { Db } from '@/lib/db/connect';
import { rowsOf } from '@/lib/db/connect';
import { DEMO_PASSWORD, seedDemo } from '@/lib/db/seed';
import { defaultPolicyValues } from '@/lib/policy/fields';

export const LARGE = { providers: 20, resellersPer: 10, customersPer: 10, sitesPer: 4, accountsPerLeaf: 10 } as const;

/** Accounts the bench signs in with; all have DEMO_PASSWORD. */
export const BENCH_ACCOUNTS = {
  /** A Manager at sys.hcs: the top of the large tree, so every page lists its whole size. */
  manager: 'bench.manager',
  /** Console sign-ins, one account per parallel client, at a site below three policy levels. */
  signIn: ['bench.signin1', 'bench.signin2', 'bench.signin3', 'bench.signin4'],
  /** API-only accounts for HTTP Basic calls. */
  api: 'bench.api',
  /** A user in the large tree whose account page the bench opens. */
  viewed: 'bench.viewed',
} as const;

const LEAF_SITE = 'sys.hcs.p001.r01.c01.s1';

async function step(label: string, fn: () => Promise<unknown>) {
  const t = performance.now();
  await fn();
  console.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

export async function generateLargeOrg(db: Db): Promise<{ nodes: number; accounts: number; signIns: number; audits: number }> {
  await seedDemo(db);
  const hash = await hashPassword(DEMO_PASSWORD);
  const { providers, resellersPer, customersPer, sitesPer, accountsPerLeaf } = LARGE;
  const x = (q: ReturnType<typeof sql>) => db.execute(q);

  await step('nodes', async () => {
    await x(sql`insert into nodes (path, parent_id, type, name)
      select 'sys.hcs.p' || lpad(i::text, 3, '0'), (select id from nodes where path = 'sys.hcs'), 'provider', 'Provider ' || i
      from generate_series(1, ${providers}::int) i`);
    await x(sql`insert into nodes (path, parent_id, type, name)
      select p.path || '.r' || lpad(j::text, 2, '0'), p.id, 'reseller', p.name || ' reseller ' || j
      from nodes p cross join generate_series(1, ${resellersPer}::int) j where p.path ~ '^sys\.hcs\.p[0-9]{3}$'`);
    await x(sql`insert into nodes (path, parent_id, type, name)
      select r.path || '.c' || lpad(j::text, 2, '0'), r.id, 'customer', r.name || ' customer ' || j
      from nodes r cross join generate_series(1, ${customersPer}::int) j where r.path ~ '^sys\.hcs\.p[0-9]{3}\.r[0-9]{2}$'`);
    await x(sql`insert into nodes (path, parent_id, type, name)
      select c.path || '.s' || j, c.id, 'site', c.name || ' site ' || j
      from nodes c cross join generate_series(1, ${sitesPer}::int) j where c.path ~ '^sys\.hcs\.p[0-9]{3}\.r[0-9]{2}\.c[0-9]{2}$'`);
  });

  await step('policies and settings', async () => {
    const d = defaultPolicyValues();
    // Provider policies (every provider), reseller policies (every other reseller), customer policies (every tenth).
    const insertPolicies = (pattern: string, every: number, name: string, overrides: string) =>
      x(
        sql.raw(`insert into credential_policies (node_id, name, reset_question_pool, minimum_password_length, password_expires_months ${overrides ? `, ${overrides.split('=')[0]}` : ''})
        select id, '${name}', '${JSON.stringify(d.resetQuestionPool).replace(/'/g, "''")}'::jsonb, ${d.minimumPasswordLength}, ${d.passwordExpiresMonths} ${overrides ? `, ${overrides.split('=')[1]}` : ''}
        from nodes where path ~ '${pattern}' and id % ${every} = 0`),
      );
    await insertPolicies('^sys\\.hcs\\.p[0-9]{3}$', 1, 'Provider policy', 'failed_login_count_per_user=8');
    await insertPolicies('^sys\\.hcs\\.p[0-9]{3}\\.r[0-9]{2}$', 2, 'Reseller policy', 'idle_session_timeout_minutes=30');
    await insertPolicies('^sys\\.hcs\\.p[0-9]{3}\\.r[0-9]{2}\\.c[0-9]{2}$', 10, 'Customer policy', 'lock_duration_minutes=15');
    // Each policy is its node's default.
    await x(sql`insert into node_default_policies (node_id, policy_id)
      select node_id, min(id) from credential_policies where name in ('Provider policy', 'Reseller policy', 'Customer policy') group by node_id
      on conflict do nothing`);
    // Setting groups defined at several levels (none that would keep out the addresses the bench sends from).
    await x(sql`insert into node_settings (node_id, "group", value)
      select id, 'ipAllowlist', '{"enabled":true,"entries":["127.0.0.0/8","::1/128","10.0.0.0/8","192.168.0.0/16","198.51.100.0/24","203.0.113.0/24"]}'::jsonb
      from nodes where path ~ '^sys\.hcs\.p[0-9]{3}$' and id % 4 = 0`);
    await x(sql`insert into node_settings (node_id, "group", value)
      select id, 'sessionTimeouts', '{"byRole":{"manager":60,"user":30}}'::jsonb
      from nodes where path ~ '^sys\.hcs\.p[0-9]{3}\.r[0-9]{2}$' and id % 3 = 0`);
    await x(sql`insert into node_settings (node_id, "group", value)
      select id, 'externalIds', '{"allowOthers":true}'::jsonb
      from nodes where type = 'customer' and id % 7 = 0`);
  });

  await step('accounts', async () => {
    // accountsPerLeaf accounts at every generated customer and site: the first a Manager (the node's
    // Primary Contact), the last API-only. The demo organisation's nodes keep their own accounts.
    await x(sql`insert into accounts (username, node_id, role, is_primary_contact, api_only, first_name, last_name, email,
        password_hash, password_changed_at, last_login_at, status, created_at)
      select 'u' || n.id || '.' || k, n.id,
        case when k = 1 then 'manager' when k = 2 then 'unit_manager' when k = 3 then 'user_admin' else 'user' end,
        k = 1, k = ${accountsPerLeaf}::int, 'First' || k, 'Last' || n.id, 'u' || n.id || '.' || k || '@example.test',
        ${hash}, now() - make_interval(days => ((n.id * 31 + k * 17) % 300)::int),
        now() - make_interval(days => ((n.id * 13 + k * 7) % 60)::int),
        case when (n.id + k) % 97 = 0 then 'disabled' when (n.id + k) % 89 = 0 then 'locked' else 'active' end,
        now() - interval '400 days'
      from nodes n cross join generate_series(1, ${accountsPerLeaf}::int) k
      where n.type in ('customer', 'site') and n.path ~ '^sys\.hcs\.p[0-9]{3}\.'`);
    // One account in twenty names its provider's policy explicitly.
    await x(sql`update accounts a set credential_policy_id = cp.id
      from nodes n, nodes p, credential_policies cp
      where a.id % 20 = 0 and n.id = a.node_id and p.path = substring(n.path from '^sys\.hcs\.p[0-9]{3}')
        and cp.node_id = p.id and cp.name = 'Provider policy'`);
    await x(sql`insert into password_history (account_id, password_hash, created_at)
      select id, password_hash, password_changed_at from accounts where password_hash is not null`);
    const bench = [
      { u: BENCH_ACCOUNTS.manager, node: 'sys.hcs', role: 'manager', api: false },
      ...BENCH_ACCOUNTS.signIn.map((u) => ({ u, node: LEAF_SITE, role: 'user', api: false })),
      { u: BENCH_ACCOUNTS.api, node: LEAF_SITE, role: 'user', api: true },
      { u: BENCH_ACCOUNTS.viewed, node: LEAF_SITE, role: 'user', api: false },
    ];
    for (const b of bench) {
      await x(sql`insert into accounts (username, node_id, role, api_only, first_name, last_name, email, password_hash, password_changed_at)
        select ${b.u}, id, ${b.role}, ${b.api}, 'Bench', 'Account', ${`${b.u}@example.test`}, ${hash}, now() from nodes where path = ${b.node}`);
    }
  });

  const signIns = 1_000_000;
  const audits = 300_000;
  await step('a year of sign-in rows', () =>
    x(sql`insert into sign_in_log (created_at, username, account_id, node_path, ip, user_agent, channel, outcome, step)
      select now() - make_interval(secs => (g * 31.536)::double precision), a.username, a.id, n.path,
        '10.' || (g % 200) || '.' || (g % 250) || '.' || (g % 240), 'Mozilla/5.0 (bench)',
        case when a.api_only then 'api' else 'console' end,
        case when g % 11 = 0 then 'wrong-password' when g % 53 = 0 then 'locked' else 'success' end,
        case when g % 11 = 0 then 'password' else 'session' end
      from generate_series(1, ${signIns}::int) g
      join accounts a on a.id = (select min(id) from accounts) + (g::bigint * 7919) % 100000
      join nodes n on n.id = a.node_id`),
  );
  await step('a year of audit rows', () =>
    x(sql`insert into audit_log (created_at, actor_account_id, actor_username, ip, action, node_path, target_type, target_id, before, after)
      select now() - make_interval(secs => (g * 105.12)::double precision), a.id, a.username, '10.1.2.3',
        (array['account.update','account.unlock','password.reset','policy.update','settings.update'])[1 + g % 5],
        n.path, 'account', a.username, '{"status":"active"}'::jsonb, '{"status":"locked"}'::jsonb
      from generate_series(1, ${audits}::int) g
      join accounts a on a.id = (select min(id) from accounts) + (g::bigint * 104729) % 100000
      join nodes n on n.id = a.node_id`),
  );
  await step('past sessions', () =>
    x(sql`insert into sessions (id_hash, account_id, stage, idle_timeout_minutes, absolute_timeout_minutes, created_at, last_seen_at, revoked_at, revoked_reason, ip)
      select md5('s' || g) || md5('t' || g), (select min(id) from accounts) + (g::bigint * 7919) % 100000, 'active', 20, 1440,
        now() - make_interval(hours => g % 8760), now() - make_interval(hours => g % 8760), now() - make_interval(hours => g % 8760), 'signed-out', '10.0.0.1'
      from generate_series(1, 100000) g`),
  );
  // As autovacuum would have by then: statistics, and the visibility map that index-only scans read.
  await step('vacuum analyze', () => x(sql`vacuum analyze`));
  // Written out now rather than by a checkpoint in the middle of the measurements (needs a superuser).
  await step('checkpoint', () => x(sql`checkpoint`).catch(() => undefined));
  const count = async (table: string) => Number(rowsOf<{ n: number }>(await x(sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n);
  return { nodes: await count('nodes'), accounts: await count('accounts'), signIns, audits };
}
