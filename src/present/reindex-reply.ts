/**
 * The moderator's reply after /reindex: counts, skipped records by reason with the first few
 * file:line locations, duplicates, time; or the error, with the reassurance that nothing changed.
 */
import {
  formatIssue,
  type IngestIssue,
  type IngestReport,
  skippedByReason,
} from "../ingest/report.ts";
import { type Locale, msg } from "../messages/catalogue.ts";
import { escapeMarkdown, LIMITS, truncate } from "./limits.ts";
import { PALETTE } from "./palette.ts";
import type { EmbedModel, FieldModel, ReplyModel } from "./reply-model.ts";

const FIRST_FEW = 5;

/** What a finished reindex reports (the runtime's outcome, minus "busy"). */
export type ReindexResult =
  | {
      status: "done";
      articles: number;
      previousArticles: number;
      report: IngestReport;
      totalMs: number;
    }
  | { status: "failed"; error: string };

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
  outcome: Extract<ReindexResult, { status: "done" }>,
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
  return { title: `✅ ${msg("reindex.done", locale)}`, color: PALETTE.done, fields };
}

export function reindexReply(outcome: ReindexResult, locale: Locale): ReplyModel {
  if (outcome.status === "done") {
    return { embeds: [doneEmbed(outcome, locale)], buttons: [] };
  }
  const error = truncate(outcome.error.replaceAll("```", "'''"), 1500);
  return {
    embeds: [
      {
        title: `⚠️ ${msg("reindex.failed", locale)}`,
        description: `${msg("error.label", locale)}:\n\`\`\`\n${error}\n\`\`\``,
        color: PALETTE.urgent,
        fields: [],
      },
    ],
    buttons: [],
  };
}
