/**
 * The response headers every page and API answer carries (set by proxy.ts). Scripts run only with the
 * per-request nonce (Next.js reads it from the request's Content-Security-Policy and puts it on its
 * own scripts); `strict-dynamic` lets those load the chunks they import. Styles may be inline (React
 * style attributes); images may be data: URLs (the enrolment QR code).
 */
export function contentSecurityPolicy(nonce: string, opts: { https: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function securityHeaders(csp: string, opts: { https: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // Only over https: a browser must not be told to insist on https for a plain-http deployment.
    ...(opts.https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** Served over https: the public URL says so (NEXTAUTH_URL), as it does for the cookie. */
export function servedOverHttps(): boolean {
  return (process.env.NEXTAUTH_URL ?? '').startsWith('https:');
}
