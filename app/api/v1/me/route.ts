import { authenticateApi } from '@/lib/auth/api-auth';
import { db } from '@/lib/db';
import { loadMe } from '@/lib/users/queries';

export const dynamic = 'force-dynamic';

export async function GET() {
  const auth = await authenticateApi();
  if (!auth.ok) return auth.response;
  return Response.json(await loadMe(db(), auth.actor.accountId), { headers: { 'Cache-Control': 'no-store' } });
}
