import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ActionActor, ActionDefinition } from '@/lib/actions/run';
import { runAction } from '@/lib/actions/run';
import type { Db } from '@/lib/db/connect';
import { accounts, nodes } from '@/lib/db/schema';

/** The actor of a real account, as the session check would produce it. */
export async function actorOf(db: Db, username: string, ip = '192.0.2.10'): Promise<ActionActor> {
  const [a] = await db
    .select({
      accountId: accounts.id,
      username: accounts.username,
      role: accounts.role,
      nodePath: nodes.path,
      apiOnly: accounts.apiOnly,
      isPrimaryContact: accounts.isPrimaryContact,
    })
    .from(accounts)
    .innerJoin(nodes, eq(nodes.id, accounts.nodeId))
    .where(sql`lower(${accounts.username}) = ${username}`);
  if (!a) throw new Error(`no account ${username}`);
  return { ...a, stage: 'active', ip };
}

export function form(entries: Record<string, string | boolean | number | undefined>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) {
    if (v === undefined || v === false) continue; // an unticked checkbox is absent
    f.append(k, v === true ? 'on' : String(v));
  }
  return f;
}

/** Runs an action definition as `username` with crafted form data, exactly as a direct POST would. */
export async function runAs<S extends z.ZodType, R>(
  db: Db,
  username: string,
  def: ActionDefinition<S, R>,
  entries: Record<string, string | boolean | number | undefined>,
  ip?: string,
) {
  const actor = await actorOf(db, username, ip);
  return runAction(def, { db, actor: async () => actor }, form(entries));
}
