/**
 * Every article ever fetched, kept in the state database (database.ts, schema v2) beside each
 * source's fetch status and the HTTP validators (ETag / Last-Modified) of the URLs fetched.
 *
 * An item is identified by its source and its own id (guid, API id, URL). Saving the same item
 * again changes nothing; an item whose content hash differs (a 연장 공고 moving its deadline)
 * replaces the stored text and gets a new revision. A batch is one transaction, so a crash mid-fetch
 * leaves either the whole batch or none of it. Revisions grow store-wide: readers ask for what
 * changed after the revision they have (the running bot), and the store's contents are named by
 * (instance, count, highest revision) for the index snapshot's source hash.
 */
import { resolve } from "node:path";
import type Database from "better-sqlite3";
import type { RawRecord } from "../ingest/record.ts";
import type { ExtraRecords } from "../ingest/sources.ts";
import type { Declared } from "../types.ts";
import { openStateDatabase } from "./database.ts";

/** An item as a fetcher hands it over for storage. */
export interface ItemToStore {
  itemId: string;
  url: string | null;
  title: string | null;
  body: string;
  /** The outlet or agency the article is from (defaults to the source's name when null). */
  outlet: string | null;
  /** ISO instant (`2025-04-01T00:00:00.000Z`) or Seoul date (`2025-04-01`); null when unknown. */
  publishedAt: string | null;
  declared: Declared | null;
  /** Hash of what the source said about the item: equal hashes mean nothing changed. */
  contentHash: string;
}

export interface StoredArticle extends ItemToStore {
  source: string;
  rev: number;
  firstSeenAt: string;
  changedAt: string;
}

export interface SaveOutcome {
  added: StoredArticle[];
  updated: Array<{ article: StoredArticle; previous: StoredArticle }>;
  unchanged: number;
}

export interface SourceStatus {
  name: string;
  /** Failures in a row since the last success. */
  failures: number;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Not before this instant (back-off, Retry-After); null when free to run on schedule. */
  retryAt: string | null;
  /** Set when the source was paused after too many failures; null while it runs. */
  pausedAt: string | null;
  /** The source's configuration when last seen: a change resumes a paused source. */
  configHash: string | null;
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export interface FailureRecord {
  at: string;
  error: string;
  retryAt: string | null;
  /** Pause once this many failures in a row have happened. */
  pauseAfter: number;
}

/** Everything stored, read at one moment, with the key naming that state. */
export interface StoreContents {
  key: string;
  head: number;
  articles: StoredArticle[];
}

export interface ArticleStore {
  readonly path: string;
  /** Content hashes of the given items already stored for this source. */
  knownHashes(source: string, itemIds: readonly string[]): Map<string, string>;
  save(source: string, items: readonly ItemToStore[], now: Date): SaveOutcome;
  /** The highest revision stored (0 when empty). */
  head(): number;
  /** Names the store's contents: changes whenever an article is added or changed. */
  stateKey(): string;
  changedSince(rev: number): StoredArticle[];
  readAll(): StoreContents;
  /** Articles of a source first seen at or after `since` (ISO instant). */
  countAddedSince(source: string, since: string): number;
  status(name: string): SourceStatus | null;
  statuses(): SourceStatus[];
  recordSuccess(name: string, at: string): SourceStatus;
  recordFailure(name: string, failure: FailureRecord): SourceStatus;
  /** Clears a pause and the failure count; false when the source was not paused. */
  resume(name: string): boolean;
  /** Remembers the configuration; a paused source whose configuration changed is resumed. */
  syncConfig(name: string, configHash: string): { resumed: boolean };
  validators(url: string): Validators | null;
  saveValidators(url: string, validators: Validators, at: string): void;
  close(): void;
}

interface ArticleRow {
  source: string;
  item_id: string;
  rev: number;
  url: string | null;
  title: string | null;
  body: string;
  outlet: string | null;
  published_at: string | null;
  first_seen_at: string;
  changed_at: string;
  content_hash: string;
  declared: string | null;
}

interface StatusRow {
  name: string;
  failures: number;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  retry_at: string | null;
  paused_at: string | null;
  config_hash: string | null;
}

function parseDeclared(text: string | null): Declared | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Declared) : null;
  } catch {
    return null;
  }
}

function toArticle(row: ArticleRow): StoredArticle {
  return {
    source: row.source,
    itemId: row.item_id,
    rev: row.rev,
    url: row.url,
    title: row.title,
    body: row.body,
    outlet: row.outlet,
    publishedAt: row.published_at,
    firstSeenAt: row.first_seen_at,
    changedAt: row.changed_at,
    contentHash: row.content_hash,
    declared: parseDeclared(row.declared),
  };
}

