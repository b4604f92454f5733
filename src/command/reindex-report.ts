/**
 * The moderator's report after /reindex: counts, skipped records by reason with the first few
 * file:line locations, duplicates, time; or the error, with the reassurance that nothing changed.
 */
import { formatIssue, type IngestIssue, skippedByReason } from "../ingest/report.ts";
import { type Locale, msg } from "../messages/catalogue.ts";
import { escapeMarkdown, LIMITS, truncate } from "../present/limits.ts";
import type { EmbedModel, FieldModel, ReplyModel } from "../present/reply-model.ts";
import type { ReindexOutcome } from "../runtime/reindex.ts";

const FIRST_FEW = 5;
const OK_COLOR = 0x22c55e;
const FAILED_COLOR = 0xef4444;

const SEOUL_CLOCK = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Seoul",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** "14:03:22 KST": when a running reindex began. */
export function seoulClock(instant: Date): string {
  return `${SEOUL_CLOCK.format(instant)} KST`;
}

function issueLines(issues: readonly IngestIssue[]): string[] {
  const lines = issues
    .slice(0, FIRST_FEW)
    .map((issue) => `• ${escapeMarkdown(truncate(formatIssue(issue), 180))}`);
  if (issues.length > FIRST_FEW) lines.push(`… +${issues.length - FIRST_FEW}`);
  return lines;
}

function field(name: string, lines: string[]): FieldModel {
  return { name, value: truncate(lines.join("\n"), LIMITS.fieldValue), inline: false };
}

function doneEmbed(
  outcome: Extract<ReindexOutcome, { status: "done" }>,
  locale: Locale,
): EmbedModel {
  const { report } = outcome;
  const byReason = [...skippedByReason(report)].map(
    ([reason, count]) => `${escapeMarkdown(reason)}: ${count}`,
  );
  const fields: FieldModel[] = [
    {
      name: msg("reindex.articles", locale),
      value: `${outcome.articles} (← ${outcome.previousArticles})`,
      inline: true,
    },
    { name: msg("reindex.files", locale), value: String(report.files.length), inline: true },
    { name: msg("reindex.took", locale), value: `${outcome.totalMs} ms`, inline: true },
    field(
      `${msg("reindex.skipped", locale)} (${report.skipped.length})`,
      report.skipped.length === 0
        ? [msg("common.none", locale)]
        : [...byReason, ...issueLines(report.skipped)],
    ),
  ];
  if (report.duplicates.length > 0) {
    fields.push(
      field(
        `${msg("reindex.duplicates", locale)} (${report.duplicates.length})`,
        issueLines(report.duplicates),
      ),
    );
  }
  if (report.repaired.length > 0) {
    fields.push(
      field(
        `${msg("reindex.repaired", locale)} (${report.repaired.length})`,
        issueLines(report.repaired),
      ),
    );
  }
  if (report.droppedUrls.length > 0) {
    fields.push(
      field(
        `${msg("reindex.droppedUrls", locale)} (${report.droppedUrls.length})`,
        issueLines(report.droppedUrls),
      ),
    );
  }
  return { title: `✅ ${msg("reindex.done", locale)}`, color: OK_COLOR, fields };
}

export function reindexReport(
  outcome: Exclude<ReindexOutcome, { status: "busy" }>,
  locale: Locale,
): ReplyModel {
  if (outcome.status === "done") {
    return { embeds: [doneEmbed(outcome, locale)], buttons: [] };
  }
  const error = truncate(outcome.error.replaceAll("```", "'''"), 1500);
  return {
    embeds: [
      {
        title: `⚠️ ${msg("reindex.failed", locale)}`,
        description: `${msg("error.label", locale)}:\n\`\`\`\n${error}\n\`\`\``,
        color: FAILED_COLOR,
        fields: [],
      },
    ],
    buttons: [],
  };
}
