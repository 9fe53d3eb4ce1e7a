import { apiJson, unauthorized } from '@/lib/auth/api-responses';
import { currentActor } from '@/lib/auth/request';

export const dynamic = 'force-dynamic';

/** "Stay signed in": the data-layer check itself restarts the idle clock. */
export async function POST() {
  const actor = await currentActor();
  if (actor?.stage !== 'active') return unauthorized();
  return apiJson(200, { idleTimeoutMinutes: actor.idleTimeoutMinutes });
}
