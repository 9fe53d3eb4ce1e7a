import { describe, expect, it } from 'vitest';
import { safeNextPath } from '@/lib/auth/next-path';

describe('where a sign-in may continue to', () => {
  it.each([
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '//evil',
    'https://evil',
    '/%2F%2Fevil.example',
    '%2F%2Fevil.example',
    '/%5C%5Cevil.example',
    '/%5Cevil.example',
    '/%09/evil.example',
    'https:%2F%2Fevil.example',
    'javascript:alert(1)',
    '/login',
    '/login/two-factor',
    '/api/v1/me',
    '',
    undefined,
    ['/account'],
  ])('%j goes to /', (raw) => {
    expect(safeNextPath(raw)).toBe('/');
  });

  it.each([
    ['/account', '/account'],
    ['/users/alice.contoso?tab=security', '/users/alice.contoso?tab=security'],
    ['/users?q=alice%20smith', '/users?q=alice%20smith'],
  ])('%s stays %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });
});
