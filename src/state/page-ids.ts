/**
 * Button custom ids for paging. The whole page state travels in the id (≤ 100 characters) so a
 * button works after a restart; a query too long for that is kept in a small SQLite table under
 * a key derived from the text (the same query always gets the same key) and the id carries `@key`.
 */
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { decodePageState, encodePageState, type PageState } from "../present/paging.ts";

export const PAGE_QUERIES_FILE = "page-queries.sqlite";
/** Buttons must work for at least 15 minutes; a month is generous and keeps the table small. */
const KEEP_DAYS = 30;
const KEY_MARK = "@";

export interface QueryStash {
  put(query: string): string;
  get(key: string): string | null;
  close(): void;
}

export interface PageIdCodec {
  /** The custom id for this state, or null when even a stashed query cannot make it fit. */
  encode(state: PageState): string | null;
  /** The state behind a custom id; null when it is not ours or its stashed query is gone. */
  decode(customId: string): PageState | null;
}

function keyFor(query: string): string {
  return createHash("sha256").update(query).digest("base64url").slice(0, 12);
}

export function openQueryStash(stateDir: string, now: () => Date = () => new Date()): QueryStash {
  mkdirSync(stateDir, { recursive: true });
  const db = new Database(join(stateDir, PAGE_QUERIES_FILE));
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.exec(
    "CREATE TABLE IF NOT EXISTS page_queries (key TEXT PRIMARY KEY, query TEXT NOT NULL, used_at TEXT NOT NULL) WITHOUT ROWID",
  );
  const cutoff = new Date(now().getTime() - KEEP_DAYS * 86_400_000).toISOString();
  db.prepare("DELETE FROM page_queries WHERE used_at < ?").run(cutoff);
  const upsert = db.prepare(
    "INSERT INTO page_queries (key, query, used_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET used_at = excluded.used_at",
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
    close: () => db.close(),
  };
}

/** A stash that lives only as long as the process (tests, and a console without state). */
export function memoryQueryStash(): QueryStash {
  const queries = new Map<string, string>();
  return {
    put(query) {
      const key = keyFor(query);
      queries.set(key, query);
      return key;
    },
    get: (key) => queries.get(key) ?? null,
    close: () => queries.clear(),
  };
}

export function createPageIdCodec(stash: QueryStash): PageIdCodec {
  return {
    encode(state) {
      // A query that itself starts with "@" is stashed too, so "@…" in an id always means a key.
      const direct = state.query.startsWith(KEY_MARK) ? null : encodePageState(state);
      if (direct !== null) return direct;
      return encodePageState({ ...state, query: `${KEY_MARK}${stash.put(state.query)}` });
    },
    decode(customId) {
      const state = decodePageState(customId);
      if (state === null || !state.query.startsWith(KEY_MARK)) return state;
      const query = stash.get(state.query.slice(KEY_MARK.length));
      return query === null ? null : { ...state, query };
    },
  };
}
