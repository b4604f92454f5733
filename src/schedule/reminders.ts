/**
 * Deadline reminders: which items a channel hears about today (D-7, D-3, D-1, D-day), and the
 * daily run that posts one digest message per subscribed channel through the ledger in the store.
 *
 * Failure policy: a channel that refuses us (missing access or permission, deleted channel) is
 * recorded on its subscription and left alone for the rest of the day; any other failure is
 * retried once, at the next scheduled run. Nothing retries in a loop.
 */
import { type Client, DiscordAPIError, type MessageCreateOptions } from "discord.js";
import { type MessageKey, msg } from "../messages/catalogue.ts";
import { codePointLength, LIMITS } from "../present/limits.ts";
import type { Logger } from "../runtime/logger.ts";
import {
  type LedgerKey,
  MAX_DIGEST_ATTEMPTS,
  type Store,
  type Subscription,
} from "../state/store.ts";
import { daysBetween, ddayLabel, isYmd, parseYmd, seoulDate, weekday } from "../time/calendar.ts";

/** Days before the deadline on which it is announced. */
export const REMINDER_OFFSETS: readonly number[] = [7, 3, 1, 0];

export interface Deadline {
  articleId: string;
  title: string;
  url: string | null;
  /** Last day to apply, `YYYY-MM-DD` in Seoul. */
  end: string;
}

export interface DueReminder extends Deadline, LedgerKey {}

export type DeadlinesFor = (subscription: Subscription) => readonly Deadline[];
export type PlanDigest = (
  subscription: Subscription,
  today: string,
) => readonly DueReminder[] | Promise<readonly DueReminder[]>;

export interface DigestMessage {
  content?: string;
  embeds: unknown[];
  nonce: string;
  enforceNonce: true;
  allowedMentions: { parse: [] };
}

export type SendDigest = (channelId: string, message: DigestMessage) => Promise<{ id: string }>;
export type RenderDigest = (
  items: readonly DueReminder[],
  subscription: Subscription,
  today: string,
) => { content?: string; embeds?: unknown[] };

