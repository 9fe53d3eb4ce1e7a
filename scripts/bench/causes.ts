// What the figures of docs/benchmarks.md mean: the cause behind each target, met or not, as found by
// reading the code and EXPLAIN on the large organisation. Keys: signin, basic, throttle, enforce,
// policy, page:<path>, js:<path>; `<key>.met` is shown when the target is met.
export const CAUSES: Record<string, string> = {
  'signin.met': 'One POST per sign-in: the CSRF token comes with /login (proxy.ts mints it), no providers/csrf/session fetches.',
  signin:
    'Beyond the hash, a sign-in is one Next.js request through next-auth’s callback plus ~12 statements (source check, account, policy and settings, two counter claims and their refunds, the session transaction). On a machine this loaded, each round trip costs milliseconds; see the in-process table.',
  'basic.met': 'Verified Basic credentials are cached 60 s (lib/auth/credential-cache.ts); every other check still runs per call.',
  basic:
    'With the credential cache a call costs the source check, the account, its policy and settings and the /me read (5 statements) against the cookie route’s 2 (proxy and data-layer check); the hash is paid only once a minute per credential.',
  'throttle.met': 'A throttled source is refused after one indexed statement (checkSource), before any account lookup, hash or log row.',
  throttle:
    'A throttled source is refused after one indexed statement (checkSource), before any lookup, hash or log row; what remains is the Next.js route itself and that one round trip.',
  'enforce.met':
    'One statement: session, timeouts, account status and the IP allowlists of the node and its ancestors; the idle clock is written at most every 15 s.',
  enforce:
    'The proxy and the data layer each run the one-statement check (session, timeouts, status, allowlists; the idle clock written at most every 15 s). The rest is two round trips on a loaded database: compare with the round-trip floor in the in-process table.',
  'policy.met': 'One statement over the node’s ancestors.',
  policy:
    'One indexed statement over the node’s ancestors (EXPLAIN: index scans, well under a millisecond of execution); the figure is that round trip, whose floor on this loaded machine is in the in-process table.',
  'page:/users/setup/security':
    'Pickers no longer list 10,000 nodes (bounded to 200 with a search); the page runs ~6 indexed statements, so its time is Next.js rendering plus round trips on a loaded machine.',
  'page:/users/setup/credential-policies':
    'Pickers bounded; policy usage now uses accounts_credential_policy_idx (was a scan of 100,000 accounts, 74 ms).',
  'page:/users':
    'Pickers bounded; the count stops 1,000 accounts past the page (an exact count of 100,000 joined rows took 110–240 ms); the first page is an incremental sort over nodes_path_key and accounts_node_idx.',
  'page:/users/bench.viewed': 'The node choice in Account Information is bounded (was every node of the subtree, ~1 MB of HTML).',
  'js:/login':
    'The framework alone (React, Next.js runtime) is 132 KB gzip / 114 KB brotli on every page; the form no longer loads next-auth’s client, zod or react-hook-form.',
  'js:/login/change-password':
    'The blocklist and strength dictionaries (~245 KB) load after first paint; what remains above the framework is the shared form stack (zod, react-hook-form) of the password form.',
};

export const ANALYSIS = `## Reading

- Every figure comes from one run; the machine is shared with other engineers' builds and browser
  tests, so the load average above is part of the result. Ratios measured side by side are what count.
- L = 1 / (1/H + 1/R) is what one hash plus one HTTP request that does nothing would allow.
- Page times are the full response (server render and transfer) seen by one client, for a Manager at
  sys.hcs, i.e. the top of the 10,000-node tree.
- First-load JS excludes \`nomodule\` polyfills, which modern browsers do not fetch.
`;
