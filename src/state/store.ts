/**
 * The bot's durable state in one SQLite file under the state directory: channel subscriptions,
 * the reminder ledger (what was announced where, at which D-offset), one row per daily digest,
 * the search texts behind page buttons (`page-queries.ts`) and alerts (`alerts.ts`).
 *
 * The ledger is what makes reminders exactly-once across restarts: a digest's items are claimed
 * in the same transaction that checks for earlier claims, before anything is sent; each message
 * of the digest marks as sent exactly the items it named, and carries a nonce derived from
 * (guild, channel, day, attempt, its items) so Discord itself drops a repeat of a send whose
 * outcome we never got to record.
 */
import { createHash } from "node:crypto";
import type { Locale } from "../messages/catalogue.ts";
import type { Clock } from "../types.ts";
import { type AlertStore, alertStore } from "./alerts.ts";
import { openStateDatabase } from "./database.ts";
import { pageQueryStash, type QueryStash } from "./page-queries.ts";

export { STORE_FILE, StateDatabaseError } from "./database.ts";
/** One attempt plus one retry at the next scheduled run: a failing channel never storms. */
export const MAX_DIGEST_ATTEMPTS = 2;
/**
 * A digest claimed by a process that died before recording the outcome is resumed at the next
 * run. Within this long after the claim, Discord's nonce check drops a repeat of a message that
 * did go out; later, the channel's recent messages must be checked before sending again.
 */
export const IN_DOUBT_RESEND_MS = 2 * 60_000;

export interface Subscription {
  guildId: string;
  channelId: string;
  /** Region code filter, or null for all regions. */
  region: string | null;
  /** Category id filter, or null for all categories. */
  category: string | null;
  /** Seoul hour (0–23) from which the day's digest may go out. */
  hour: number;
  /** The language of the channel's digest: that of the member who subscribed it. */
  locale: Locale;
  createdBy: string;
  createdAt: string;
  lastError: string | null;
  lastErrorAt: string | null;
  /** When the current run of failures began; null while the channel works. */
  failingSince: string | null;
}

export interface SubscribeInput {
  guildId: string;
  channelId: string;
  region?: string | null;
  category?: string | null;
  hour: number;
  /** Korean unless given (subscriptions made before digests were translated are Korean). */
  locale?: Locale;
  createdBy: string;
}

/** The identity of one reminder: this deadline of this article, announced at this offset. */
export interface LedgerKey {
  articleId: string;
  deadline: string;
  offsetDays: number;
}

export type DigestStatus = "claimed" | "sent" | "failed";

export interface DigestRun {
  guildId: string;
  channelId: string;
  digestDate: string;
  status: DigestStatus;
  nonce: string;
  messageId: string | null;
  attempts: number;
  claimedAt: string;
  error: string | null;
}

export interface DigestClaim<T> {
  /**
   * The attempt's nonce (≤ 25 characters as Discord requires); each message of the digest sends
   * `partNonce(nonce, its items)` with `enforceNonce: true`.
   */
  nonce: string;
  /** What to send now: never an item announced (or being announced) elsewhere. */
  items: T[];
  attempt: number;
  /**
   * Set when this claim resumes one that a dead process left unrecorded: its items may already
   * be in the channel. `claimedAt` is when that process claimed them.
   */
  resumed: { claimedAt: string } | null;
}

export interface Store {
  readonly path: string;
  /** Search texts behind page buttons whose custom id could not hold them. */
  readonly queries: QueryStash;
  /** Saved questions whose new matching articles are posted to a channel (`alerts.ts`). */
  readonly alerts: AlertStore;
  subscribe(input: SubscribeInput): Subscription;
  /** Removes one channel's subscription, or every one in the guild; returns how many. */
  unsubscribe(guildId: string, channelId?: string): number;
  listForGuild(guildId: string): Subscription[];
  listAll(): Subscription[];
  recordFailure(guildId: string, channelId: string, reason: string): void;
  clearFailure(guildId: string, channelId: string): void;
  digestRun(guildId: string, channelId: string, digestDate: string): DigestRun | null;
  claimDigest<T extends LedgerKey>(
    guildId: string,
    channelId: string,
    digestDate: string,
    items: readonly T[],
  ): DigestClaim<T>;
  /** Records one posted message of the digest: exactly these items are now sent. */
  markRemindersSent(
    guildId: string,
    channelId: string,
    digestDate: string,
    items: readonly LedgerKey[],
    messageId: string,
  ): void;
  /** Every message of the digest went out; `messageId` is the first one's. */
  markDigestSent(guildId: string, channelId: string, digestDate: string, messageId: string): void;
  /** `final`: no retry today (permissions, deleted channel). */
  markDigestFailed(
    guildId: string,
    channelId: string,
    digestDate: string,
    reason: string,
    options?: { final?: boolean },
  ): void;
  close(): void;
}

