import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { PEER_HEADER, PEER_PROOF } from './client-ip';

const INSTALLED = Symbol.for('security-console.peer-hook');

/**
 * Writes the socket peer into PEER_HEADER, prefixed with a secret made at start-up, before Next.js
 * sees the request. Whatever a client sent under that name is dropped; and since it cannot know the
 * secret, a copy that slips through (a request served before this hook is installed) is not believed.
 */
export function installPeerHeader(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (...a: unknown[]) => boolean };
  if (proto[INSTALLED]) return;
  const g = globalThis as Record<symbol, unknown>;
  const proof = randomBytes(24).toString('base64url');
  g[PEER_PROOF] = proof;
  proto[INSTALLED] = true;
  const original = proto.emit;
  proto.emit = function emit(this: unknown, event: unknown, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      delete req.headers[PEER_HEADER];
      const peer = req.socket?.remoteAddress;
      if (peer) req.headers[PEER_HEADER] = `${proof} ${peer}`;
    }
    return original.call(this, event, ...args);
  };
}
