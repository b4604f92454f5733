/**
 * Pieces of the /deadlines subscription replies: who may manage reminders, how a channel is
 * named on each transport (and read from a channel option), and the status list with each subscription's last error.
 */
import { type Locale, msg } from "../messages/catalogue.ts";
import { escapeMarkdown, LIMITS, truncate } from "../present/limits.ts";
import { type DigestRun, MAX_DIGEST_ATTEMPTS, type Subscription } from "../state/store.ts";
import { seoulDate } from "../time/calendar.ts";
import { type CommandContext, type CommandReply, stringOption } from "./context.ts";
import { filterLabels } from "./options.ts";

/** A mention on Discord; in the console, where a mention would print as `<#…>`, the name. */
export function channelLabel(ctx: Pick<CommandContext, "transport">, channelId: string): string {
  return ctx.transport === "discord" && /^\d+$/.test(channelId)
    ? `<#${channelId}>`
    : `#${channelId}`;
}

/** A channel id from Discord, or what was typed in the console (#name, <#id>). */
export function channelOption(ctx: CommandContext): string | null {
  const value = stringOption(ctx, "channel");
  return value === null ? null : value.replace(/^<#(\d+)>$/, "$1").replace(/^#/, "");
}

const SEOUL_TIME = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Seoul",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** "2026-05-01 09:30": an ISO instant as a Seoul wall-clock time, for status lists. */
export function seoulTime(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : SEOUL_TIME.format(instant);
}

function todayLine(run: DigestRun | null, locale: Locale): string | null {
  if (run === null) return null;
  const status = msg(`status.${run.status}`, locale);
  const why =
    run.status === "failed" && run.error ? ` (${escapeMarkdown(truncate(run.error, 200))})` : "";
  const retry =
    run.status === "failed" && run.attempts < MAX_DIGEST_ATTEMPTS
      ? ` · ${msg("status.retrying", locale)}`
      : "";
  return msg("status.today", locale, { status: `${status}${why}${retry}` });
}

function subscriptionBlock(ctx: CommandContext, sub: Subscription, today: string): string {
  const { locale } = ctx;
  const scope = filterLabels(sub, locale);
  const head = [
    channelLabel(ctx, sub.channelId),
    msg("status.hour", locale, { hour: sub.hour }),
    scope.join(" · ") || msg("filter.everything", locale),
  ].join(" · ");
  const lines = [head];
  const run = ctx.store.digestRun(sub.guildId, sub.channelId, today);
  const todayStatus = todayLine(run, locale);
  if (todayStatus) lines.push(todayStatus);
  if (sub.lastError) {
    const since = sub.failingSince
      ? ` · ${msg("status.failingSince", locale, { since: seoulTime(sub.failingSince) })}`
      : "";
    const at = sub.lastErrorAt ? ` (${seoulTime(sub.lastErrorAt)})` : "";
    lines.push(
      `⚠️ ${msg("status.lastError", locale, { error: escapeMarkdown(truncate(sub.lastError, 300)) })}${at}${since}`,
    );
  } else if (run?.status !== "failed") {
    // Never "working" beside a failure of today's digest: its line above says what happened.
    lines.push(`✅ ${msg("status.ok", locale)}`);
  }
  return lines.join("\n");
}

/** /deadlines status: one block per subscribed channel, within one embed description. */
export function statusReply(ctx: CommandContext, guildId: string): CommandReply {
  const subscriptions = ctx.store.listForGuild(guildId);
  const today = seoulDate(ctx.clock());
  const description =
    subscriptions.length === 0
      ? msg("status.none", ctx.locale)
      : truncate(
          subscriptions.map((sub) => subscriptionBlock(ctx, sub, today)).join("\n\n"),
          LIMITS.description,
        );
  return {
    embeds: [
      { title: `🔔 ${msg("status.title", ctx.locale)}`, description, color: 0x6366f1, fields: [] },
    ],
    buttons: [],
    ephemeral: true,
    resultCount: subscriptions.length,
  };
}
