import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { clientIp, PEER_HEADER, PEER_PROOF } from '@/lib/net/client-ip';
import { installPeerHeader } from '@/lib/net/peer-hook';

/** Serves one request on 127.0.0.1 over real HTTP and returns what clientIp made of its headers. */
async function addressSeen(headers: Record<string, string>, trusted: string[] = []): Promise<string | null> {
  const server = http.createServer((req, res) => res.end(JSON.stringify(clientIp(req.headers, trusted))));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers });
    return JSON.parse(await res.text());
  } finally {
    await new Promise((r) => server.close(r));
  }
}

const peer = (ip: string) => ({ [PEER_HEADER]: `${(globalThis as Record<symbol, unknown>)[PEER_PROOF]} ${ip}` });

// The order matters: the first test runs before the hook is installed (the server's start-up).
describe('client address', () => {
  it('during start-up, before the hook, a client-sent peer header is not believed: the request has no address', async () => {
    expect(await addressSeen({ [PEER_HEADER]: '203.0.113.9', 'x-forwarded-for': '203.0.113.10' })).toBeNull();
  });

  it('with the hook, the socket peer is the address; a client-sent copy of the header is dropped', async () => {
    installPeerHeader();
    expect(await addressSeen({ [PEER_HEADER]: '203.0.113.9' })).toBe('127.0.0.1');
    expect(await addressSeen({ [PEER_HEADER]: 'guess 203.0.113.9', 'x-forwarded-for': '203.0.113.10' })).toBe('127.0.0.1');
  });

  it('without a peer, X-Forwarded-For is never believed', () => {
    expect(clientIp({ 'x-forwarded-for': '198.51.100.7' }, [])).toBeNull();
    expect(clientIp({ [PEER_HEADER]: '198.51.100.7', 'x-forwarded-for': '10.0.0.1' }, ['0.0.0.0/0'])).toBeNull();
  });

  it('is the socket peer; a spoofed X-Forwarded-For from an untrusted peer is ignored', () => {
    expect(clientIp({ ...peer('198.51.100.7'), 'x-forwarded-for': '10.0.0.1' }, [])).toBe('198.51.100.7');
    expect(clientIp({ ...peer('198.51.100.7'), 'x-forwarded-for': '10.0.0.1' }, ['127.0.0.1'])).toBe('198.51.100.7');
  });

  it('walks X-Forwarded-For from the right through trusted proxies only', () => {
    const h = { ...peer('127.0.0.1'), 'x-forwarded-for': '1.1.1.1, 203.0.113.5, 10.0.0.2' };
    expect(clientIp(h, ['127.0.0.1', '10.0.0.0/8'])).toBe('203.0.113.5');
    expect(clientIp(h, ['127.0.0.1'])).toBe('10.0.0.2');
    expect(clientIp(peer('::ffff:127.0.0.1'), [])).toBe('127.0.0.1');
  });
});
