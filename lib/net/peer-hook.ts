import http from 'node:http';
import { PEER_HEADER } from './client-ip';

const INSTALLED = Symbol.for('security-console.peer-hook');

export function installPeerHeader(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (...a: unknown[]) => boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const original = proto.emit;
  proto.emit = function emit(this: unknown, event: unknown, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? '';
    }
    return original.call(this, event, ...args);
  };
}
