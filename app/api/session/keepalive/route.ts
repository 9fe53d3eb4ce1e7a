import { currentActor } from '@/lib/auth/request';

export const dynamic = 'force-dynamic';

/** "Stay signed in": the data-layer check itself restarts the idle clock. */
export async function POST() {
  const actor = await currentActor();
  if (!actor || actor.stage !== 'active') return Response.json({ error: 'Authentication required' }, { status: 401 });
  return Response.json({ idleTimeoutMinutes: actor.idleTimeoutMinutes }, { headers: { 'Cache-Control': 'no-store' } });
}
