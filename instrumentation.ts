/**
 * Next.js does not expose the socket peer to route handlers, and it keeps a client-sent
 * X-Forwarded-For as it is. So before any request reaches Next.js we record the peer address in a
 * header of our own, overwriting whatever a client sent under that name (lib/net/client-ip.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installPeerHeader } = await import('./lib/net/peer-hook');
  installPeerHeader();
  // Reminders, inactivity disables and session pruning run with the server (one instance at a time).
  const { startScheduledWork } = await import('./lib/jobs/start');
  startScheduledWork();
}
