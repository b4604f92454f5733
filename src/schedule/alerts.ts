/**
 * Alert delivery. Stores of articles report what they stored (src/runtime/stored-articles.ts);
 * each report is kept in the state database's inbox, then a round:
 *
 * 1. sends again what is due again: failed messages with attempts left, and messages a dead
 *    process claimed within the in-doubt window (same nonce, so Discord drops a repeat);
 * 2. answers every active alert's question among the arrivals only, claims the matches in the
 *    ledger in one transaction, and sends one message per instant alert;
 * 3. sends the day's digest of each daily alert whose hour has come (Asia/Seoul).
 *
 * Rounds never overlap and send one message at a time, awaiting each, so fifty alerts matching at
 * once go out one after another through discord.js's rate-limit queue (which also waits out a
 * 429's Retry-After), never as a burst. A channel that refuses us (403, 404) pauses its alert with
 * the reason; any other failure is retried at a later round, at most MAX_POST_ATTEMPTS times.
 */
import type { Alert } from "../alerts/alert.ts";
import { alertItems } from "../alerts/match.ts";
import type { SearchIndex } from "../index/search-index.ts";
import { type AlertMessageItem, alertMessage } from "../present/alert-message.ts";
import type { ReplyModel } from "../present/reply-model.ts";
import type { Logger } from "../runtime/logger.ts";
import type { StoredArticles } from "../runtime/stored-articles.ts";
import { ALERT_IN_DOUBT_MS, type AlertStore, type PostToSend } from "../state/alerts.ts";
import type { Store } from "../state/store.ts";
import { seoulDate, seoulHour } from "../time/calendar.ts";
import type { AnalyzedArticle, Clock } from "../types.ts";
import { permanentFailureReason, type RecentPosts } from "./reminders.ts";

/** Posts one message with `nonce` and `enforceNonce`, mentions disabled; resolves with its id. */
export type SendAlertMessage = (
  channelId: string,
  reply: ReplyModel,
  nonce: string,
) => Promise<{ id: string }>;

export interface AlertDeliveryOptions {
  alerts: AlertStore;
  /** The index serving right now. */
  index: () => SearchIndex;
  send: SendAlertMessage;
  clock: Clock;
  /** The Seoul hour from which a daily alert's digest goes out. */
  digestHour: (alert: Alert) => number;
  /**
   * Reads the bot's recent messages in a channel, to find a message a dead process sent before
   * recording it, once Discord's nonce window is over. Without it (or when the history cannot be
   * read) such a message is sent again: a possible repeat rather than a lost alert.
   */
  recentPosts?: RecentPosts;
  logger?: Logger;
}

/** What one round did. */
export interface RoundReport {
  /** Arrivals taken out of the inbox and answered. */
  arrivals: number;
  /** Messages Discord accepted, and the articles they carried. */
  messages: number;
  articles: number;
  /** Sends that failed (retried later unless their alert was paused). */
  failed: number;
  /** Alerts paused because their channel refused a post. */
  paused: number[];
}

export interface AlertDelivery {
  /** Keeps a store's report in the inbox (durably), then runs a round once started. */
  receive(batch: StoredArticles): Promise<RoundReport | null>;
  /** Runs a round after any running one; resolves with its report. */
  round(): Promise<RoundReport>;
  /** Allows rounds (the Discord client is ready) and runs one for what waited. */
  start(): Promise<RoundReport>;
}

/**
 * The hour of a daily alert's digest: that of its channel's deadline reminders when the channel
 * has them (one time of day for both), else the bot's reminder hour.
 */
export function digestHourFor(store: Store, reminderHour: number): (alert: Alert) => number {
  return (alert) =>
    store.listForGuild(alert.guildId).find((sub) => sub.channelId === alert.channelId)?.hour ??
    reminderHour;
}

