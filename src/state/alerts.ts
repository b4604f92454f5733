/**
 * Alerts in the state database: the saved questions, an inbox of reported articles not yet
 * evaluated, the ledger of what each alert posted, and one row per message.
 *
 * Exactly once: an (alert, article, version) ledger row is inserted in the same transaction that
 * decides to post it (and that takes the evaluated arrivals out of the inbox), before anything is
 * sent; a row that exists is never posted again. Each message carries a nonce derived from its
 * row, reused on every attempt, so Discord drops a repeat of a send whose outcome was lost.
 * Arrivals wait in the inbox until that transaction, so a crash between a store's report and the
 * evaluation loses nothing: the next round evaluates them.
 */
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { Alert, AlertMode } from "../alerts/alert.ts";
import type { AlertItem, Arrival, ItemKind } from "../alerts/match.ts";
import type { StoredArticles } from "../runtime/stored-articles.ts";
import type { Clock } from "../types.ts";

/** One attempt and two retries, each at a later round: a failing channel never storms. */
export const MAX_POST_ATTEMPTS = 3;
/**
 * A message claimed by a process that died before recording the outcome is re-sent with the same
 * nonce this soon after the claim, while Discord still drops a repeated nonce; later the
 * channel's recent messages are read first (src/schedule/alerts.ts).
 */
export const ALERT_IN_DOUBT_MS = 2 * 60_000;

/** The schema, one migration of the state database (src/state/store.ts). */
export const ALERTS_SCHEMA = `
  CREATE TABLE alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    query TEXT NOT NULL,
    region TEXT,
    category TEXT,
    interpretation TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('instant', 'daily')),
    locale TEXT NOT NULL CHECK (locale IN ('ko', 'en')),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    paused_at TEXT,
    pause_reason TEXT,
    last_posted_at TEXT,
    last_error TEXT,
    last_error_at TEXT
  );
  CREATE INDEX alerts_by_guild ON alerts (guild_id);
  CREATE TABLE alert_inbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL,
    updated INTEGER NOT NULL CHECK (updated IN (0, 1)),
    previous_end TEXT,
    origin TEXT NOT NULL,
    received_at TEXT NOT NULL
  );
  CREATE TABLE alert_posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('instant', 'digest')),
    digest_date TEXT,
    nonce TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
    attempts INTEGER NOT NULL,
    claimed_at TEXT NOT NULL,
    message_id TEXT,
    error TEXT
  );
  CREATE UNIQUE INDEX alert_digest_per_day ON alert_posts (alert_id, digest_date)
    WHERE kind = 'digest';
  CREATE INDEX alert_posts_by_status ON alert_posts (status);
  CREATE TABLE alert_ledger (
    alert_id INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    version TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('new', 'change')),
    previous_end TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'sent', 'failed')),
    post_id INTEGER,
    position INTEGER NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (alert_id, article_id, version)
  ) WITHOUT ROWID;
  CREATE INDEX alert_ledger_by_post ON alert_ledger (post_id);
  CREATE INDEX alert_ledger_pending ON alert_ledger (alert_id, status);`;

export interface AlertInput {
  guildId: string;
  channelId: string;
  query: string;
  region: string | null;
  category: string | null;
  interpretation: string;
  mode: AlertMode;
  locale: "ko" | "en";
  createdBy: string;
}

export type AddAlertResult = { ok: true; alert: Alert } | { ok: false; count: number };

/** An arrival waiting in the inbox, with its place in it. */
export interface InboxItem extends Arrival {
  seq: number;
}

/** A ledger item as it is posted. */
export interface PostedItem {
  articleId: string;
  version: string;
  kind: ItemKind;
  previousEnd: string | null;
}

export type PostStatus = "claimed" | "sent" | "failed";

/** A message to send (or send again): its alert, nonce, attempt and items in order. */
export interface PostToSend {
  postId: number;
  alert: Alert;
  kind: "instant" | "digest";
  digestDate: string | null;
  nonce: string;
  attempt: number;
  /** When this attempt was claimed (ISO instant). */
  claimedAt: string;
  /** Claimed by an earlier process that never recorded the outcome: it may have been posted. */
  inDoubt: boolean;
  items: PostedItem[];
}

