// What the figures of docs/benchmarks.md mean: the cause behind each target, met or not, as found by
// reading the code and EXPLAIN on the large organisation. Keys: signin, basic, throttle, enforce,
// policy, page:<path>, js:<path>; `<key>.met` is shown when the target is met.
export const CAUSES: Record<string, string> = {
  'signin.met': 'One POST per sign-in: the CSRF token comes with /login (proxy.ts mints it), no providers/csrf/session fetches.',
  signin:
    'A sign-in is now four statements and three commits beyond the hash (source check with its claim, account with the configuration version, account claim, and one statement for session, refunds and log row; it was sixteen and five), with the effective policy and settings from the per-instance cache. Measured by hand against the same server (2026-12-07, this machine): with a trivial authorize next-auth’s callback answers 480/s against 600/s for the no-check route, and with the hash replaced by a comparison a full sign-in runs at 215/s, so next-auth costs ~0.4 ms and our statements and decision ~5 ms of CPU per sign-in; the rest of the gap is that a hash (on libuv’s threads) and a request (on the main thread and PostgreSQL) do not add up linearly on 2 cores. Turning synchronous_commit off gained 4% and UV_THREADPOOL_SIZE nothing; neither was kept. Seven runs on 2026-12-07 after these changes gave 0.49–0.69 × L (before them: 0.34 × L, and on a machine where a stuck scheduled query held a core).',
  'basic.met':
    'Verified Basic credentials are cached 60 s (lib/auth/credential-cache.ts); a cached call is two statements (source check; account with the configuration version, policy and settings from the cache) and /me answers from them; status, allowlist, throttle and expiry are still decided per call.',
  basic:
    'With the credential cache a call costs the source check and the account with the configuration version (policy and settings cached), against the cookie route’s one statement.',
  'throttle.met': 'A throttled source is refused after one indexed statement (checkSource), before any account lookup, hash or log row.',
  throttle:
    'A throttled source is refused after one indexed statement (checkSource), before any lookup, hash or log row; what remains is the Next.js route itself and that one round trip.',
  'enforce.met':
    'One statement in the data layer (session, timeouts, account status, the IP allowlists of the node and its ancestors; the idle clock written at most every 15 s); the proxy no longer repeats it for API routes.',
  enforce:
    'The data layer’s one-statement check (session, timeouts, status, allowlists); the rest is that round trip on a loaded machine: compare with the round-trip floor in the in-process table.',
  'policy.met':
    'One prepared statement over the node’s ancestors, built once per database handle; sign-ins and API calls take it from the per-instance cache checked against config_version.',
  policy:
    'One prepared statement over the node’s ancestors (EXPLAIN: index scans, well under a millisecond of execution), built once per database handle; sign-ins and API calls take it from the per-instance cache (the sign-in context row of the in-process table). The figure is the round trip on a loaded machine: compare with its floor.',
  'page:/':
    'The overview counts expiring passwords, and a password expires by its account’s policy (months and notice days differ per policy), so no index finds them: every active account of the subtree is joined to its policy, each node’s policy found by one walk down the tree. That read took 1.2 s (a correlated LIKE per account before that: over half an hour); it is now ~160 ms at 100,000 accounts. Further: an index on the password change date per distinct (months, notice) pair, or an expiry date kept on the account.',
  'page:/users/setup/expiring-passwords':
    'The same read as the overview’s expiring count (see Overview); the page lists the 200 soonest (it carried every expiring account of the subtree, 1.8 MB of HTML).',
  'page:/users/setup/sign-in-log.met':
    'The node filter searches a large subtree instead of listing it (it listed all 10,000 nodes: 3.5 MB of HTML, 360 ms).',
  'page:/users/setup/audit-log.met':
    'The node filter searches a large subtree instead of listing it (it listed all 10,000 nodes: 3.5 MB of HTML, 300 ms).',
  'page:/users/setup/security':
    'Pickers no longer list 10,000 nodes (bounded to 200 with a search); the page runs ~6 indexed statements, so its time is Next.js rendering plus round trips on a loaded machine.',
  'page:/users/setup/credential-policies':
    'Pickers bounded; policy usage now uses accounts_credential_policy_idx (was a scan of 100,000 accounts, 74 ms).',
  'page:/users':
    'Pickers bounded; the count stops 1,000 accounts past the page (an exact count of 100,000 joined rows took 110–240 ms); the first page is an incremental sort over nodes_path_key and accounts_node_idx.',
  'page:/users/bench.viewed': 'The node choice in Account Information is bounded (was every node of the subtree, ~1 MB of HTML).',
  'js:/login': 'Next.js and React alone are about 114 KB brotli on every page; the form loads neither next-auth’s client, zod nor react-hook-form.',
  'js:/login/change-password':
    'Next.js and React are about 114 KB brotli; the page’s own chunks and the live checklist (rules, blocklist loader) add ~8 KB before the form, whose chunk is ~38 KB: zod 4 classic (the shared schema) and react-hook-form. Bundled alone (esbuild, brotli) zod/mini is 4.5 KB against 75 KB for classic and react-hook-form with its resolver 12 KB, so even a form on zod/mini without react-hook-form would land near 130 KB: the target needs a smaller framework share, not only a smaller form. Left as it is.',
};

export const ANALYSIS = `## Reading

- Every figure comes from one run; the machine is shared with other engineers' builds and browser
  tests, so the load average above is part of the result. Ratios measured side by side are what count.
- L = 1 / (1/H + 1/R) is what one hash plus one HTTP request that does nothing would allow.
- Page times are the full response (server render and transfer) seen by one client, for a Manager at
  sys.hcs, i.e. the top of the 10,000-node tree.
- First-load JS excludes \`nomodule\` polyfills (Next.js writes \`noModule\`), which modern browsers do not fetch.
- The measured server runs without its scheduled work (JOBS_INTERVAL_SECONDS=0); that work's read of
  every account is timed on its own in the in-process table. Until this run it resolved each account's
  policy with a correlated LIKE and ran for over half an hour at 100,000 accounts, holding a core of
  every earlier run: compare the figures of earlier runs with care.
`;