function toStatus(row: StatusRow): SourceStatus {
  return {
    name: row.name,
    failures: row.failures,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    retryAt: row.retry_at,
    pausedAt: row.paused_at,
    configHash: row.config_hash,
  };
}

/** An article id that stays readable for short item ids and bounded for long ones (URLs). */
export function storedArticleId(source: string, itemId: string): string {
  if (/^[A-Za-z0-9_.-]{1,64}$/.test(itemId)) return `${source}:${itemId}`;
  // FNV-1a over the UTF-16 units, twice with different seeds: 64 bits, no crypto needed.
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < itemId.length; i++) {
    const c = itemId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, "0");
  return `${source}:${hex(a)}${hex(b)}`;
}

/** Where a stored article is reported from: `store:<source>#<item id>`. */
export function storedOrigin(article: Pick<StoredArticle, "source" | "itemId">) {
  return { file: `store:${article.source}#${article.itemId}`, line: 0 };
}

/** A stored article as an ingest record: it then passes the same validation as a dump's. */
export function storedRecord(article: StoredArticle): RawRecord {
  return {
    id: storedArticleId(article.source, article.itemId),
    url: article.url,
    urlIsArticle: article.url !== null,
    title: article.title,
    // An item without a date was published no later than it was first seen.
    publishedAt: article.publishedAt ?? article.firstSeenAt,
    source: article.outlet ?? article.source,
    reporter: null,
    body: article.body,
    declared: article.declared,
    origin: storedOrigin(article),
  };
}

export function openArticleStore(
  stateDir: string,
  options: { mustExist: true },
): ArticleStore | null;
export function openArticleStore(stateDir: string): ArticleStore;
export function openArticleStore(
  stateDir: string,
  options: { mustExist?: boolean } = {},
): ArticleStore | null {
  const db = options.mustExist
    ? openStateDatabase(stateDir, { mustExist: true })
    : openStateDatabase(stateDir);
  return db === null ? null : articleStoreOn(db);
}