export interface AlertPost {
  id: number;
  alertId: number;
  kind: "instant" | "digest";
  digestDate: string | null;
  nonce: string;
  status: PostStatus;
  attempts: number;
  claimedAt: string;
  messageId: string | null;
  error: string | null;
}

export interface AlertStore {
  /** Saves an alert unless the server already has `limit` (checked in the same transaction). */
  add(input: AlertInput, limit: number): AddAlertResult;
  get(id: number): Alert | null;
  listForGuild(guildId: string): Alert[];
  /** Every alert that is not paused. */
  listActive(): Alert[];
  /** Removes one of the server's alerts and its ledger; false when it has no such alert. */
  remove(guildId: string, id: number): boolean;
  /** Pauses (reason given) or resumes (null) one of the server's alerts; null when unknown. */
  setPaused(guildId: string, id: number, reason: string | null): Alert | null;

  /** Keeps a store's report until a round evaluates it; returns how many arrivals it added. */
  receive(batch: StoredArticles): number;
  inbox(): InboxItem[];
  /**
   * The decision, in one transaction: for each alert, claim every item not claimed before (a
   * change only where the article was posted), as a message to send now (instant) or pending for
   * the digest (daily); then take the evaluated arrivals (up to `inboxSeq`) out of the inbox.
   * Returns the messages to send.
   */
  decide(
    decisions: ReadonlyArray<{ alertId: number; items: readonly AlertItem[] }>,
    inboxSeq: number,
  ): PostToSend[];
  /**
   * Messages to send again: failed ones with attempts left, and ones a dead process claimed and
   * never recorded (`inDoubt`). Paused alerts' are left.
   */
  retries(): PostToSend[];
  /**
   * Claims the day's digest of a daily alert: its items decided before `cutoff` (the digest's
   * hour, an ISO instant) as one message; null when there are none or the day's digest exists.
   * Later matches wait for the next day's.
   */
  claimDigest(alertId: number, digestDate: string, cutoff: string): PostToSend | null;
  /** The digest row of that day, if one was claimed. */
  digestPost(alertId: number, digestDate: string): AlertPost | null;
  markSent(postId: number, messageId: string): void;
  /**
   * `final`: never retried; the alert is then paused with `reason` (the channel refused us)
   * unless `pause` is false (nothing left to post).
   */
  markFailed(postId: number, reason: string, options?: { final?: boolean; pause?: boolean }): void;
  /** Ledger rows by status, for figures and tests. */
  ledgerCounts(): Record<"pending" | "claimed" | "sent" | "failed", number>;
  post(postId: number): AlertPost | null;
}

interface AlertRow {
  id: number;
  guild_id: string;
  channel_id: string;
  query: string;
  region: string | null;
  category: string | null;
  interpretation: string;
  mode: AlertMode;
  locale: "ko" | "en";
  created_by: string;
  created_at: string;
  paused_at: string | null;
  pause_reason: string | null;
  last_posted_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

interface PostRow {
  id: number;
  alert_id: number;
  kind: "instant" | "digest";
  digest_date: string | null;
  nonce: string;
  status: PostStatus;
  attempts: number;
  claimed_at: string;
  message_id: string | null;
  error: string | null;
}

interface ItemRow {
  article_id: string;
  version: string;
  kind: ItemKind;
  previous_end: string | null;
}

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    guildId: row.guild_id,
    channelId: row.channel_id,
    query: row.query,
    region: row.region,
    category: row.category,
    interpretation: row.interpretation,
    mode: row.mode,
    locale: row.locale,
    createdBy: row.created_by,
    createdAt: row.created_at,
    pausedAt: row.paused_at,
    pauseReason: row.pause_reason,
    lastPostedAt: row.last_posted_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
  };
}

function toPost(row: PostRow): AlertPost {
  return {
    id: row.id,
    alertId: row.alert_id,
    kind: row.kind,
    digestDate: row.digest_date,
    nonce: row.nonce,
    status: row.status,
    attempts: row.attempts,
    claimedAt: row.claimed_at,
    messageId: row.message_id,
    error: row.error,
  };
}

function toItem(row: ItemRow): PostedItem {
  return {
    articleId: row.article_id,
    version: row.version,
    kind: row.kind,
    previousEnd: row.previous_end,
  };
}

