// npm run demo: migrate, seed an empty database, build if needed, and serve the console.

import path from 'node:path';
import { build, buildIsFresh, root, startServer, tsx } from './lib/proc.mjs';

const port = Number(process.env.PORT ?? 3000);
const env = { DATA_DIR: process.env.DATA_DIR ?? path.join(root, '.data') };

tsx('scripts/seed.ts', ['--if-empty'], env);
if (!buildIsFresh()) build();
// Only this machine can reach the demo unless HOST says otherwise (HOST=0.0.0.0 for every interface).
const server = await startServer({ port, env, hostname: process.env.HOST || '127.0.0.1' });
console.log(`
Security Console is running at ${server.url}
${process.env.DATABASE_URL ? 'Database: PostgreSQL (DATABASE_URL)' : `Database: embedded, in ${env.DATA_DIR}`}
Demo accounts (password Console-Demo-7412!):
  operator            System operator, sys
  manager.acme        Manager, Primary Contact, sys.hcs.acme
  manager.contoso     Manager, Primary Contact, sys.hcs.acme.north.contoso
  unit.contoso        Unit Manager, sys.hcs.acme.north.contoso
  useradmin.contoso   User Administrator, sys.hcs.acme.north.contoso
  alice.contoso       User, sys.hcs.acme.north.contoso
  api.contoso         User, API only, sys.hcs.acme.north.contoso
  manager.globex      Manager, Primary Contact, sys.hcs.globex
Press Ctrl+C to stop.`);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.stop().then(() => process.exit(0)));
server.proc.on('exit', (code) => process.exit(code ?? 0));
