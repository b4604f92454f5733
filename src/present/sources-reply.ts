/**
 * The /sources replies: every source of the sources file with its state (kind, last success,
 * last error, new in the last 24 h, next run, paused), and what a refresh fetched per source.
 * Errors come from servers and URLs: they are shown as written, never as markdown.
 */
import { formatCount, type Locale, msg } from "../messages/catalogue.ts";
import type { FileState, SourceView } from "../runtime/source-service.ts";
import type { SourceReport } from "../sources/run.ts";
import { seoulDateTime } from "../time/calendar.ts";
import { escapeMarkdown, truncate } from "./limits.ts";
import { PALETTE } from "./palette.ts";
import type { EmbedModel, FieldModel, ReplyModel } from "./reply-model.ts";

/** Discord allows 25 fields per embed; a longer list is cut with a count of the rest. */
const MAX_FIELDS = 25;

/** `900000` → "15m", `5400000` → "1h30m": a source's `every` as the file writes it. */
export function formatEvery(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["m", 60],
    ["s", 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join("") || "0s";
}

/** Text from a source's error (URLs, server messages): shown as written, never as markdown. */
function plain(text: string, max: number): string {
  return escapeMarkdown(truncate(text.replace(/\s+/g, " "), max));
}

function sourceField(view: SourceView, locale: Locale): FieldModel {
  const lines = [
    view.lastSuccessAt
      ? msg("sources.list.lastSuccess", locale, { time: seoulDateTime(view.lastSuccessAt) })
      : msg("sources.list.neverSucceeded", locale),
  ];
  if (view.lastError && view.lastErrorAt) {
    lines.push(
      `⚠️ ${msg("sources.list.lastError", locale, {
        time: seoulDateTime(view.lastErrorAt),
        error: plain(view.lastError, 300),
      })}`,
    );
  }
  lines.push(
    msg("sources.list.newLastDay", locale, { count: formatCount(view.newLastDay, locale) }),
  );
  if (view.paused) {
    lines.push(msg("sources.list.paused", locale, { failures: view.failures, name: view.name }));
  } else if (view.running) {
    lines.push(`🔄 ${msg("sources.list.running", locale)}`);
  } else if (view.nextRun) {
    lines.push(msg("sources.list.nextRun", locale, { time: seoulDateTime(view.nextRun) }));
  } else {
    lines.push(msg("sources.list.notScheduled", locale));
  }
  const every = msg("sources.list.every", locale, { every: formatEvery(view.everyMs) });
  return {
    name: truncate(`${view.paused ? "⏸️ " : ""}${view.name} · ${view.kind} · ${every}`, 256),
    value: truncate(lines.join("\n"), 1024),
    inline: false,
  };
}

export function fileNotice(file: FileState, locale: Locale): string {
  const path = plain(file.path, 200);
  if (file.status === "absent") return msg("sources.list.absent", locale, { path });
  if (file.status === "invalid") {
    const errors = file.errors.slice(0, 10).map((error) => `• ${plain(error, 200)}`);
    if (file.errors.length > 10) errors.push(`… +${file.errors.length - 10}`);
    return [msg("sources.list.invalid", locale, { path }), ...errors].join("\n");
  }
  return msg("sources.list.empty", locale, { path });
}

/** Every source with its state, for everyone; the file's problem when there are none. */
export function sourcesListReply(
  views: readonly SourceView[],
  file: FileState,
  locale: Locale,
): ReplyModel {
  const embed: EmbedModel = {
    title: `📡 ${msg("sources.list.title", locale, { count: views.length })}`,
    color: PALETTE.status,
    fields: views.slice(0, MAX_FIELDS).map((view) => sourceField(view, locale)),
  };
  if (views.length === 0) embed.description = truncate(fileNotice(file, locale), 4000);
  else if (views.length > MAX_FIELDS) embed.footer = `… +${views.length - MAX_FIELDS}`;
  return { embeds: [embed], buttons: [], ephemeral: true };
}

function reportLine(report: SourceReport, locale: Locale): string {
  if (report.ok) {
    const counts = msg("sources.refresh.counts", locale, {
      new: report.new,
      updated: report.updated,
      unchanged: report.unchanged,
      skipped: report.skipped,
    });
    const notModified = report.notModified
      ? ` (${msg("sources.refresh.notModified", locale)})`
      : "";
    return `${counts}${notModified}`;
  }
  const error = plain(report.error ?? "?", 300);
  return report.paused
    ? msg("sources.refresh.paused", locale, { error })
    : msg("sources.refresh.failed", locale, { error });
}

/** What a refresh fetched: one field per source, its counts or its error. */
export function sourcesRefreshReply(reports: readonly SourceReport[], locale: Locale): ReplyModel {
  return {
    embeds: [
      {
        title: `📡 ${msg("sources.refresh.title", locale, { count: reports.length })}`,
        color: reports.every((r) => r.ok) ? PALETTE.done : PALETTE.attention,
        fields: reports.slice(0, MAX_FIELDS).map((report) => ({
          name: `${report.name} · ${report.kind}`,
          value: truncate(reportLine(report, locale), 1024),
          inline: false,
        })),
      },
    ],
    buttons: [],
    ephemeral: true,
  };
}

/** A source name that is not in the file, with the names that are. */
export function unknownSourceText(name: string, known: readonly string[], locale: Locale): string {
  return msg("sources.unknown", locale, {
    name: plain(name, 40),
    known: known.length > 0 ? known.join(", ") : "—",
  });
}