/** The ISO instant of `hour`:00 on a Seoul calendar date (UTC+9, no daylight saving). */
function seoulInstant(date: string, hour: number): string {
  return new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+09:00`).toISOString();
}

function emptyReport(): RoundReport {
  return { arrivals: 0, messages: 0, articles: 0, failed: 0, paused: [] };
}

/** A one-line reason, with the HTTP status when there was one. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? `${error.message} (HTTP ${status})` : error.message;
}

export function createAlertDelivery(options: AlertDeliveryOptions): AlertDelivery {
  const { alerts, send, logger } = options;
  let started = false;
  let queue: Promise<unknown> = Promise.resolve();

  async function deliver(post: PostToSend, today: string, report: RoundReport): Promise<void> {
    const index = options.index();
    const items: AlertMessageItem[] = [];
    for (const item of post.items) {
      const article: AnalyzedArticle | undefined = index.get(item.articleId);
      if (article) items.push({ article, kind: item.kind, previousEnd: item.previousEnd });
    }
    const where = { alertId: post.alert.id, postId: post.postId, channelId: post.alert.channelId };
    if (items.length === 0) {
      // Every article left the index (a reindex dropped its file) before it could be posted.
      alerts.markFailed(post.postId, "articles no longer indexed", { final: true, pause: false });
      logger?.warn(where, "alert message dropped: its articles are no longer indexed");
      return;
    }
    const reply = alertMessage(post.alert, items, { asOf: today, digestDate: post.digestDate });
    const earlier = await postedEarlier(post, reply.content ?? "");
    if (earlier !== null) {
      alerts.markSent(post.postId, earlier);
      report.messages++;
      report.articles += items.length;
      logger?.info({ ...where, messageId: earlier }, "alert message found already posted");
      return;
    }
    try {
      const sent = await send(post.alert.channelId, reply, post.nonce);
      alerts.markSent(post.postId, sent.id);
      report.messages++;
      report.articles += items.length;
      logger?.info(
        { ...where, articles: items.length, attempt: post.attempt, messageId: sent.id },
        "alert posted",
      );
    } catch (error) {
      const permanent = permanentFailureReason(error);
      const reason = permanent ?? describe(error);
      alerts.markFailed(post.postId, reason, { final: permanent !== null });
      report.failed++;
      if (permanent !== null) report.paused.push(post.alert.id);
      logger?.warn(
        { ...where, err: error, attempt: post.attempt, permanent: permanent !== null },
        permanent ? "alert channel refused the post; alert paused" : "alert post failed",
      );
    }
  }

  /**
   * For a message a dead process claimed longer ago than Discord's nonce window: the id of the
   * bot's message in the channel since the claim with the same content, if it went out.
   */
  async function postedEarlier(post: PostToSend, content: string): Promise<string | null> {
    const claimedAt = Date.parse(post.claimedAt);
    if (!post.inDoubt || options.recentPosts === undefined) return null;
    if (options.clock().getTime() - claimedAt <= ALERT_IN_DOUBT_MS) return null;
    try {
      // A minute of slack for a clock that differs from Discord's.
      const own = await options.recentPosts(post.alert.channelId, new Date(claimedAt - 60_000));
      return own.find((message) => message.content === content)?.id ?? null;
    } catch (error) {
      logger?.warn(
        { alertId: post.alert.id, postId: post.postId, err: error },
        "could not read the channel to resume an alert message; sending it again",
      );
      return null;
    }
  }

  async function evaluate(today: string, report: RoundReport): Promise<PostToSend[]> {
    const inbox = alerts.inbox();
    const last = inbox.at(-1);
    if (last === undefined) return [];
    const index = options.index();
    const decisions = [];
    for (const alert of alerts.listActive()) {
      decisions.push({ alertId: alert.id, items: await alertItems(index, alert, inbox, today) });
    }
    report.arrivals = inbox.length;
    return alerts.decide(decisions, last.seq);
  }

  async function runRound(): Promise<RoundReport> {
    const now = options.clock();
    const today = seoulDate(now);
    const report = emptyReport();
    for (const post of alerts.retries()) await deliver(post, today, report);
    for (const post of await evaluate(today, report)) await deliver(post, today, report);
    const hour = seoulHour(now);
    for (const alert of alerts.listActive()) {
      const digestHour = options.digestHour(alert);
      if (alert.mode !== "daily" || hour < digestHour) continue;
      const digest = alerts.claimDigest(alert.id, today, seoulInstant(today, digestHour));
      if (digest) await deliver(digest, today, report);
    }
    if (report.arrivals > 0 || report.messages > 0 || report.failed > 0) {
      logger?.info({ ...report }, "alert round");
    }
    return report;
  }

  function round(): Promise<RoundReport> {
    const next = queue.then(runRound);
    // A failed round (the database, a bug) is logged; the next one still runs.
    queue = next.catch((error: unknown) => logger?.error({ err: error }, "alert round failed"));
    return next;
  }

  return {
    async receive(batch) {
      const count = alerts.receive(batch);
      logger?.debug({ origin: batch.origin, arrivals: count }, "articles reported to alerts");
      return started ? round() : null;
    },
    round,
    start() {
      started = true;
      return round();
    },
  };
}
