/**
 * An alert: a saved question whose new matching articles are posted to a channel. The question is
 * kept as typed, with the slash command's region and category options, and asked again each time
 * articles arrive, exactly as `/news search` would ask it that day (time words such as 이번 주
 * mean that day's week).
 */
import type { SearchRequest } from "../query/answer.ts";
import { addDays, seoulDate } from "../time/calendar.ts";
import type { AnalyzedArticle } from "../types.ts";

export const ALERT_MODES = ["instant", "daily"] as const;
export type AlertMode = (typeof ALERT_MODES)[number];

/** At most this many alerts per server, paused ones included. */
export const MAX_ALERTS_PER_GUILD = 25;
/** An article published more than this many days ago is never posted (a source added late). */
export const FRESH_DAYS = 7;
/** Articles per message: Discord's limit of ten embeds. */
export const ARTICLES_PER_POST = 10;
/** The pause reason a moderator's /alerts pause records (any other reason is a channel's refusal). */
export const MANUAL_PAUSE = "manual";

export interface AlertQuestion {
  /** The question as typed (NFC, trimmed). */
  query: string;
  /** The region option (a code or a name the gazetteer knows), or null. */
  region: string | null;
  /** The category option (a category id), or null. */
  category: string | null;
}

export interface Alert extends AlertQuestion {
  id: number;
  guildId: string;
  channelId: string;
  /** What the question was understood to mean when it was saved, in `locale`. */
  interpretation: string;
  mode: AlertMode;
  /** The language of its posts: that of the moderator who created it. */
  locale: "ko" | "en";
  createdBy: string;
  /** ISO instant. */
  createdAt: string;
  /** ISO instant, or null while the alert posts. */
  pausedAt: string | null;
  /** Why it is paused: a moderator's pause, or the channel's refusal. */
  pauseReason: string | null;
  lastPostedAt: string | null;
  /** The last failed send that was not final (it is retried at the next round). */
  lastError: string | null;
  lastErrorAt: string | null;
}

/** The request `/news search` would make for this question on `asOf`. */
export function alertRequest(question: AlertQuestion, asOf: string): SearchRequest {
  return {
    query: question.query,
    asOf,
    region: question.region,
    category: question.category,
  };
}

/**
 * Whether an arriving article may be posted at all: never one published before the alert was
 * created (saving an alert floods nothing), nor one more than FRESH_DAYS old on arrival (a source
 * added late brings its archive). An undated article counts as published when it arrives.
 */
export function freshness(
  alert: Pick<Alert, "createdAt">,
  today: string,
): (article: AnalyzedArticle) => boolean {
  const createdOn = seoulDate(new Date(alert.createdAt));
  const oldest = addDays(today, -FRESH_DAYS);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings; Math.max would give NaN.
  const since = createdOn > oldest ? createdOn : oldest;
  return (article) => article.publishedAt === null || article.publishedAt >= since;
}