/** The reminders due today among `deadlines`, most urgent first; past deadlines never. */
export function dueReminders(deadlines: readonly Deadline[], today: string): DueReminder[] {
  const seen = new Set<string>();
  const due: DueReminder[] = [];
  for (const deadline of deadlines) {
    if (!isYmd(deadline.end)) continue;
    const offsetDays = daysBetween(today, deadline.end);
    if (!REMINDER_OFFSETS.includes(offsetDays)) continue;
    // Several search hits can name the same article: one reminder per article and deadline.
    const key = `${deadline.articleId}\u0000${deadline.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    due.push({ ...deadline, deadline: deadline.end, offsetDays });
  }
  return due.sort((a, b) => a.offsetDays - b.offsetDays || a.title.localeCompare(b.title, "ko"));
}

export interface PlannedDigest {
  subscription: Subscription;
  items: DueReminder[];
}

/** Pure planning for many subscriptions; channels with nothing due are left out. */
export function planDigests(
  subscriptions: readonly Subscription[],
  deadlinesFor: DeadlinesFor,
  today: string,
): PlannedDigest[] {
  return subscriptions
    .map((subscription) => ({
      subscription,
      items: dueReminders(deadlinesFor(subscription), today),
    }))
    .filter((planned) => planned.items.length > 0);
}

/** Adapts a deadline source to the `plan` that `runDigests` takes. */
export function planFromDeadlines(deadlinesFor: DeadlinesFor): PlanDigest {
  return (subscription, today) => dueReminders(deadlinesFor(subscription), today);
}

const SEOUL_HOUR = new Intl.DateTimeFormat("en-US", {
  timeZone: "Asia/Seoul",
  hour: "numeric",
  hourCycle: "h23",
});

export function seoulHour(instant: Date): number {
  return Number(SEOUL_HOUR.format(instant));
}

const WEEKDAYS = [
  "weekday.0",
  "weekday.1",
  "weekday.2",
  "weekday.3",
  "weekday.4",
  "weekday.5",
  "weekday.6",
] as const satisfies readonly MessageKey[];

/** A plain-text digest that fits Discord's 2,000-character message limit. */
export function renderPlainDigest(
  items: readonly DueReminder[],
  subscription: Subscription,
  today: string,
): ReturnType<RenderDigest> {
  const { locale } = subscription;
  const header = msg("digest.title", locale, { date: today });
  const lines = items.map((item) => {
    const { month, day } = parseYmd(item.deadline);
    const title = item.title.replace(/[[\]]/g, "");
    const link = item.url ? `[${title}](<${item.url}>)` : title;
    return msg("digest.line", locale, {
      dday: ddayLabel(today, item.deadline),
      title: link,
      month,
      day,
      weekday: msg(WEEKDAYS[weekday(item.deadline)] ?? "weekday.0", locale),
    });
  });
  let content = header;
  let length = codePointLength(header);
  for (const [index, line] of lines.entries()) {
    const rest = `\n${msg("digest.more", locale, { count: lines.length - index })}`;
    const add = 1 + codePointLength(line);
    if (length + add + codePointLength(rest) > LIMITS.content) return { content: content + rest };
    content += `\n${line}`;
    length += add;
  }
  return { content };
}

/** Raised by `channelSender` when a subscribed channel no longer exists or takes no messages. */
export class ChannelUnavailableError extends Error {
  constructor(readonly channelId: string) {
    super(`channel ${channelId} is gone or cannot receive messages`);
    this.name = "ChannelUnavailableError";
  }
}

const PERMANENT_CODES = new Set([50001, 50013, 10003]);

/** Why a send can never work until someone fixes the channel, or null for transient errors. */
export function permanentFailureReason(error: unknown): string | null {
  if (error instanceof ChannelUnavailableError) return error.message;
  if (!(error instanceof DiscordAPIError)) return null;
  const code = typeof error.code === "number" ? error.code : Number(error.code);
  if (error.status === 403 || error.status === 404 || PERMANENT_CODES.has(code)) {
    return `${error.message} (${error.code})`;
  }
  return null;
}

/** A one-line reason for the subscription list, with the HTTP status when there was one. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? `${error.message} (HTTP ${status})` : error.message;
}

/** The real discord.js path: fetch (or reuse the cached) channel, then `channel.send`. */
export function channelSender(client: Client): SendDigest {
  return async (channelId, message) => {
    const channel = await client.channels.fetch(channelId, { allowUnknownGuild: true });
    if (!channel?.isSendable()) throw new ChannelUnavailableError(channelId);
    const sent = await channel.send(message as MessageCreateOptions);
    return { id: sent.id };
  };
}

export type DigestOutcome = { guildId: string; channelId: string } & (
  | { status: "sent"; messageId: string; items: DueReminder[] }
  | { status: "failed"; reason: string; permanent: boolean }
  | { status: "skipped"; why: "not-yet" | "done-today" | "nothing-due" }
);

export interface RunDigestsOptions {
  store: Store;
  now: Date;
  /** Seoul calendar date of `now` unless given. */
  today?: string;
  plan: PlanDigest;
  send: SendDigest;
  render?: RenderDigest;
  logger?: Logger;
}

/**
 * One pass over every subscription. Safe to call as often as wanted: a channel gets at most one
 * digest per day, and a reminder is never posted twice, whichever process made the claim.
 */
export async function runDigests(options: RunDigestsOptions): Promise<DigestOutcome[]> {
  const { store, now, plan, send, logger } = options;
  const today = options.today ?? seoulDate(now);
  const hour = seoulHour(now);
  const render = options.render ?? renderPlainDigest;
  const outcomes: DigestOutcome[] = [];

  for (const sub of store.listAll()) {
    const where = { guildId: sub.guildId, channelId: sub.channelId };
    if (hour < sub.hour) {
      outcomes.push({ ...where, status: "skipped", why: "not-yet" });
      continue;
    }
    const run = store.digestRun(sub.guildId, sub.channelId, today);
    if (
      run?.status === "sent" ||
      (run?.status === "failed" && run.attempts >= MAX_DIGEST_ATTEMPTS)
    ) {
      outcomes.push({ ...where, status: "skipped", why: "done-today" });
      continue;
    }
    try {
      const claim = store.claimDigest(sub.guildId, sub.channelId, today, await plan(sub, today));
      if (claim.items.length === 0) {
        outcomes.push({ ...where, status: "skipped", why: "nothing-due" });
        continue;
      }
      const body = render(claim.items, sub, today);
      const message: DigestMessage = {
        ...body,
        embeds: body.embeds ?? [],
        nonce: claim.nonce,
        enforceNonce: true,
        allowedMentions: { parse: [] },
      };
      try {
        const sent = await send(sub.channelId, message);
        store.markDigestSent(sub.guildId, sub.channelId, today, sent.id);
        if (sub.lastError !== null) store.clearFailure(sub.guildId, sub.channelId);
        logger?.info({ ...where, items: claim.items.length, messageId: sent.id }, "digest sent");
        outcomes.push({ ...where, status: "sent", messageId: sent.id, items: claim.items });
      } catch (error) {
        outcomes.push(recordSendFailure(store, sub, today, error, claim.attempt, logger));
      }
    } catch (error) {
      // Planning or the database failed: nothing was sent; the next run tries again.
      logger?.error({ ...where, err: error }, "digest run failed before sending");
      outcomes.push({ ...where, status: "failed", reason: String(error), permanent: false });
    }
  }
  return outcomes;
}

function recordSendFailure(
  store: Store,
  sub: Subscription,
  today: string,
  error: unknown,
  attempt: number,
  logger: Logger | undefined,
): DigestOutcome {
  const where = { guildId: sub.guildId, channelId: sub.channelId };
  const permanent = permanentFailureReason(error);
  const reason = permanent ?? describeError(error);
  store.markDigestFailed(sub.guildId, sub.channelId, today, reason, { final: permanent !== null });
  // Moderators see the reason in the subscription list once retrying is over for today.
  if (permanent !== null || attempt >= MAX_DIGEST_ATTEMPTS) {
    store.recordFailure(sub.guildId, sub.channelId, reason);
  }
  logger?.warn(
    { ...where, err: error, permanent: permanent !== null, attempt },
    permanent ? "digest refused by Discord; not retrying today" : "digest send failed",
  );
  return { ...where, status: "failed", reason, permanent: permanent !== null };
}
