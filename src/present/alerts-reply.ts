/**
 * The /alerts replies to the moderator: an alert saved (with the articles it would have posted
 * lately), the server's list, and an alert removed, paused or resumed. The message an alert posts
 * in its channel is alert-message.ts.
 */
import { type Alert, type AlertMode, MANUAL_PAUSE, MAX_ALERTS_PER_GUILD } from "../alerts/alert.ts";
import { type Locale, msg } from "../messages/catalogue.ts";
import type { SearchHit } from "../query/answer.ts";
import { seoulDateTime } from "../time/calendar.ts";
import { alertInterpretation, alertTitle } from "./alert-message.ts";
import { articleEmbed } from "./article-embed.ts";
import { channelName } from "./channel.ts";
import { escapeMarkdown, truncate } from "./limits.ts";
import { PALETTE } from "./palette.ts";
import type { EmbedModel, FieldModel, ReplyModel } from "./reply-model.ts";

export interface AlertsReplyOptions {
  locale: Locale;
  /** Today in Seoul: what an alert's time words mean in its name. */
  asOf: string;
  /** Channels as mentions (Discord) or as #names (the offline console). */
  mentions: boolean;
  /** The hour (Seoul) a daily alert's digest is posted. */
  digestHour: (alert: Alert) => number;
}

/** A change the moderator asked for, done: green, for the asker only. */
function done(description: string, extra: EmbedModel[] = [], title?: string): ReplyModel {
  return {
    embeds: [{ title, description, color: PALETTE.done, fields: [] }, ...extra],
    buttons: [],
    ephemeral: true,
  };
}

function modeLabel(alert: Alert, options: AlertsReplyOptions): string {
  const mode: AlertMode = alert.mode;
  return mode === "daily"
    ? msg("alerts.mode.daily", options.locale, { hour: options.digestHour(alert) })
    : msg("alerts.mode.instant", options.locale);
}

/**
 * /alerts add: where and how the alert posts, what its question was understood to mean, and the
 * articles of the last `sampleDays` it would have posted (`sample`, newest first).
 */
export function alertAddedReply(
  alert: Alert,
  sample: readonly SearchHit[],
  options: AlertsReplyOptions & { sampleDays: number; offline: boolean },
): ReplyModel {
  const { locale, asOf } = options;
  const lines = [
    msg("alerts.added.where", locale, {
      channel: channelName(alert.channelId, options.mentions),
      mode: modeLabel(alert, options),
    }),
    msg("alerts.added.question", locale, {
      interpretation: escapeMarkdown(alert.interpretation),
    }),
    msg("alerts.added.fromNow", locale),
    "",
    sample.length > 0
      ? msg("alerts.added.sample", locale, { count: sample.length })
      : msg("alerts.added.noSample", locale, { days: options.sampleDays }),
  ];
  if (options.offline) lines.push("", msg("alerts.offlineNote", locale));
  const embeds = sample.map((hit) => articleEmbed(hit.article, { asOf, locale }));
  return done(
    lines.join("\n"),
    embeds,
    `🔔 ${msg("alerts.added.title", locale, { id: alert.id })}`,
  );
}

function pauseLine(alert: Alert, locale: Locale): string | null {
  if (alert.pausedAt === null) return null;
  if (alert.pauseReason === MANUAL_PAUSE) return `⏸️ ${msg("alerts.list.pausedManually", locale)}`;
  const reason = escapeMarkdown(truncate(alert.pauseReason ?? "", 80));
  return `⏸️ ${msg("alerts.list.pausedRefused", locale, { reason })}`;
}

/** One alert of the list: a field, kept short so 25 of them fit Discord's 6,000 characters. */
function listField(alert: Alert, options: AlertsReplyOptions): FieldModel {
  const { locale } = options;
  const posted = alert.lastPostedAt
    ? msg("alerts.list.lastPosted", locale, { time: seoulDateTime(alert.lastPostedAt) })
    : msg("alerts.list.neverPosted", locale);
  const lines = [
    [channelName(alert.channelId, options.mentions), modeLabel(alert, options), posted].join(" · "),
  ];
  const paused = pauseLine(alert, locale);
  if (paused) lines.push(paused);
  else if (alert.lastError) {
    const error = escapeMarkdown(truncate(alert.lastError, 60));
    lines.push(`⚠️ ${msg("alerts.list.lastError", locale, { error })}`);
  }
  return {
    name: truncate(alertTitle(alert, options.asOf, locale), 80),
    value: truncate(lines.join("\n"), 160),
    inline: false,
  };
}

/** /alerts list: the server's alerts, one field each. */
export function alertListReply(alerts: readonly Alert[], options: AlertsReplyOptions): ReplyModel {
  const { locale } = options;
  const title = `🔔 ${msg("alerts.list.title", locale, { count: alerts.length, max: MAX_ALERTS_PER_GUILD })}`;
  return {
    embeds: [
      {
        title,
        description: alerts.length === 0 ? msg("alerts.list.none", locale) : undefined,
        color: PALETTE.status,
        fields: alerts.map((alert) => listField(alert, options)),
      },
    ],
    buttons: [],
    ephemeral: true,
  };
}

/** /alerts remove, pause, resume: done. */
export function alertChangedReply(
  change: "removed" | "paused" | "resumed",
  alert: Alert,
  options: Pick<AlertsReplyOptions, "locale" | "asOf">,
): ReplyModel {
  const { locale } = options;
  const { id } = alert;
  if (change !== "removed") return done(msg(`alerts.${change}`, locale, { id }));
  const interpretation = escapeMarkdown(alertInterpretation(alert, options.asOf, locale));
  return done(msg("alerts.removed", locale, { id, interpretation }));
}
