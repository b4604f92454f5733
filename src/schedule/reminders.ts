/**
 * Deadline reminders: which items a channel hears about today (D-7, D-3, D-1, D-day), and the
 * daily run that posts each subscribed channel's digest through the ledger in the store. A busy
 * day's digest is split across several messages, and every reminder marked sent was named in a
 * message that Discord accepted.
 *
 * Failure policy: a channel that refuses us (missing access or permission, deleted channel) is
 * recorded on its subscription and left alone for the rest of the day; any other failure is
 * retried once, at the next scheduled run. Nothing retries in a loop. A digest that a dead
 * process left half-recorded is resumed when the bot is back, the same day, however long it
 * was away: after Discord's nonce window the channel's recent messages are checked first.
 */
import { type MessageKey, msg } from "../messages/catalogue.ts";
import { discordLength, escapeMarkdown, LIMITS, truncate } from "../present/limits.ts";
import { maskedLink } from "../present/links.ts";
import type { Logger } from "../runtime/logger.ts";
import {
  IN_DOUBT_RESEND_MS,
  type LedgerKey,
  MAX_DIGEST_ATTEMPTS,
  partNonce,
  type Store,
  type Subscription,
} from "../state/store.ts";
import {
  daysBetween,
  ddayLabel,
  isYmd,
  parseYmd,
  seoulDate,
  seoulHour,
  weekday,
} from "../time/calendar.ts";

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

/** One message of a digest and exactly the reminders it names. */
export interface DigestPart {
  content: string;
  embeds?: unknown[];
  items: readonly DueReminder[];
}

/**
 * Renders a digest as one or more messages naming every item once, in order. It must be a pure
 * function of its arguments, and packing must restart cleanly at a message boundary (a resumed
 * digest renders only the items after the messages already recorded and must get the same
 * messages again).
 */
export type RenderDigest = (
  items: readonly DueReminder[],
  subscription: Subscription,
  today: string,
) => DigestPart[];

/** The bot's own messages in a channel since an instant (to find a digest already posted). */
export type RecentPosts = (
  channelId: string,
  since: Date,
) => Promise<ReadonlyArray<{ id: string; content: string }>>;

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

const WEEKDAYS = [
  "weekday.0",
  "weekday.1",
  "weekday.2",
  "weekday.3",
  "weekday.4",
  "weekday.5",
  "weekday.6",
] as const satisfies readonly MessageKey[];
/** A title longer than this is cut in a digest line, so a busy day needs fewer messages. */
const DIGEST_TITLE_MAX = 90;

/** One reminder's line, in the subscriber's language; the title escaped, linked when asked. */
function digestLine(
  item: DueReminder,
  sub: Subscription,
  today: string,
  withLink: boolean,
): string {
  const { month, day } = parseYmd(item.deadline);
  const title = escapeMarkdown(truncate(item.title, DIGEST_TITLE_MAX));
  return msg("digest.line", sub.locale, {
    dday: ddayLabel(today, item.deadline),
    title: withLink ? maskedLink(title, item.url, { unfurl: false }) : title,
    month,
    day,
    weekday: msg(WEEKDAYS[weekday(item.deadline)] ?? "weekday.0", sub.locale),
  });
}

/**
 * A plain-text digest: a header, then one line per reminder (title linked without a preview),
 * packed into as many messages of at most 2,000 characters as the day needs. Every message has
 * the same header, so a message depends only on the reminders it names. A line too long for a
 * message even alone (a very long URL) loses its link, never its reminder.
 */
