import { authenticateApi } from '@/lib/auth/api-auth';
import { loadMe } from '@/lib/users/me';

export const dynamic = 'force-dynamic';

export async function GET() {
  const auth = await authenticateApi();
  if (!auth.ok) return auth.response;
  return Response.json(await loadMe(auth.accountId), { headers: { 'Cache-Control': 'no-store' } });
}
