/**
 * Where a sign-in may continue to: a path on this origin, or `/`. Browsers read `\` as `/` and drop
 * tabs and newlines from URLs, so `/\evil.example` and `/<TAB>/evil.example` mean `//evil.example`;
 * anything but plain printable ASCII is refused outright, then the path is resolved against a
 * placeholder origin and must stay on it.
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return '/';
  if (!/^\/[\x21-\x7e]*$/.test(raw)) return '/';
  if (raw.startsWith('//') || raw.includes('\\')) return '/';
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return '/';
  }
  // An encoded slash, backslash or control character is just as suspicious once decoded.
  if (decoded.startsWith('//') || decoded.includes('\\') || !/^[\x20-\x7e]*$/.test(decoded)) return '/';
  const base = 'https://next.invalid';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  // The sign-in pages themselves are no destination (and would loop).
  if (url.pathname === '/login' || url.pathname.startsWith('/login/') || url.pathname.startsWith('/api/')) return '/';
  return url.pathname + url.search + url.hash;
}