export function renderPlainDigest(
  items: readonly DueReminder[],
  subscription: Subscription,
  today: string,
): DigestPart[] {
  const header = msg("digest.title", subscription.locale, { date: today });
  const headerLength = discordLength(header);
  const parts: DigestPart[] = [];
  let content = header;
  let length = headerLength;
  let named: DueReminder[] = [];
  for (const item of items) {
    let line = digestLine(item, subscription, today, true);
    if (headerLength + 1 + discordLength(line) > LIMITS.content) {
      line = digestLine(item, subscription, today, false);
    }
    const add = 1 + discordLength(line);
    if (named.length > 0 && length + add > LIMITS.content) {
      parts.push({ content, items: named });
      content = header;
      length = headerLength;
      named = [];
    }
    content += `\n${line}`;
    length += add;
    named.push(item);
  }
  if (named.length > 0) parts.push({ content, items: named });
  return parts;
}

/**
 * A channel that can never take the message until someone fixes it (gone, no access, no
 * permission). The transport raises it (src/discord/channel-io.ts translates Discord's errors),
 * so the schedules stay free of any one chat service's error types.
 */
export class ChannelUnavailableError extends Error {
  constructor(
    readonly channelId: string,
    reason = `channel ${channelId} is gone or cannot receive messages`,
  ) {
    super(reason);
    this.name = "ChannelUnavailableError";
  }
}

/** Why a send can never work until someone fixes the channel, or null for transient errors. */
export function permanentFailureReason(error: unknown): string | null {
  return error instanceof ChannelUnavailableError ? error.message : null;
}

/** A one-line reason for the subscription list, with the HTTP status when there was one. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? `${error.message} (HTTP ${status})` : error.message;
}

export type DigestOutcome = { guildId: string; channelId: string } & (
  | { status: "sent"; messageId: string; messageIds: string[]; items: DueReminder[] }
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
  /**
   * Reads the bot's recent messages, to resume a digest after Discord's nonce window. Without it
   * (or when the history cannot be read) the unrecorded messages are sent again: a possible
   * repeat is better than a reminder nobody hears.
   */
  recentPosts?: RecentPosts;
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
      const parts = render(claim.items, sub, today);
      const alreadyPosted = await postedEarlier(options, sub, claim.resumed);
      const messageIds: string[] = [];
      try {
        for (const part of parts) {
          const id =
            alreadyPosted.get(part.content) ??
            (
              await send(sub.channelId, {
                content: part.content,
                embeds: part.embeds ?? [],
                nonce: partNonce(claim.nonce, part.items),
                enforceNonce: true,
                allowedMentions: { parse: [] },
              })
            ).id;
          // Recorded message by message: a crash or a failure later on never loses these.
          store.markRemindersSent(sub.guildId, sub.channelId, today, part.items, id);
          messageIds.push(id);
        }
        const [messageId = ""] = messageIds;
        store.markDigestSent(sub.guildId, sub.channelId, today, messageId);
        if (sub.lastError !== null) store.clearFailure(sub.guildId, sub.channelId);
        logger?.info(
          { ...where, items: claim.items.length, messageIds, resumed: claim.resumed !== null },
          "digest sent",
        );
        outcomes.push({ ...where, status: "sent", messageId, messageIds, items: claim.items });
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

/**
 * For a digest resumed after Discord's nonce window: the bot's messages in the channel since the
 * claim, by content, so a message that went out before the crash is recorded, not posted again.
 * Inside the window nothing is read: a repeat carries the same nonce and Discord drops it.
 */
async function postedEarlier(
  options: RunDigestsOptions,
  sub: Subscription,
  resumed: { claimedAt: string } | null,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (resumed === null || options.recentPosts === undefined) return found;
  const claimedAt = Date.parse(resumed.claimedAt);
  if (options.now.getTime() - claimedAt <= IN_DOUBT_RESEND_MS) return found;
  try {
    // A minute of slack for a clock that differs from Discord's.
    for (const post of await options.recentPosts(sub.channelId, new Date(claimedAt - 60_000))) {
      if (!found.has(post.content)) found.set(post.content, post.id);
    }
  } catch (error) {
    options.logger?.warn(
      { guildId: sub.guildId, channelId: sub.channelId, err: error },
      "could not read the channel to resume a digest; sending what was not recorded",
    );
  }
  return found;
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
