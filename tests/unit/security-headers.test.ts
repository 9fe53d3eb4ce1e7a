import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '@/lib/net/security-headers';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('security headers and cookie', () => {
  it('over https: HSTS and upgrade-insecure-requests; over http neither', () => {
    const https = securityHeaders(contentSecurityPolicy('n0nce', { https: true, dev: false }), { https: true });
    expect(https['Strict-Transport-Security']).toContain('max-age=');
    expect(https['Content-Security-Policy']).toContain('upgrade-insecure-requests');
    const http = securityHeaders(contentSecurityPolicy('n0nce', { https: false, dev: false }), { https: false });
    expect(http['Strict-Transport-Security']).toBeUndefined();
    expect(http['Content-Security-Policy']).not.toContain('unsafe-eval');
    expect(http['Content-Security-Policy']).toContain("script-src 'self' 'nonce-n0nce' 'strict-dynamic'");
  });

  it('over https the session cookie is __Host- prefixed and Secure', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://console.example');
    const token = await import('@/lib/sessions/token');
    expect(token.SESSION_COOKIE).toBe('__Host-sc.session');
    expect(token.sessionCookieOptions()).toMatchObject({ secure: true, path: '/', httpOnly: true });
  });

  it('over http the cookie keeps its plain name (a browser refuses __Host- without Secure)', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000');
    const token = await import('@/lib/sessions/token');
    expect(token.SESSION_COOKIE).toBe('sc.session');
  });

  it('the data folder is created readable by its owner only', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sc-data-')), 'data');
    vi.stubEnv('DATA_DIR', dir);
    vi.stubEnv('NEXTAUTH_SECRET', undefined);
    const { authSecret } = await import('@/lib/auth/secret');
    authSecret();
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, 'auth-secret')).mode & 0o777).toBe(0o600);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });
});
