import { apiJson, unauthorized } from '@/lib/auth/api-responses';
import { checkCurrentRequest } from '@/lib/auth/request';

export const dynamic = 'force-dynamic';

/** "Stay signed in": the data-layer check itself restarts the idle clock. */
export async function POST() {
  const { actor, reason } = await checkCurrentRequest();
  if (reason === 'ip-denied') return apiJson(403, { error: 'Connections from your address are not allowed' });
  if (actor?.stage !== 'active') return unauthorized();
  return apiJson(200, { idleTimeoutMinutes: actor.idleTimeoutMinutes });
}
