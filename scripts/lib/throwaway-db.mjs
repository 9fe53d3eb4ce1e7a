// One throwaway database for a test run, shared by scripts/test.mjs (the browser tests' server) and
// tests/support/test-db.ts (each integration test file), so both create and drop databases alike.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

/**
 * A fresh PostgreSQL database under TEST_DATABASE_URL (the server must let its user create databases),
 * or, when that is unset, an empty temporary folder for the embedded PGlite store. `url` is undefined
 * for PGlite; `dataDir` always exists (PGlite's store, and the folder for the generated auth secret).
 * `drop()` removes the database and the folder.
 *
 * @param {{ label?: string }} [opts] `label` names the database and folder (`sc_<label>_…`), so a
 *   leftover from a killed run shows where it came from. Lower-case letters and digits only.
 * @returns {Promise<import('./throwaway-db.d.mts').ThrowawayDatabase>}
 */
export async function createThrowawayDatabase({ label = 'test' } = {}) {
  // The name goes into SQL unquoted; only a label that cannot carry anything else is accepted.
  if (!/^[a-z0-9]+$/.test(label)) throw new Error(`throwaway database label must be [a-z0-9]+, got ${JSON.stringify(label)}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `sc-${label}-`));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return { url: undefined, dataDir, drop: async () => removeDir() };

  const name = `sc_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = () => postgres(base, { max: 1, onnotice: () => {} });
  const a = admin();
  try {
    await a.unsafe(`create database ${name}`);
  } catch (err) {
    removeDir();
    throw err;
  } finally {
    await a.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      const d = admin();
      try {
        await d.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await d.end();
        removeDir();
      }
    },
  };
}
