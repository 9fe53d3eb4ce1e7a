import { currentActor } from '@/lib/auth/request';
import { loadMe } from '@/lib/users/me';

export const dynamic = 'force-dynamic';

const unauthorized = () =>
  Response.json({ error: 'Authentication required' }, { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="Security Console API"' } });

export async function GET() {
  const actor = await currentActor();
  if (!actor || actor.stage !== 'active') return unauthorized();
  return Response.json(await loadMe(actor.accountId));
}