/** Deterministic per message row: every attempt of one message reuses it. ≤ 25 characters. */
export function alertNonce(alertId: number, postId: number): string {
  const hash = createHash("sha256").update(`alert:${alertId}:post:${postId}`);
  return `ja${hash.digest("base64url").slice(0, 23)}`;
}

/** The alert tables of an open state database whose migrations created them. */
export function alertStore(db: Database.Database, clock: Clock): AlertStore {
  const now = () => clock().toISOString();
  const sql = {
    count: db.prepare<[string], { n: number }>(
      "SELECT COUNT(*) AS n FROM alerts WHERE guild_id = ?",
    ),
    insert: db.prepare(
      `INSERT INTO alerts (guild_id, channel_id, query, region, category, interpretation, mode,
         locale, created_by, created_at)
       VALUES (@guildId, @channelId, @query, @region, @category, @interpretation, @mode,
         @locale, @createdBy, @now)`,
    ),
    get: db.prepare<[number], AlertRow>("SELECT * FROM alerts WHERE id = ?"),
    listGuild: db.prepare<[string], AlertRow>(
      "SELECT * FROM alerts WHERE guild_id = ? ORDER BY id",
    ),
    listActive: db.prepare<[], AlertRow>(
      "SELECT * FROM alerts WHERE paused_at IS NULL ORDER BY id",
    ),
    delete: db.prepare("DELETE FROM alerts WHERE guild_id = ? AND id = ?"),
    deleteLedger: db.prepare("DELETE FROM alert_ledger WHERE alert_id = ?"),
    deletePosts: db.prepare("DELETE FROM alert_posts WHERE alert_id = ?"),
    pause: db.prepare(
      "UPDATE alerts SET paused_at = ?, pause_reason = ? WHERE guild_id = ? AND id = ?",
    ),
    resume: db.prepare(
      `UPDATE alerts SET paused_at = NULL, pause_reason = NULL, last_error = NULL,
         last_error_at = NULL WHERE guild_id = ? AND id = ?`,
    ),
    pauseById: db.prepare(
      "UPDATE alerts SET paused_at = ?, pause_reason = ? WHERE id = ? AND paused_at IS NULL",
    ),
    posted: db.prepare(
      "UPDATE alerts SET last_posted_at = ?, last_error = NULL, last_error_at = NULL WHERE id = ?",
    ),
    alertError: db.prepare("UPDATE alerts SET last_error = ?, last_error_at = ? WHERE id = ?"),
    receive: db.prepare(
      `INSERT INTO alert_inbox (article_id, updated, previous_end, origin, received_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    inbox: db.prepare<
      [],
      { seq: number; article_id: string; updated: number; previous_end: string | null }
    >("SELECT seq, article_id, updated, previous_end FROM alert_inbox ORDER BY seq"),
    takeInbox: db.prepare("DELETE FROM alert_inbox WHERE seq <= ?"),
    wasSent: db.prepare<[number, string], { one: number }>(
      `SELECT 1 AS one FROM alert_ledger WHERE alert_id = ? AND article_id = ? AND status = 'sent'
       LIMIT 1`,
    ),
    claimItem: db.prepare(
      `INSERT OR IGNORE INTO alert_ledger
         (alert_id, article_id, version, kind, previous_end, status, post_id, position, decided_at)
       VALUES (@alertId, @articleId, @version, @kind, @previousEnd, @status, @postId, @position,
         @now)`,
    ),
    newPost: db.prepare(
      `INSERT INTO alert_posts (alert_id, kind, digest_date, nonce, status, attempts, claimed_at)
       VALUES (?, ?, ?, '', 'claimed', 1, ?)`,
    ),
    setNonce: db.prepare("UPDATE alert_posts SET nonce = ? WHERE id = ?"),
    dropPost: db.prepare("DELETE FROM alert_posts WHERE id = ?"),
    getPost: db.prepare<[number], PostRow>("SELECT * FROM alert_posts WHERE id = ?"),
    postItems: db.prepare<[number], ItemRow>(
      `SELECT article_id, version, kind, previous_end FROM alert_ledger WHERE post_id = ?
       ORDER BY kind = 'new', position`,
    ),
    openPosts: db.prepare<[], PostRow>(
      `SELECT p.* FROM alert_posts p JOIN alerts a ON a.id = p.alert_id
       WHERE p.status IN ('claimed', 'failed') AND a.paused_at IS NULL ORDER BY p.id`,
    ),
    retryPost: db.prepare(
      `UPDATE alert_posts SET status = 'claimed', attempts = attempts + 1, claimed_at = ?
       WHERE id = ? AND status = 'failed' AND attempts < ?`,
    ),
    finishPost: db.prepare(
      `UPDATE alert_posts SET status = ?, message_id = ?, error = ?, attempts = MAX(attempts, ?)
       WHERE id = ?`,
    ),
    finishItems: db.prepare("UPDATE alert_ledger SET status = ? WHERE post_id = ?"),
    pendingPositions: db.prepare<[number], { next: number }>(
      "SELECT COALESCE(MAX(position), -1) + 1 AS next FROM alert_ledger WHERE alert_id = ?",
    ),
    digestPost: db.prepare<[number, string], PostRow>(
      "SELECT * FROM alert_posts WHERE alert_id = ? AND kind = 'digest' AND digest_date = ?",
    ),
    claimPending: db.prepare(
      `UPDATE alert_ledger SET status = 'claimed', post_id = ?
       WHERE alert_id = ? AND status = 'pending' AND decided_at < ?`,
    ),
    ledgerCounts: db.prepare<[], { status: string; n: number }>(
      "SELECT status, COUNT(*) AS n FROM alert_ledger GROUP BY status",
    ),
  };

  const alertById = (id: number): Alert | null => {
    const row = sql.get.get(id);
    return row ? toAlert(row) : null;
  };

  function openPost(alert: Alert, kind: "instant" | "digest", digestDate: string | null) {
    const postId = Number(sql.newPost.run(alert.id, kind, digestDate, now()).lastInsertRowid);
    const nonce = alertNonce(alert.id, postId);
    sql.setNonce.run(nonce, postId);
    return { postId, nonce };
  }

  function toSend(post: PostRow, alert: Alert, inDoubt = false): PostToSend {
    return {
      postId: post.id,
      alert,
      kind: post.kind,
      digestDate: post.digest_date,
      nonce: post.nonce,
      attempt: post.attempts,
      claimedAt: post.claimed_at,
      inDoubt,
      items: sql.postItems.all(post.id).map(toItem),
    };
  }

  function decideOne(
    alertId: number,
    items: readonly AlertItem[],
    stamp: string,
  ): PostToSend | null {
    const alert = alertById(alertId);
    // Removed or paused while its question was being answered: nothing to claim.
    if (alert === null || alert.pausedAt !== null) return null;
    const instant = alert.mode === "instant";
    const post = instant ? openPost(alert, "instant", null) : null;
    let position = sql.pendingPositions.get(alertId)?.next ?? 0;
    let claimed = 0;
    for (const item of items) {
      if (item.kind === "change" && !sql.wasSent.get(alertId, item.articleId)) continue;
      const inserted = sql.claimItem.run({
        alertId,
        articleId: item.articleId,
        version: item.version,
        kind: item.kind,
        previousEnd: item.previousEnd,
        status: instant ? "claimed" : "pending",
        postId: post?.postId ?? null,
        position,
        now: stamp,
      }).changes;
      if (inserted > 0) {
        claimed++;
        position++;
      }
    }
    if (post === null) return null;
    if (claimed === 0) {
      sql.dropPost.run(post.postId);
      return null;
    }
    const row = sql.getPost.get(post.postId);
    return row ? toSend(row, alert) : null;
  }

  function finish(
    postId: number,
    status: "sent" | "failed",
    messageId: string | null,
    error: string | null,
    minAttempts: number,
  ): void {
    sql.finishPost.run(status, messageId, error, minAttempts, postId);
    sql.finishItems.run(status, postId);
  }

  return {
    add(input, limit) {
      return db
        .transaction((): AddAlertResult => {
          const count = sql.count.get(input.guildId)?.n ?? 0;
          if (count >= limit) return { ok: false, count };
          const id = Number(sql.insert.run({ ...input, now: now() }).lastInsertRowid);
          const alert = alertById(id);
          if (alert === null) throw new Error("alert vanished right after insert");
          return { ok: true, alert };
        })
        .immediate();
    },
    get: alertById,
    listForGuild: (guildId) => sql.listGuild.all(guildId).map(toAlert),
    listActive: () => sql.listActive.all().map(toAlert),
    remove(guildId, id) {
      return db.transaction(() => {
        if (sql.delete.run(guildId, id).changes === 0) return false;
        sql.deleteLedger.run(id);
        sql.deletePosts.run(id);
        return true;
      })();
    },
    setPaused(guildId, id, reason) {
      if (reason === null) sql.resume.run(guildId, id);
      else sql.pause.run(now(), reason, guildId, id);
      const alert = alertById(id);
      return alert?.guildId === guildId ? alert : null;
    },
    receive(batch) {
      const stamp = now();
      return db.transaction(() => {
        let count = 0;
        // A source's first fetch (its archive) is searchable, never news.
        for (const id of batch.backfill ? [] : batch.added) {
          sql.receive.run(id, 0, null, batch.origin, stamp);
          count++;
        }
        for (const { id, previousEnd } of batch.updated) {
          sql.receive.run(id, 1, previousEnd, batch.origin, stamp);
          count++;
        }
        return count;
      })();
    },
    inbox: () =>
      sql.inbox.all().map((row) => ({
        seq: row.seq,
        articleId: row.article_id,
        updated: row.updated === 1,
        previousEnd: row.previous_end,
      })),
    decide(decisions, inboxSeq) {
      return db
        .transaction(() => {
          const stamp = now();
          const posts: PostToSend[] = [];
          for (const { alertId, items } of decisions) {
            const post = items.length > 0 ? decideOne(alertId, items, stamp) : null;
            if (post) posts.push(post);
          }
          sql.takeInbox.run(inboxSeq);
          return posts;
        })
        .immediate();
    },
    retries() {
      return db
        .transaction(() => {
          const stamp = now();
          const due: PostToSend[] = [];
          for (const post of sql.openPosts.all()) {
            const alert = alertById(post.alert_id);
            if (alert === null) continue;
            if (post.status === "claimed") {
              // Rounds never overlap, so a message still claimed was left by a dead process.
              due.push(toSend(post, alert, true));
              continue;
            }
            if (sql.retryPost.run(stamp, post.id, MAX_POST_ATTEMPTS).changes === 0) continue;
            sql.finishItems.run("claimed", post.id);
            const again = sql.getPost.get(post.id);
            if (again) due.push(toSend(again, alert));
          }
          return due;
        })
        .immediate();
    },
    claimDigest(alertId, digestDate, cutoff) {
      return db
        .transaction((): PostToSend | null => {
          const alert = alertById(alertId);
          if (alert === null || alert.pausedAt !== null) return null;
          if (sql.digestPost.get(alertId, digestDate)) return null;
          const post = openPost(alert, "digest", digestDate);
          if (sql.claimPending.run(post.postId, alertId, cutoff).changes === 0) {
            sql.dropPost.run(post.postId);
            return null;
          }
          const row = sql.getPost.get(post.postId);
          return row ? toSend(row, alert) : null;
        })
        .immediate();
    },
    digestPost(alertId, digestDate) {
      const row = sql.digestPost.get(alertId, digestDate);
      return row ? toPost(row) : null;
    },
    markSent(postId, messageId) {
      db.transaction(() => {
        finish(postId, "sent", messageId, null, 0);
        const post = sql.getPost.get(postId);
        if (post) sql.posted.run(now(), post.alert_id);
      })();
    },
    markFailed(postId, reason, options = {}) {
      db.transaction(() => {
        const final = options.final === true;
        finish(postId, "failed", null, reason, final ? MAX_POST_ATTEMPTS : 0);
        const post = sql.getPost.get(postId);
        if (!post) return;
        if (final && options.pause !== false) sql.pauseById.run(now(), reason, post.alert_id);
        else if (!final) sql.alertError.run(reason, now(), post.alert_id);
      })();
    },
    ledgerCounts() {
      const counts = { pending: 0, claimed: 0, sent: 0, failed: 0 };
      for (const { status, n } of sql.ledgerCounts.all()) {
        if (status in counts) counts[status as keyof typeof counts] = n;
      }
      return counts;
    },
    post(postId) {
      const row = sql.getPost.get(postId);
      return row ? toPost(row) : null;
    },
  };
}
