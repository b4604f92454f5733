/**
 * `npm run eval:deadlines [-- --json] [--draw]`: how right the application deadlines are.
 *
 * 1. The `신청기간: …` lines of support-calls-2026 and bizinfo-2021 in ../shared/corpus: the line
 *    is read plainly as the truth (bench/deadline-score.ts), removed from the body, and the
 *    article goes through `analyzeArticle` (title + body, as the index reads it). The same run
 *    with the line kept shows how well the line itself is read.
 * 2. The gold set bench/deadlines-gold.json: 40 long notices whose period and events a person read
 *    (how: bench/JUDGING.md, "Deadlines").
 *
 * Precision = right / answered, recall = right / judged, where an answer is right when its end
 * equals the truth's, or, for a truth without an end (상시, 예산 소진 …), when the status matches
 * and no end is invented. Every wrong end date is listed with a first-guess reason.
 * `--draw` prints the gold sampling rule's draw instead.
 */
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { analyzeArticle } from "../src/extract/article.ts";
import type { Article, ArticleEvent } from "../src/types.ts";
import { loadRealArticles } from "./corpus.ts";
import { drawGoldSample, GOLD_PATH, type GoldNotice, loadGold } from "./deadline-gold.ts";
import {
  addToTally,
  emptyTally,
  figures,
  PERIOD_LINE,
  periodLineTruth,
  type Ratio,
  ratio,
  reasonOf,
  type Tally,
  type Truth,
  withoutPeriodLine,
} from "./deadline-score.ts";

const LINE_FILES = ["support-calls-2026.jsonl", "bizinfo-2021.jsonl"] as const;
const EVIDENCE_CHARS = 90;

interface WrongEnd {
  id: string;
  file: string;
  truth: string;
  predicted: string;
  reason: string;
  evidence: string;
}

interface Row {
  file: string;
  variant: "without line" | "with line";
  /** Records with a `신청기간` line, and how many of those the line gives no comparable truth. */
  withLine: number;
  notComparable: number;
  tally: Tally;
  microsPerRecord: number;
}

function describe(truth: Truth): string {
  return truth.end ?? truth.status;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EVIDENCE_CHARS ? `${flat.slice(0, EVIDENCE_CHARS)}…` : flat;
}

function measureLines(articles: readonly Article[]) {
  const rows: Row[] = [];
  const wrong: Record<Row["variant"], WrongEnd[]> = { "without line": [], "with line": [] };
  /** Answers without an end whose open-ended status is not the line's (상시 read as 선착순 …). */
  const wrongStatus: Record<Row["variant"], GoldMiss[]> = { "without line": [], "with line": [] };
  for (const file of LINE_FILES) {
    const records = articles.filter((a) => basename(a.origin.file) === file);
    for (const variant of ["without line", "with line"] as const) {
      const row: Row = {
        file,
        variant,
        withLine: 0,
        notComparable: 0,
        tally: emptyTally(),
        microsPerRecord: 0,
      };
      let ms = 0;
      for (const article of records) {
        const line = PERIOD_LINE.exec(article.body);
        if (!line) continue;
        row.withLine++;
        const truth = periodLineTruth(line[1] ?? "");
        if (!truth) {
          row.notComparable++;
          continue;
        }
        const input =
          variant === "with line" ? article : { ...article, body: withoutPeriodLine(article.body) };
        const t0 = performance.now();
        const { application } = analyzeArticle(input);
        ms += performance.now() - t0;
        const verdict = addToTally(row.tally, truth, application);
        if (verdict === "wrong-status")
          wrongStatus[variant].push({
            id: article.id,
            truth: describe(truth),
            predicted: application.status,
            evidence: clip(application.text),
          });
        if (verdict !== "wrong-end") continue;
        const predicted = application.end as string;
        wrong[variant].push({
          id: article.id,
          file,
          truth: describe(truth),
          predicted,
          reason: reasonOf(truth, predicted, application.text),
          evidence: clip(application.text),
        });
      }
      row.microsPerRecord = (1000 * ms) / Math.max(1, row.tally.judged);
      rows.push(row);
    }
  }
  return { rows, wrong, wrongStatus };
}

interface GoldMiss {
  id: string;
  truth: string;
  predicted: string;
  /** The extractor's evidence span, clipped ("" when it said nothing). */
  evidence: string;
}

interface EventMiss {
  id: string;
  what: string;
  start: string;
  extracted: string[];
}