export interface StoreOptions {
  clock?: Clock;
  fileName?: string;
}

interface SubscriptionRow {
  guild_id: string;
  channel_id: string;
  region: string | null;
  category: string | null;
  hour: number;
  locale: Locale;
  created_by: string;
  created_at: string;
  last_error: string | null;
  last_error_at: string | null;
  failing_since: string | null;
}

interface DigestRunRow {
  guild_id: string;
  channel_id: string;
  digest_date: string;
  status: DigestStatus;
  nonce: string;
  message_id: string | null;
  attempts: number;
  claimed_at: string;
  error: string | null;
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    guildId: row.guild_id,
    channelId: row.channel_id,
    region: row.region,
    category: row.category,
    hour: row.hour,
    locale: row.locale,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    failingSince: row.failing_since,
  };
}

function toDigestRun(row: DigestRunRow): DigestRun {
  return {
    guildId: row.guild_id,
    channelId: row.channel_id,
    digestDate: row.digest_date,
    status: row.status,
    nonce: row.nonce,
    messageId: row.message_id,
    attempts: row.attempts,
    claimedAt: row.claimed_at,
    error: row.error,
  };
}

/** Only the key columns: items usually carry titles and URLs the statements do not bind. */
function ledgerKey({ articleId, deadline, offsetDays }: LedgerKey): LedgerKey {
  return { articleId, deadline, offsetDays };
}

/** Deterministic, so a re-send after a crash reuses the nonce Discord already saw. */
export function digestNonce(
  guildId: string,
  channelId: string,
  digestDate: string,
  attempt: number,
): string {
  const hash = createHash("sha256").update(`${guildId}:${channelId}:${digestDate}:${attempt}`);
  return `jw${hash.digest("base64url").slice(0, 23)}`;
}

/**
 * The nonce of one message of a digest: the attempt's nonce and the items the message names. A
 * resumed digest renders its unsent items into the same messages again, so a message that did
 * reach Discord is re-sent with the same nonce (and dropped), whatever was recorded before it.
 */
export function partNonce(claimNonce: string, items: readonly LedgerKey[]): string {
  const hash = createHash("sha256").update(claimNonce);
  for (const { articleId, deadline, offsetDays } of items) {
    hash.update(`\u0000${articleId}\u0000${deadline}\u0000${offsetDays}`);
  }
  return `jw${hash.digest("base64url").slice(0, 23)}`;
}

