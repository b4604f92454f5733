/**
 * Measures the application extractor against the `신청기간: …` lines of two public dumps.
 *
 * The line is parsed here independently and simply (it is the ground truth), then removed from
 * the body before extraction, so the extractor has to find the period from the title, summary
 * and the rest. The same run with the line kept shows how well the line itself is read.
 *
 *   node bin/run-ts.js scripts/measure-dates.ts [corpus-dir]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { extractSchedule } from "../src/extract/schedule.ts";
import type { ApplicationStatus } from "../src/types.ts";

const CORPUS = process.argv[2] ?? "/work/shared/corpus";
const FILES = ["support-calls-2026.jsonl", "bizinfo-2021.jsonl"];
const PERIOD_LINE = /^신청기간: ?(.*)$/m;

interface CorpusRecord {
  id: string;
  title: string | null;
  publishedAt: string | null;
  body: string;
}

type Truth = { status: ApplicationStatus; end: string | null } | null;

function readRecords(file: string): CorpusRecord[] {
  return readFileSync(join(CORPUS, file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as CorpusRecord);
}

/** The listed period, read the plain way. Null when it says nothing comparable (종료, D-7, 매월 …). */
function truthOf(period: string): Truth {
  const p = period.normalize("NFKC").replace(/\s+/g, " ").trim();
  const iso = /(\d{4})-(\d{2})-(\d{2})\s*$/.exec(p);
  if (iso && /~/.test(p)) return { status: "dated", end: `${iso[1]}-${iso[2]}-${iso[3]}` };
  const compact = /~ ?(\d{4})(\d{2})(\d{2})$/.exec(p);
  if (compact) return { status: "dated", end: `${compact[1]}-${compact[2]}-${compact[3]}` };
  const dotted = /^~ ?(\d{4})\.(\d{2})\.(\d{2})$/.exec(p);
  if (dotted) return { status: "dated", end: `${dotted[1]}-${dotted[2]}-${dotted[3]}` };
  if (/소진/.test(p)) return { status: "until-budget", end: null };
  if (/상시|연중|수시/.test(p)) return { status: "rolling", end: null };
  if (/선착순|선순|(모집|신청) ?(완료|마감) ?시/.test(p))
    return { status: "first-come", end: null };
  if (/추후|별도/.test(p)) return { status: "tba", end: null };
  if (/별 ?상이/.test(p)) return { status: "varies", end: null };
  return null;
}

interface Tally {
  records: number;
  judged: number;
  truthEnds: number;
  predictedEnds: number;
  correctEnds: number;
  truthOpen: number;
  predictedOpen: number;
  correctOpen: number;
  /** Open-ended where the line is open-ended too, whichever kind (상시 vs 예산 소진). */
  anyOpen: number;
  wrongDeadlineOnOpen: number;
  ms: number;
}

function emptyTally(): Tally {
  return {
    records: 0,
    judged: 0,
    truthEnds: 0,
    predictedEnds: 0,
    correctEnds: 0,
    truthOpen: 0,
    predictedOpen: 0,
    correctOpen: 0,
    anyOpen: 0,
    wrongDeadlineOnOpen: 0,
    ms: 0,
  };
}

const OPEN = new Set<ApplicationStatus>(["rolling", "first-come", "until-budget", "tba", "varies"]);

function score(tally: Tally, truth: Truth, text: string, publishedAt: string | null): void {
  tally.records++;
  const t0 = performance.now();
  const { application: app } = extractSchedule(text, { publishedAt });
  tally.ms += performance.now() - t0;
  if (!truth) return;
  tally.judged++;
  if (truth.end) tally.truthEnds++;
  if (OPEN.has(truth.status)) tally.truthOpen++;
  if (app.end) {
    tally.predictedEnds++;
    if (app.end === truth.end) tally.correctEnds++;
    if (OPEN.has(truth.status)) tally.wrongDeadlineOnOpen++;
  }
  if (OPEN.has(app.status)) {
    tally.predictedOpen++;
    if (app.status === truth.status) tally.correctOpen++;
    if (OPEN.has(truth.status)) tally.anyOpen++;
  }
}

function pct(n: number, d: number): string {
  return d === 0 ? "   –  " : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
}

function row(label: string, t: Tally): string {
  return [
    label.padEnd(40),
    String(t.judged).padStart(5),
    `${pct(t.correctEnds, t.predictedEnds)} (${t.correctEnds}/${t.predictedEnds})`.padEnd(22),
    `${pct(t.correctEnds, t.truthEnds)} (${t.correctEnds}/${t.truthEnds})`.padEnd(22),
    `${pct(t.correctOpen, t.predictedOpen)} (${t.correctOpen}/${t.predictedOpen})`.padEnd(22),
    `${pct(t.correctOpen, t.truthOpen)} (${t.correctOpen}/${t.truthOpen})`.padEnd(22),
    `${pct(t.anyOpen, t.predictedOpen)}`.padEnd(9),
    String(t.wrongDeadlineOnOpen).padStart(5),
    `${((1000 * t.ms) / Math.max(1, t.records)).toFixed(1)} µs`.padStart(9),
  ].join(" ");
}

function main(): void {
  const header = [
    "file / variant".padEnd(40),
    "judged",
    "end precision".padEnd(22),
    "end recall".padEnd(22),
    "open-status precision".padEnd(22),
    "open-status recall".padEnd(22),
    "any-open".padEnd(9),
    "end@open",
    "per record",
  ].join(" ");
  console.log(header);
  console.log("-".repeat(header.length + 4));
  for (const file of FILES) {
    const without = emptyTally();
    const withLine = emptyTally();
    for (const r of readRecords(file)) {
      const m = PERIOD_LINE.exec(r.body);
      if (!m) continue;
      const truth = truthOf(m[1] ?? "");
      score(
        without,
        truth,
        r.body.replace(PERIOD_LINE, "").replace(/\n{2,}/g, "\n"),
        r.publishedAt,
      );
      score(withLine, truth, r.body, r.publishedAt);
    }
    console.log(row(`${file} without line`, without));
    console.log(row(`${file} with line`, withLine));
  }
  console.log(
    "\nend precision = right end dates / end dates given; end recall = right / listed dated ends;",
  );
  console.log(
    "open-status = rolling, first-come, until-budget, tba, varies (same kind as the line); any-open = open-ended where the line is\nopen-ended too, of whatever kind; end@open = an end date given where the line says open-ended.",
  );
}

main();
