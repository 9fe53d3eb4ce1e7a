/** JSON answers of the API, shared by the proxy and the route handlers so both say the same. */
export const apiJson = (status: number, body: unknown, extra: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...extra } });

// 401 bodies are all the same: they never say whether the account exists or is locked.
export const unauthorized = () =>
  apiJson(401, { error: 'Authentication required' }, { 'WWW-Authenticate': 'Basic realm="Security Console API", charset="UTF-8"' });