export function openStore(stateDir: string, options: StoreOptions = {}): Store {
  const clock = options.clock ?? (() => new Date());
  const db = openStateDatabase(stateDir, { fileName: options.fileName });
  const path = db.name;
  const now = () => clock().toISOString();

  const sql = {
    upsert: db.prepare(
      `INSERT INTO subscriptions
         (guild_id, channel_id, region, category, hour, locale, created_by, created_at)
       VALUES (@guildId, @channelId, @region, @category, @hour, @locale, @createdBy, @now)
       ON CONFLICT (guild_id, channel_id) DO UPDATE SET
         region = excluded.region, category = excluded.category, hour = excluded.hour,
         locale = excluded.locale, created_by = excluded.created_by,
         last_error = NULL, last_error_at = NULL, failing_since = NULL`,
    ),
    getSubscription: db.prepare<[string, string], SubscriptionRow>(
      "SELECT * FROM subscriptions WHERE guild_id = ? AND channel_id = ?",
    ),
    deleteOne: db.prepare("DELETE FROM subscriptions WHERE guild_id = ? AND channel_id = ?"),
    deleteGuild: db.prepare("DELETE FROM subscriptions WHERE guild_id = ?"),
    listGuild: db.prepare<[string], SubscriptionRow>(
      "SELECT * FROM subscriptions WHERE guild_id = ? ORDER BY channel_id",
    ),
    listAll: db.prepare<[], SubscriptionRow>(
      "SELECT * FROM subscriptions ORDER BY guild_id, channel_id",
    ),
    recordFailure: db.prepare(
      `UPDATE subscriptions SET last_error = ?, last_error_at = ?,
         failing_since = COALESCE(failing_since, ?) WHERE guild_id = ? AND channel_id = ?`,
    ),
    clearFailure: db.prepare(
      `UPDATE subscriptions SET last_error = NULL, last_error_at = NULL, failing_since = NULL
       WHERE guild_id = ? AND channel_id = ?`,
    ),
    getRun: db.prepare<[string, string, string], DigestRunRow>(
      "SELECT * FROM digest_runs WHERE guild_id = ? AND channel_id = ? AND digest_date = ?",
    ),
    upsertRun: db.prepare(
      `INSERT INTO digest_runs (guild_id, channel_id, digest_date, status, nonce, attempts, claimed_at)
       VALUES (@guildId, @channelId, @digestDate, 'claimed', @nonce, @attempt, @claimedAt)
       ON CONFLICT (guild_id, channel_id, digest_date) DO UPDATE SET
         status = 'claimed', nonce = excluded.nonce, attempts = excluded.attempts,
         claimed_at = excluded.claimed_at, error = NULL`,
    ),
    insertLedger: db.prepare(
      `INSERT OR IGNORE INTO reminder_ledger
         (guild_id, channel_id, article_id, deadline, offset_days, digest_date, status, claimed_at)
       VALUES (@guildId, @channelId, @articleId, @deadline, @offsetDays, @digestDate, 'claimed', @now)`,
    ),
    reclaimLedger: db.prepare(
      `UPDATE reminder_ledger SET status = 'claimed', claimed_at = @now
       WHERE guild_id = @guildId AND channel_id = @channelId AND article_id = @articleId
         AND deadline = @deadline AND offset_days = @offsetDays
         AND digest_date = @digestDate AND status = @from`,
    ),
    sendLedgerItem: db.prepare(
      `UPDATE reminder_ledger SET status = 'sent', message_id = @messageId
       WHERE guild_id = @guildId AND channel_id = @channelId AND article_id = @articleId
         AND deadline = @deadline AND offset_days = @offsetDays
         AND digest_date = @digestDate AND status = 'claimed'`,
    ),
    // Items still claimed when a digest ends were never recorded as posted.
    failLeftovers: db.prepare(
      `UPDATE reminder_ledger SET status = 'failed', message_id = NULL
       WHERE guild_id = ? AND channel_id = ? AND digest_date = ? AND status = 'claimed'`,
    ),
    firstSent: db.prepare<[string, string, string], { message_id: string | null }>(
      `SELECT message_id FROM reminder_ledger
       WHERE guild_id = ? AND channel_id = ? AND digest_date = ? AND status = 'sent'
       ORDER BY claimed_at LIMIT 1`,
    ),
    finishRun: db.prepare(
      `UPDATE digest_runs SET status = ?, message_id = ?, error = ?, attempts = MAX(attempts, ?)
       WHERE guild_id = ? AND channel_id = ? AND digest_date = ?`,
    ),
  };

  function claim<T extends LedgerKey>(
    guildId: string,
    channelId: string,
    digestDate: string,
    items: readonly T[],
  ): DigestClaim<T> {
    const run = sql.getRun.get(guildId, channelId, digestDate);
    const none = (attempt: number): DigestClaim<T> => ({
      nonce: digestNonce(guildId, channelId, digestDate, attempt),
      items: [],
      attempt,
      resumed: null,
    });
    if (run?.status === "sent") return none(run.attempts);
    if (run?.status === "failed" && run.attempts >= MAX_DIGEST_ATTEMPTS) return none(run.attempts);

    const stamp = now();
    const key = { guildId, channelId, digestDate, now: stamp };
    if (run?.status === "claimed") {
      // A previous process claimed this digest and never recorded the outcome: resume it with
      // what is still unrecorded, under the same nonce; the sender checks the channel first
      // when Discord's nonce window has passed.
      const again = items.filter(
        (item) =>
          sql.reclaimLedger.run({ ...key, ...ledgerKey(item), from: "claimed" }).changes > 0,
      );
      if (again.length === 0) {
        // Nothing left that today's plan still names: the digest ends with what went out.
        const sent = sql.firstSent.get(guildId, channelId, digestDate);
        if (sent) finish(guildId, channelId, digestDate, "sent", sent.message_id, null);
        else finish(guildId, channelId, digestDate, "failed", null, "nothing left to send");
        return none(run.attempts);
      }
      return {
        nonce: run.nonce,
        items: again,
        attempt: run.attempts,
        resumed: { claimedAt: run.claimed_at },
      };
    }

    const claimed = items.filter(
      (item) =>
        sql.insertLedger.run({ ...key, ...ledgerKey(item) }).changes > 0 ||
        (run?.status === "failed" &&
          sql.reclaimLedger.run({ ...key, ...ledgerKey(item), from: "failed" }).changes > 0),
    );
    const attempt = (run?.attempts ?? 0) + 1;
    if (claimed.length === 0) return none(attempt);
    const nonce = digestNonce(guildId, channelId, digestDate, attempt);
    sql.upsertRun.run({ guildId, channelId, digestDate, nonce, attempt, claimedAt: stamp });
    return { nonce, items: claimed, attempt, resumed: null };
  }

  function finish(
    guildId: string,
    channelId: string,
    digestDate: string,
    status: "sent" | "failed",
    messageId: string | null,
    error: string | null,
    minAttempts = 0,
  ): void {
    sql.failLeftovers.run(guildId, channelId, digestDate);
    sql.finishRun.run(status, messageId, error, minAttempts, guildId, channelId, digestDate);
  }

  return {
    path,
    queries: pageQueryStash(db, stateDir, clock),
    alerts: alertStore(db, clock),
    subscribe(input) {
      sql.upsert.run({
        guildId: input.guildId,
        channelId: input.channelId,
        region: input.region ?? null,
        category: input.category ?? null,
        hour: input.hour,
        locale: input.locale ?? "ko",
        createdBy: input.createdBy,
        now: now(),
      });
      const row = sql.getSubscription.get(input.guildId, input.channelId);
      if (!row) throw new Error("subscription vanished right after upsert");
      return toSubscription(row);
    },
    unsubscribe(guildId, channelId) {
      const result =
        channelId === undefined
          ? sql.deleteGuild.run(guildId)
          : sql.deleteOne.run(guildId, channelId);
      return result.changes;
    },
    listForGuild: (guildId) => sql.listGuild.all(guildId).map(toSubscription),
    listAll: () => sql.listAll.all().map(toSubscription),
    recordFailure(guildId, channelId, reason) {
      const stamp = now();
      sql.recordFailure.run(reason, stamp, stamp, guildId, channelId);
    },
    clearFailure(guildId, channelId) {
      sql.clearFailure.run(guildId, channelId);
    },
    digestRun(guildId, channelId, digestDate) {
      const row = sql.getRun.get(guildId, channelId, digestDate);
      return row ? toDigestRun(row) : null;
    },
    claimDigest: (guildId, channelId, digestDate, items) =>
      db.transaction(() => claim(guildId, channelId, digestDate, items)).immediate(),
    markRemindersSent(guildId, channelId, digestDate, items, messageId) {
      db.transaction(() => {
        for (const item of items) {
          sql.sendLedgerItem.run({ guildId, channelId, digestDate, messageId, ...ledgerKey(item) });
        }
      })();
    },
    markDigestSent(guildId, channelId, digestDate, messageId) {
      db.transaction(() => finish(guildId, channelId, digestDate, "sent", messageId, null))();
    },
    markDigestFailed(guildId, channelId, digestDate, reason, options = {}) {
      const attempts = options.final ? MAX_DIGEST_ATTEMPTS : 0;
      db.transaction(() =>
        finish(guildId, channelId, digestDate, "failed", null, reason, attempts),
      )();
    },
    close() {
      db.close();
    },
  };
}
