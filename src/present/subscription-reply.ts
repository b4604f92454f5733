/**
 * The /deadlines subscription replies: saved, switched off, and the status list with each
 * channel's digest today and its last error. The command reads the store; this draws what it read.
 */
import { type Locale, msg } from "../messages/catalogue.ts";
import { seoulDateTime } from "../time/calendar.ts";
import { channelName } from "./channel.ts";
import { escapeMarkdown, LIMITS, truncate } from "./limits.ts";
import { PALETTE } from "./palette.ts";
import type { ReplyModel } from "./reply-model.ts";
import { type Scope, scopeLabels } from "./scope.ts";

/** One subscription as the status list shows it (a store `Subscription` has these fields). */
export interface SubscriptionView extends Scope {
  channelId: string;
  hour: number;
  lastError: string | null;
  lastErrorAt: string | null;
  failingSince: string | null;
}

/** Today's digest of a channel, when one was attempted. */
export interface DigestToday {
  status: "claimed" | "sent" | "failed";
  error: string | null;
  /** A failed digest is tried again at the next scheduled run. */
  retrying: boolean;
}

export interface SubscriptionReplyOptions {
  locale: Locale;
  /** Channels as mentions (Discord) or as #names (the offline console). */
  mentions: boolean;
}

function scopeText(scope: Scope, locale: Locale): string {
  return scopeLabels(scope, locale).join(" · ") || msg("filter.everything", locale);
}

export function subscribedReply(
  subscription: Scope & { channelId: string; hour: number },
  options: SubscriptionReplyOptions & { offline: boolean },
): ReplyModel {
  const { locale } = options;
  const lines = [
    msg("subscribe.done", locale, {
      channel: channelName(subscription.channelId, options.mentions),
      hour: subscription.hour,
    }),
    msg("subscribe.scope", locale, { scope: scopeText(subscription, locale) }),
  ];
  if (options.offline) lines.push("", msg("subscribe.offlineNote", locale));
  return {
    embeds: [{ description: lines.join("\n"), color: PALETTE.done, fields: [] }],
    buttons: [],
  };
}

export function unsubscribedReply(
  channelId: string,
  removed: boolean,
  options: SubscriptionReplyOptions,
): ReplyModel {
  const text = msg(removed ? "unsubscribe.done" : "unsubscribe.notSubscribed", options.locale, {
    channel: channelName(channelId, options.mentions),
  });
  return { embeds: [{ description: text, color: PALETTE.quiet, fields: [] }], buttons: [] };
}

function todayLine(run: DigestToday | null, locale: Locale): string | null {
  if (run === null) return null;
  const status = msg(`status.${run.status}`, locale);
  const failed = run.status === "failed";
  const why = failed && run.error ? ` (${escapeMarkdown(truncate(run.error, 200))})` : "";
  const retry = failed && run.retrying ? ` · ${msg("status.retrying", locale)}` : "";
  return msg("status.today", locale, { status: `${status}${why}${retry}` });
}

function subscriptionBlock(
  sub: SubscriptionView,
  today: DigestToday | null,
  options: SubscriptionReplyOptions,
): string {
  const { locale } = options;
  const head = [
    channelName(sub.channelId, options.mentions),
    msg("status.hour", locale, { hour: sub.hour }),
    scopeText(sub, locale),
  ].join(" · ");
  const lines = [head];
  const todayStatus = todayLine(today, locale);
  if (todayStatus) lines.push(todayStatus);
  if (sub.lastError) {
    const since = sub.failingSince
      ? ` · ${msg("status.failingSince", locale, { since: seoulDateTime(sub.failingSince) })}`
      : "";
    const at = sub.lastErrorAt ? ` (${seoulDateTime(sub.lastErrorAt)})` : "";
    const error = escapeMarkdown(truncate(sub.lastError, 300));
    lines.push(`⚠️ ${msg("status.lastError", locale, { error })}${at}${since}`);
  } else if (today?.status !== "failed") {
    // Never "working" beside a failure of today's digest: its line above says what happened.
    lines.push(`✅ ${msg("status.ok", locale)}`);
  }
  return lines.join("\n");
}

/** /deadlines status: one block per subscribed channel, within one embed description. */
export function subscriptionStatusReply(
  entries: ReadonlyArray<{ subscription: SubscriptionView; today: DigestToday | null }>,
  options: SubscriptionReplyOptions,
): ReplyModel {
  const { locale } = options;
  const description =
    entries.length === 0
      ? msg("status.none", locale)
      : truncate(
          entries.map((e) => subscriptionBlock(e.subscription, e.today, options)).join("\n\n"),
          LIMITS.description,
        );
  return {
    embeds: [
      {
        title: `🔔 ${msg("status.title", locale)}`,
        description,
        color: PALETTE.status,
        fields: [],
      },
    ],
    buttons: [],
    ephemeral: true,
  };
}