function sourceOf(article: Article): string {
  return basename(article.origin.file);
}

function eventFound(gold: GoldNotice["events"][number], events: readonly ArticleEvent[]): boolean {
  return events.some((e) => e.start === gold.start);
}

function measureGold(articles: readonly Article[]) {
  const gold = loadGold();
  const byId = new Map(articles.map((a) => [a.id, a]));
  const perFile = new Map<string, Tally>();
  const all = emptyTally();
  const wrongEnds: WrongEnd[] = [];
  const wrongStatus: GoldMiss[] = [];
  const missedEnds: GoldMiss[] = [];
  const missedEvents: EventMiss[] = [];
  /** Extracted events on no gold event date: to check the gold's completeness, or spurious. */
  const extraEvents: {
    id: string;
    kind: string;
    start: string;
    end: string | null;
    evidence: string;
  }[] = [];
  let goldEvents = 0;
  let foundEvents = 0;
  let extractedEvents = 0;
  let extractedOnGoldDates = 0;
  for (const notice of gold.notices) {
    const article = byId.get(notice.id);
    if (!article) throw new Error(`gold notice ${notice.id} is not in the ingested corpus`);
    const { application, events } = analyzeArticle(article);
    const truth: Truth = { status: notice.status, end: notice.end };
    const file = sourceOf(article);
    const tally = perFile.get(file) ?? emptyTally();
    perFile.set(file, tally);
    addToTally(tally, truth, application);
    const verdict = addToTally(all, truth, application);
    if (verdict === "wrong-end") {
      const predicted = application.end as string;
      wrongEnds.push({
        id: notice.id,
        file,
        truth: describe(truth),
        predicted,
        reason: reasonOf(truth, predicted, application.text, notice.decoys),
        evidence: clip(application.text),
      });
    } else if (verdict === "missed" && truth.end !== null) {
      missedEnds.push({
        id: notice.id,
        truth: truth.end,
        predicted: application.status,
        evidence: clip(application.text),
      });
    }
    if (application.status !== notice.status)
      wrongStatus.push({
        id: notice.id,
        truth: notice.status,
        predicted: application.status,
        evidence: clip(application.text),
      });
    const goldDates = new Set(notice.events.map((e) => e.start));
    extractedEvents += events.length;
    for (const e of events) {
      if (goldDates.has(e.start)) extractedOnGoldDates++;
      else
        extraEvents.push({
          id: notice.id,
          kind: e.kind,
          start: e.start,
          end: e.end,
          evidence: clip(e.text),
        });
    }
    for (const event of notice.events) {
      goldEvents++;
      if (eventFound(event, events)) foundEvents++;
      else
        missedEvents.push({
          id: notice.id,
          what: event.what,
          start: event.start,
          extracted: events.map((e) => e.start),
        });
    }
  }
  return {
    notices: gold.notices.length,
    all: figures(all),
    perFile: [...perFile].map(([file, t]) => ({ file, ...figures(t) })),
    eventRecall: ratio(foundEvents, goldEvents),
    eventPrecision: ratio(extractedOnGoldDates, extractedEvents),
    wrongEnds,
    missedEnds,
    wrongStatus,
    missedEvents,
    extraEvents,
  };
}

function pct(r: Ratio): string {
  const value = r.value === null ? "–" : `${(100 * r.value).toFixed(1)}%`;
  return `${value} (${r.n}/${r.d})`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows
    .map((r) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join("  "))
    .join("\n")
    .replace(/ +$/gm, "");
}

function byReason(wrong: readonly WrongEnd[]): string {
  if (wrong.length === 0) return "  (none)";
  const groups = new Map<string, WrongEnd[]>();
  for (const w of wrong) groups.set(w.reason, [...(groups.get(w.reason) ?? []), w]);
  const out: string[] = [];
  for (const [reason, items] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    out.push(`  ${reason} (${items.length})`);
    out.push(
      table(
        items.map((w) => [
          `    ${w.id}`,
          `truth ${w.truth}`,
          `predicted ${w.predicted}`,
          `“${w.evidence}”`,
        ]),
      ),
    );
  }
  return out.join("\n");
}

function misses(m: GoldMiss): string {
  const evidence = m.evidence ? `  “${m.evidence}”` : "";
  return `  ${m.id}  truth ${m.truth}  predicted ${m.predicted}${evidence}`;
}

