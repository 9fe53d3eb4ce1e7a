export interface ThrowawayDatabase {
  /** postgres:// URL of the new database; undefined when the run uses the embedded PGlite store. */
  url: string | undefined;
  /** A new temporary folder: PGlite's store when `url` is undefined, and the server's DATA_DIR. */
  dataDir: string;
  /** Drops the database (if any) and removes the folder. */
  drop(): Promise<void>;
}

export function createThrowawayDatabase(opts?: { label?: string }): Promise<ThrowawayDatabase>;
