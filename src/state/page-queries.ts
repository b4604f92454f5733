/**
 * Search texts too long for a button's custom id, kept in the state database under a short key
 * derived from the text (the same query always gets the same key). Buttons must work for at least
 * 15 minutes; a month is generous and keeps the table small.
 *
 * Before they moved into the state database, these lived in a file of their own
 * (`page-queries.sqlite`); its rows are carried over once, so buttons posted before the upgrade
 * keep paging.
 */
import { createHash } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";

export const LEGACY_PAGE_QUERIES_FILE = "page-queries.sqlite";
const KEEP_DAYS = 30;

export interface QueryStash {
  /** Stores the query (or refreshes its use) and returns its key. */
  put(query: string): string;
  get(key: string): string | null;
}

function keyFor(query: string): string {
  return createHash("sha256").update(query).digest("base64url").slice(0, 12);
}

/** Copies the rows of the old separate file into `page_queries`, then removes the file. */
function importLegacyFile(db: Database.Database, stateDir: string): void {
  const legacy = join(stateDir, LEGACY_PAGE_QUERIES_FILE);
  if (!existsSync(legacy)) return;
  db.prepare("ATTACH DATABASE ? AS legacy").run(legacy);
  try {
    const hasTable = db
      .prepare("SELECT 1 FROM legacy.sqlite_master WHERE type = 'table' AND name = 'page_queries'")
      .get();
    if (hasTable) {
      db.exec(
        `INSERT OR IGNORE INTO main.page_queries (key, query, used_at)
         SELECT key, query, used_at FROM legacy.page_queries`,
      );
    }
  } finally {
    db.exec("DETACH DATABASE legacy");
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${legacy}${suffix}`, { force: true });
}

/** The stash over an open state database whose migrations created `page_queries`. */
export function pageQueryStash(
  db: Database.Database,
  stateDir: string,
  now: () => Date,
): QueryStash {
  importLegacyFile(db, stateDir);
  const cutoff = new Date(now().getTime() - KEEP_DAYS * 86_400_000).toISOString();
  db.prepare("DELETE FROM page_queries WHERE used_at < ?").run(cutoff);
  const upsert = db.prepare(
    `INSERT INTO page_queries (key, query, used_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET used_at = excluded.used_at`,
  );
  const select = db.prepare<[string], { query: string }>(
    "SELECT query FROM page_queries WHERE key = ?",
  );
  return {
    put(query) {
      const key = keyFor(query);
      upsert.run(key, query, now().toISOString());
      return key;
    },
    get: (key) => select.get(key)?.query ?? null,
  };
}