type LineResult = ReturnType<typeof measureLines>;
type GoldResult = ReturnType<typeof measureGold>;

function printLines(result: LineResult): void {
  console.log(
    "Deadlines against the 신청기간 lines of the corpus (line removed before extraction)\n",
  );
  const head = ["file", "variant", "judged", "precision", "recall", "end precision", "end recall"];
  const rows = result.rows.map((r) => {
    const f = figures(r.tally);
    return [
      r.file,
      r.variant,
      String(r.tally.judged),
      pct(f.precision),
      pct(f.recall),
      pct(f.endPrecision),
      pct(f.endRecall),
    ];
  });
  console.log(table([head, ...rows]));
  console.log(
    `\n${table([
      ["file", "variant", "lines", "not comparable", "end on open", "status right", "µs/record"],
      ...result.rows.map((r) => [
        r.file,
        r.variant,
        String(r.withLine),
        String(r.notComparable),
        String(r.tally.endOnOpen),
        pct(figures(r.tally).statusAccuracy),
        r.microsPerRecord.toFixed(0),
      ]),
    ])}`,
  );
  for (const variant of ["without line", "with line"] as const) {
    console.log(`\nWrong end dates, ${variant} (${result.wrong[variant].length}):`);
    console.log(byReason(result.wrong[variant]));
    const statuses = result.wrongStatus[variant];
    console.log(`\nWrong open-ended status, ${variant} (${statuses.length}):`);
    for (const m of statuses) console.log(misses(m));
  }
}

function printGold(result: GoldResult): void {
  console.log(`\nDeadlines against the gold set (${result.notices} notices read by hand)\n`);
  const head = [
    "file",
    "judged",
    "precision",
    "recall",
    "end precision",
    "end recall",
    "status right",
  ];
  const row = (file: string, f: GoldResult["all"]) => [
    file,
    String(f.judged),
    pct(f.precision),
    pct(f.recall),
    pct(f.endPrecision),
    pct(f.endRecall),
    pct(f.statusAccuracy),
  ];
  console.log(table([head, ...result.perFile.map((f) => row(f.file, f)), row("all", result.all)]));
  console.log(
    `\nevent-date recall ${pct(result.eventRecall)}; extracted events on a gold event date ${pct(result.eventPrecision)}`,
  );
  console.log(`\nWrong end dates (${result.wrongEnds.length}):`);
  console.log(byReason(result.wrongEnds));
  console.log(`\nMissed end dates (${result.missedEnds.length}):`);
  for (const m of result.missedEnds) console.log(misses(m));
  console.log(`\nWrong status (${result.wrongStatus.length}):`);
  for (const m of result.wrongStatus) console.log(misses(m));
  console.log(`\nMissed events (${result.missedEvents.length}):`);
  for (const m of result.missedEvents)
    console.log(`  ${m.id}  ${m.start} ${m.what}  extracted: ${m.extracted.join(", ") || "none"}`);
  console.log(`\nExtracted events on no gold event date (${result.extraEvents.length}):`);
  for (const e of result.extraEvents)
    console.log(`  ${e.id}  ${e.kind} ${e.start}${e.end ? `..${e.end}` : ""}  “${e.evidence}”`);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      json: { type: "boolean", default: false },
      draw: { type: "boolean", default: false },
    },
  });
  const articles = loadRealArticles();
  if (values.draw) {
    const byId = new Map(articles.map((a) => [a.id, a]));
    for (const id of drawGoldSample(articles)) {
      const a = byId.get(id) as Article;
      console.log(`${id}\t${sourceOf(a)}\t${a.body.length}`);
    }
    return;
  }
  const lines = measureLines(articles);
  const gold = existsSync(GOLD_PATH) ? measureGold(articles) : null;
  if (values.json) {
    const rows = lines.rows.map((r) => ({
      file: r.file,
      variant: r.variant,
      lines: r.withLine,
      notComparable: r.notComparable,
      ...figures(r.tally),
      microsPerRecord: Math.round(r.microsPerRecord),
    }));
    console.log(
      JSON.stringify(
        { lines: { rows, wrongEnds: lines.wrong, wrongStatus: lines.wrongStatus }, gold },
        null,
        2,
      ),
    );
    return;
  }
  printLines(lines);
  if (gold) printGold(gold);
  else console.log("\n(no bench/deadlines-gold.json yet: gold set not scored)");
}

main();
