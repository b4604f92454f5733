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

/** The state database cannot be used: the message names the file and what to do. */
export class StateDatabaseError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = "StateDatabaseError";
  }
}

/** Problems SQLite's quick_check reports beyond this many are only counted. */
const QUICK_CHECK_ROWS = 5;

/**
 * Refuses a damaged database. A damaged page can make a table read as empty (every subscription
 * silently gone) or fail only when a digest is recorded: better to stop at start with the file's
 * name. quick_check reads every page once but skips comparing indexes with their tables, which a
 * full integrity_check would add.
 */
function checkIntegrity(db: Database.Database, path: string): void {
  let problems: string[];
  try {
    // Rows can hold several lines ("*** in database main ***\nPage 14: never used"): one line.
    problems = (db.pragma(`quick_check(${QUICK_CHECK_ROWS})`) as Array<{ quick_check: string }>)
      .flatMap((row) => row.quick_check.split("\n"))
      .filter((text) => text !== "ok" && !text.startsWith("***"));
  } catch (error) {
    problems = [(error as Error).message];
  }
  if (problems.length === 0) return;
  throw new StateDatabaseError(
    `state database ${path} is damaged (SQLite quick_check: ${problems.join("; ")}); jiwon will not run on it. Restore the file from a backup, or move it aside to start again without subscriptions, alerts and reminder history.`,
    path,
  );
}

/** Why SQLite could not open or use the file, with what to do about it. */
function openFailure(error: unknown, path: string): StateDatabaseError {
  if (error instanceof StateDatabaseError) return error;
  const { code, message } = error as { code?: string; message: string };
  const hint =
    code === "SQLITE_CANTOPEN"
      ? " (is JIWON_STATE_DIR a directory jiwon may write to?)"
      : code === "SQLITE_NOTADB"
        ? " (the file is not a SQLite database: move it aside)"
        : code === "SQLITE_CORRUPT"
          ? " (the file is damaged: restore it from a backup, or move it aside)"
          : "";
  return new StateDatabaseError(`state database ${path}: ${message}${hint}`, path);
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
  try {
    mkdirSync(stateDir, { recursive: true });
  } catch (error) {
    throw new StateDatabaseError(`state directory ${stateDir}: ${(error as Error).message}`, path);
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    checkIntegrity(db, path);
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    throw openFailure(error, path);
  }
}
