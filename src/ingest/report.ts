import type { Article, Origin } from "../types.ts";

/** One problem with one input, reported as a single line with file and line. */
export interface IngestIssue extends Origin {
  reason: string;
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

/** `file:line: reason`; without the line when there is none (a whole file, a stored article). */
export function formatIssue(issue: IngestIssue): string {
  return issue.line > 0
    ? `${issue.file}:${issue.line}: ${issue.reason}`
    : `${issue.file}: ${issue.reason}`;
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