function articleStoreOn(db: Database.Database): ArticleStore {
  const sql = {
    instance: db.prepare<[], string>("SELECT value FROM store_meta WHERE key = 'instance'").pluck(),
    nextRev: db
      .prepare<[], string>(
        "UPDATE store_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'rev' RETURNING value",
      )
      .pluck(),
    counts: db.prepare<[], { n: number; head: number | null }>(
      "SELECT count(*) AS n, max(rev) AS head FROM fetched_articles",
    ),
    hashes: db.prepare<[string, string], { item_id: string; content_hash: string }>(
      `SELECT item_id, content_hash FROM fetched_articles
       WHERE source = ? AND item_id IN (SELECT value FROM json_each(?))`,
    ),
    get: db.prepare<[string, string], ArticleRow>(
      "SELECT * FROM fetched_articles WHERE source = ? AND item_id = ?",
    ),
    insert: db.prepare(
      `INSERT INTO fetched_articles (source, item_id, rev, url, title, body, outlet, published_at,
         first_seen_at, changed_at, content_hash, declared)
       VALUES (@source, @itemId, @rev, @url, @title, @body, @outlet, @publishedAt,
         @now, @now, @contentHash, @declared)`,
    ),
    update: db.prepare(
      `UPDATE fetched_articles SET rev = @rev, url = @url, title = @title, body = @body,
         outlet = @outlet, published_at = @publishedAt, changed_at = @now,
         content_hash = @contentHash, declared = @declared
       WHERE source = @source AND item_id = @itemId`,
    ),
    since: db.prepare<[number], ArticleRow>(
      "SELECT * FROM fetched_articles WHERE rev > ? ORDER BY rev",
    ),
    all: db.prepare<[], ArticleRow>("SELECT * FROM fetched_articles ORDER BY rev"),
    addedSince: db
      .prepare<[string, string], number>(
        "SELECT count(*) FROM fetched_articles WHERE source = ? AND first_seen_at >= ?",
      )
      .pluck(),
    status: db.prepare<[string], StatusRow>("SELECT * FROM source_status WHERE name = ?"),
    statuses: db.prepare<[], StatusRow>("SELECT * FROM source_status ORDER BY name"),
    ensureStatus: db.prepare("INSERT OR IGNORE INTO source_status (name) VALUES (?)"),
    success: db.prepare(
      `UPDATE source_status SET failures = 0, last_attempt_at = @at, last_success_at = @at,
         retry_at = NULL WHERE name = @name`,
    ),
    failure: db.prepare(
      `UPDATE source_status SET failures = failures + 1, last_attempt_at = @at,
         last_error = @error, last_error_at = @at, retry_at = @retryAt,
         paused_at = CASE WHEN paused_at IS NULL AND failures + 1 >= @pauseAfter THEN @at
                          ELSE paused_at END
       WHERE name = @name`,
    ),
    resume: db.prepare(
      `UPDATE source_status SET paused_at = NULL, failures = 0, retry_at = NULL
       WHERE name = ? AND paused_at IS NOT NULL`,
    ),
    setConfig: db.prepare("UPDATE source_status SET config_hash = ? WHERE name = ?"),
    validators: db.prepare<[string], { etag: string | null; last_modified: string | null }>(
      "SELECT etag, last_modified FROM http_validators WHERE url = ?",
    ),
    saveValidators: db.prepare(
      `INSERT INTO http_validators (url, etag, last_modified, saved_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
         last_modified = excluded.last_modified, saved_at = excluded.saved_at`,
    ),
    forgetValidators: db.prepare("DELETE FROM http_validators WHERE url = ?"),
  };

  const instance = sql.instance.get() ?? "unknown";
  const stateKey = () => {
    const { n, head } = sql.counts.get() ?? { n: 0, head: null };
    return `${instance}:${n}:${head ?? 0}`;
  };
  const requireStatus = (name: string): SourceStatus => {
    const row = sql.status.get(name);
    if (!row) throw new Error(`no status row for source ${name}`);
    return toStatus(row);
  };

  function save(source: string, items: readonly ItemToStore[], now: Date): SaveOutcome {
    const stamp = now.toISOString();
    const outcome: SaveOutcome = { added: [], updated: [], unchanged: 0 };
    for (const item of items) {
      const previous = sql.get.get(source, item.itemId);
      if (previous && previous.content_hash === item.contentHash) {
        outcome.unchanged++;
        continue;
      }
      const rev = Number(sql.nextRev.get());
      const params = {
        ...item,
        source,
        rev,
        now: stamp,
        declared: item.declared ? JSON.stringify(item.declared) : null,
      };
      if (previous) {
        sql.update.run(params);
        const stored = sql.get.get(source, item.itemId) as ArticleRow;
        outcome.updated.push({ article: toArticle(stored), previous: toArticle(previous) });
      } else {
        sql.insert.run(params);
        outcome.added.push(toArticle(sql.get.get(source, item.itemId) as ArticleRow));
      }
    }
    return outcome;
  }

  return {
    path: db.name,
    knownHashes(source, itemIds) {
      const rows = sql.hashes.all(source, JSON.stringify(itemIds));
      return new Map(rows.map((row) => [row.item_id, row.content_hash]));
    },
    save: (source, items, now) => db.transaction(() => save(source, items, now)).immediate(),
    head: () => sql.counts.get()?.head ?? 0,
    stateKey,
    changedSince: (rev) => sql.since.all(rev).map(toArticle),
    readAll: () =>
      db.transaction(() => {
        const articles = sql.all.all().map(toArticle);
        return { key: stateKey(), head: articles.at(-1)?.rev ?? 0, articles };
      })(),
    countAddedSince: (source, since) => sql.addedSince.get(source, since) ?? 0,
    status(name) {
      const row = sql.status.get(name);
      return row ? toStatus(row) : null;
    },
    statuses: () => sql.statuses.all().map(toStatus),
    recordSuccess(name, at) {
      sql.ensureStatus.run(name);
      sql.success.run({ name, at });
      return requireStatus(name);
    },
    recordFailure(name, failure) {
      sql.ensureStatus.run(name);
      sql.failure.run({ name, ...failure });
      return requireStatus(name);
    },
    resume: (name) => sql.resume.run(name).changes > 0,
    syncConfig(name, configHash) {
      return db.transaction(() => {
        sql.ensureStatus.run(name);
        const before = requireStatus(name);
        const changed = before.configHash !== null && before.configHash !== configHash;
        const resumed = changed && before.pausedAt !== null && sql.resume.run(name).changes > 0;
        sql.setConfig.run(configHash, name);
        return { resumed };
      })();
    },
    validators(url) {
      const row = sql.validators.get(url);
      return row ? { etag: row.etag, lastModified: row.last_modified } : null;
    },
    saveValidators(url, validators, at) {
      if (validators.etag === null && validators.lastModified === null) {
        sql.forgetValidators.run(url);
      } else {
        sql.saveValidators.run(url, validators.etag, validators.lastModified, at);
      }
    },
    close: () => db.close(),
  };
}

/** The store as extra ingest records (after the data files), keyed by its state. */
export function storeRecords(store: ArticleStore): ExtraRecords & { lastRead(): number } {
  let head = 0;
  return {
    label: `store:${resolve(store.path)}`,
    key: () => store.stateKey(),
    read() {
      const contents = store.readAll();
      head = contents.head;
      return { key: contents.key, records: contents.articles.map(storedRecord) };
    },
    /** The highest revision the last `read` saw. */
    lastRead: () => head,
  };
}
