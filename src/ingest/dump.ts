import { findBylines } from "./bylines.ts";
import type { RawRecord } from "./record.ts";
import type { Sidecar } from "./sidecar.ts";

/** 1-based line number of a character offset. */
function lineAt(offset: number, lineStarts: number[]): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function recordFrom(
  body: string,
  file: string,
  line: number,
  sidecar: Sidecar,
  outlet: string | null,
  reporter: string | null,
): RawRecord {
  return {
    body,
    url: sidecar.url,
    // A sidecar's url names the page the dump came from, never an article.
    urlIsArticle: false,
    publishedAt: sidecar.publishedAt,
    source: sidecar.source ?? outlet,
    reporter,
    origin: { file, line },
  };
}

/**
 * Splits a raw dump into article records at bylines; articles may follow each other on the same
 * line. Text before the first byline is kept as an article of its own (a dump may start mid-way).
 * A dump without any byline is split at blank lines.
 */
export function segmentDump(text: string, file: string, sidecar: Sidecar): RawRecord[] {
  const starts = lineStartsOf(text);
  const bylines = findBylines(text);
  if (bylines.length === 0) return splitAtBlankLines(text, file, sidecar, starts);

  const records: RawRecord[] = [];
  const first = bylines[0];
  if (first && text.slice(0, first.index).trim().length > 0) {
    records.push(recordFrom(text.slice(0, first.index), file, 1, sidecar, null, null));
  }
  bylines.forEach((byline, i) => {
    const bodyStart = byline.index + byline.length;
    const bodyEnd = bylines[i + 1]?.index ?? text.length;
    const line = lineAt(byline.index, starts);
    records.push(
      recordFrom(
        text.slice(bodyStart, bodyEnd),
        file,
        line,
        sidecar,
        byline.outlet,
        byline.reporter,
      ),
    );
  });
  return records;
}

function splitAtBlankLines(
  text: string,
  file: string,
  sidecar: Sidecar,
  starts: number[],
): RawRecord[] {
  const records: RawRecord[] = [];
  const blank = /\n[ \t]*\n/g;
  let from = 0;
  const push = (to: number) => {
    const chunk = text.slice(from, to);
    const lead = chunk.search(/\S/);
    if (lead !== -1) {
      records.push(recordFrom(chunk, file, lineAt(from + lead, starts), sidecar, null, null));
    }
  };
  for (const match of text.matchAll(blank)) {
    push(match.index ?? 0);
    from = (match.index ?? 0) + match[0].length;
  }
  push(text.length);
  return records;
}
