import { authenticateApi } from '@/lib/auth/api-auth';

export const dynamic = 'force-dynamic';

/** The caller's own account, as the call's authentication read it (no second read of the same rows). */
export async function GET() {
  const auth = await authenticateApi();
  if (!auth.ok) return auth.response;
  return Response.json(auth.me, { headers: { 'Cache-Control': 'no-store' } });
}
