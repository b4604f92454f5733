import type { Article, Origin } from "../types.ts";

/** One problem with one input, reported as a single line with file and line. */
export interface IngestIssue extends Origin {
  reason: string;
  /**
   * A duplicate that was not a repeat: another article already had its id, so this one's text
   * is lost, and the operator is shown which one (a repeat of the same article is only counted).
   */
  lost?: true;
}

export interface IngestReport {
  files: string[];
  /** Records read before deduplication (articles that survived validation). */
  read: number;
  skipped: IngestIssue[];
  /** Input accepted after a repair (e.g. decomposed Hangul recomposed). */
  repaired: IngestIssue[];
  duplicates: IngestIssue[];
  /** Articles kept without their URL because it failed the URL gate (`safe-url.ts`). */
  droppedUrls: IngestIssue[];
}

export interface IngestResult {
  articles: Article[];
  report: IngestReport;
}

// Control characters (an escape sequence in a broken file, quoted back by a JSON error) would
// act on the terminal that prints a report, and line separators would split its one line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `text` on one terminal line: control characters and line separators shown as `\u001b`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * `file:line: reason` (without the line when there is none: a whole file, a stored article), on
 * one line, with control characters shown as `\u001b`.
 */
export function formatIssue(issue: IngestIssue): string {
  return printable(
    issue.line > 0
      ? `${issue.file}:${issue.line}: ${issue.reason}`
      : `${issue.file}: ${issue.reason}`,
  );
}

/** Issues quoted in full in the one-line error of a build that found nothing usable. */
const ISSUES_QUOTED = 3;

/**
 * Why a build found nothing to index, in one line: no source files, or the first skipped
 * inputs with file, line and reason.
 */
export function nothingUsableReason(places: readonly string[], report: IngestReport): string {
  const where = `no usable articles in ${printable(places.join(", "))}`;
  const { skipped } = report;
  if (report.files.length === 0 && skipped.length === 0) {
    return `${where}: no .txt or .jsonl files there`;
  }
  if (skipped.length === 0) return where;
  const quoted = skipped.slice(0, ISSUES_QUOTED).map(formatIssue).join("; ");
  const more = skipped.length > ISSUES_QUOTED ? `; and ${skipped.length - ISSUES_QUOTED} more` : "";
  return `${where}; ${skipped.length} input(s) skipped: ${quoted}${more}`;
}

/** Counts of skipped records grouped by their reason's leading phrase (before any colon). */
export function skippedByReason(report: IngestReport): Map<string, number> {
  const counts = new Map<string, number>();
  for (const issue of report.skipped) {
    const key = issue.reason.split(":")[0] ?? issue.reason;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
