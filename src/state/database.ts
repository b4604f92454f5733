/**
 * The one state database: `jiwon.sqlite` under the state directory, opened the same way by
 * everything that keeps state (subscriptions and the reminder ledger in store.ts, alerts in
 * alerts.ts, fetched articles and source status in articles.ts), in WAL mode so readers never wait for the fetcher, and
 * migrated forward by one list of schema steps.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { ALERTS_SCHEMA } from "./alerts.ts";

export const STORE_FILE = "jiwon.sqlite";

/** Each entry moves the schema one `user_version` forward; never edit a shipped entry. */
export const MIGRATIONS: readonly string[] = [
  // v1: subscriptions and the reminder ledger (store.ts).
  `CREATE TABLE subscriptions (
     guild_id TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     region TEXT,
     category TEXT,
     hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     last_error TEXT,
     last_error_at TEXT,
     failing_since TEXT,
     PRIMARY KEY (guild_id, channel_id)
   ) WITHOUT ROWID;
   CREATE TABLE reminder_ledger (
     guild_id TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     article_id TEXT NOT NULL,
     deadline TEXT NOT NULL,
     offset_days INTEGER NOT NULL,
     digest_date TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
     message_id TEXT,
     claimed_at TEXT NOT NULL,
     PRIMARY KEY (guild_id, channel_id, article_id, deadline, offset_days)
   ) WITHOUT ROWID;
   CREATE INDEX reminder_ledger_by_digest ON reminder_ledger (guild_id, channel_id, digest_date);
   CREATE TABLE digest_runs (
     guild_id TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     digest_date TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
     nonce TEXT NOT NULL,
     message_id TEXT,
     attempts INTEGER NOT NULL,
     claimed_at TEXT NOT NULL,
     error TEXT,
     PRIMARY KEY (guild_id, channel_id, digest_date)
   ) WITHOUT ROWID;`,
  // v2: the language of each subscription's digest.
  `ALTER TABLE subscriptions
     ADD COLUMN locale TEXT NOT NULL DEFAULT 'ko' CHECK (locale IN ('ko', 'en'));`,
  // v3: the page-query stash (page-queries.ts).
  `CREATE TABLE page_queries (
     key TEXT PRIMARY KEY,
     query TEXT NOT NULL,
     used_at TEXT NOT NULL
   ) WITHOUT ROWID;`,
  // v4: alerts, their inbox of arrivals, the ledger and the posts (alerts.ts).
  ALERTS_SCHEMA,
  // v5: fetched articles, each source's fetch status, and HTTP validators (articles.ts).
  // `rev` is a store-wide counter bumped by every insert or change: readers ask for what changed
  // after the revision they have, and (instance, count, max rev) identifies the store's contents.
  `CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
   INSERT INTO store_meta (key, value) VALUES ('instance', lower(hex(randomblob(8)))), ('rev', '0');
   CREATE TABLE fetched_articles (
     source TEXT NOT NULL,
     item_id TEXT NOT NULL,
     rev INTEGER NOT NULL UNIQUE,
     url TEXT,
     title TEXT,
     body TEXT NOT NULL,
     outlet TEXT,
     published_at TEXT,
     first_seen_at TEXT NOT NULL,
     changed_at TEXT NOT NULL,
     content_hash TEXT NOT NULL,
     declared TEXT,
     PRIMARY KEY (source, item_id)
   );
   CREATE INDEX fetched_articles_by_first_seen ON fetched_articles (source, first_seen_at);
   CREATE TABLE source_status (
     name TEXT PRIMARY KEY,
     failures INTEGER NOT NULL DEFAULT 0,
     last_attempt_at TEXT,
     last_success_at TEXT,
     last_error TEXT,
     last_error_at TEXT,
     retry_at TEXT,
     paused_at TEXT,
     config_hash TEXT
   ) WITHOUT ROWID;
   CREATE TABLE http_validators (
     url TEXT PRIMARY KEY,
     etag TEXT,
     last_modified TEXT,
     saved_at TEXT NOT NULL
   ) WITHOUT ROWID;`,
];

export function stateDatabasePath(stateDir: string): string {
  return join(stateDir, STORE_FILE);
}

function migrate(db: Database.Database): void {
  // Inside an immediate transaction: a CLI fetch and the bot opening at once migrate only once.
  db.transaction(() => {
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(
        `state database schema v${version} is newer than this jiwon (v${MIGRATIONS.length})`,
      );
    }
    for (const sql of MIGRATIONS.slice(version)) db.exec(sql);
    if (version < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

export interface OpenStateOptions {
  fileName?: string;
  /** Open only when the file already exists (readers such as the CLI never create state). */
  mustExist?: boolean;
}

/**
 * Opens (creating the directory and file unless `mustExist`) and migrates the state database.
 * Returns null when `mustExist` is set and there is no database yet.
 */
export function openStateDatabase(
  stateDir: string,
  options: OpenStateOptions & { mustExist: true },
): Database.Database | null;
export function openStateDatabase(stateDir: string, options?: OpenStateOptions): Database.Database;
export function openStateDatabase(
  stateDir: string,
  options: OpenStateOptions = {},
): Database.Database | null {
  const path = join(stateDir, options.fileName ?? STORE_FILE);
  if (options.mustExist && !existsSync(path)) return null;
  mkdirSync(stateDir, { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
