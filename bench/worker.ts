/**
 * One measurement in its own process, so each engine's heap and RSS are its own. Started by
 * bench/run.ts as `node --expose-gc --max-old-space-size=N bin/run-ts.js bench/worker.ts MODE …`;
 * writes one JSON object to --result. Modes:
 *   jiwon    ingest + analyse + both engines through the project's code, the tokenisation floor,
 *            memory, snapshot save, and the query mix through answerSearch + searchReply;
 *   load     loadSnapshot of the file jiwon saved: its time, then memory once the loaded index
 *            has answered the query mix (what a serving process holds);
 *   minisearch | orama | scan   the peers on the same ingested articles and the same queries;
 *   fts5     the SQLite FTS5 peer, built into a database file (--db) whose size is reported;
 *   fts5-open  opens that file in a fresh process: time to the first answer, then memory.
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { analyze } from "../src/analysis/tokenize.ts";
import { analyzeArticle } from "../src/extract/article.ts";
import { type BuildStages, buildIndex } from "../src/index/build.ts";
import { dayString } from "../src/index/doc-store.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { loadSnapshot, saveSnapshot } from "../src/index/snapshot.ts";
import { withArticles } from "../src/index/update.ts";
import { ingestSources } from "../src/ingest/sources.ts";
import { warmUp } from "../src/runtime/warm-up.ts";
import { addDays } from "../src/time/calendar.ts";
import type { AnalyzedArticle, Article } from "../src/types.ts";
import { buildFts5, fts5Bytes, openFts5 } from "./fts5.ts";
import { gc, type MemoryFigures, memory, type QueryFigures, timeQueries } from "./measure.ts";
import { buildPeer, type PeerDoc, type PeerName } from "./peers.ts";
import { fullPipeline } from "./pipeline.ts";
import { BENCH_AS_OF } from "./queries.ts";
import { MB, round } from "./stats.ts";

export interface JiwonFigures extends MemoryFigures, QueryFigures {
  articles: number;
  ingestMs: number;
  analyseMs: number;
  enginesMs: number;
  buildMs: number;
  tokenizeMs: number;
  /** UTF-8 bytes of the indexed text: every article's title and body. */
  textBytes: number;
  /** Making INCREMENTAL_ARTICLES new articles searchable in the built index (withArticles). */
  incremental: { articles: number; ms: number };
  baselineHeapMb: number;
  /** null when saveSnapshot failed (see snapshotError). */
  snapshotBytes: number | null;
  snapshotSaveMs: number | null;
  snapshotError: string | null;
}

/**
 * The serving process, as the bot runs: the snapshot loaded, the index warmed as the bot's index
 * holder warms it, then the query set timed (`passes` runs). Memory is taken after that.
 */
export interface LoadFigures extends MemoryFigures, QueryFigures {
  snapshotLoadMs: number;
  /** runtime/warm-up.ts: what the bot does in the background once an index serves. */
  warmMs: number;
  articles: number;
  /**
   * The same questions asked as of the day after the newest article, when the clock hides
   * nothing: a bot serving today's data. Timed after the main set, in the same process.
   */
  unhidden: { asOf: string; queryMs: QueryFigures["queryMs"] };
}

export interface PeerFigures extends MemoryFigures, QueryFigures {
  articles: number;
  buildMs: number;
  baselineHeapMb: number;
}

export interface Fts5Figures extends PeerFigures {
  dbBytes: number;
}

export interface Fts5OpenFigures extends MemoryFigures {
  /** Opening the database file and answering the first query (the console's first answer). */
  openMs: number;
}

function progress(message: string): void {
  process.stderr.write(`  [${process.argv[2] ?? "worker"} ${process.pid}] ${message}\n`);
}

/**
 * The tokenisation-only floor: the project's analysis (`analyze`: words, stems, aliases, bigrams)
 * of the title and body of every article — exactly what the text engine needs, nothing stored.
 */
function tokenizeFloor(articles: readonly AnalyzedArticle[]): number {
  const started = performance.now();
  let terms = 0;
  for (const article of articles) {
    const title = analyze(article.title);
    const body = analyze(article.body);
    terms += title.words.length + title.grams.length + body.words.length + body.grams.length;
  }
  const ms = performance.now() - started;
  if (terms === 0) throw new Error("tokenisation produced nothing");
  return ms;
}

function textBytesOf(articles: readonly AnalyzedArticle[]): number {
  let bytes = 0;
  for (const article of articles)
    bytes += Buffer.byteLength(article.title, "utf8") + Buffer.byteLength(article.body, "utf8");
  return bytes;
}

/** Times making the articles of `dir` (new ones, see run.ts) searchable in the index. */
async function timeIncremental(
  index: SearchIndex,
  dir: string,
): Promise<{ articles: number; ms: number }> {
  const articles = ingestSources([dir]).articles;
  const started = performance.now();
  const updated = await withArticles(index, articles);
  const ms = performance.now() - started;
  const last = articles.at(-1) as Article;
  if (updated.get(last.id) === undefined || updated.size !== index.size + articles.length)
    throw new Error("withArticles did not make the new articles searchable");
  return { articles: articles.length, ms: round(ms) };
}

async function runJiwon(
  data: string,
  snapshot: string,
  passes: number,
  incrementalDir: string,
): Promise<JiwonFigures> {
  const baselineHeapMb = memory().heapMb;

  // The tokenisation floor first, on the analysed articles in the heap, as it always was measured;
  // those articles are then dropped and the build is timed as the project runs it: buildIndex
  // from the sources to the finished index (extraction, analysis and postings on every core).
  let floorArticles: AnalyzedArticle[] | null = ingestSources([data]).articles.map(analyzeArticle);
  const tokenizeMs = tokenizeFloor(floorArticles);
  const textBytes = textBytesOf(floorArticles);
  progress(`tokenisation floor ${Math.round(tokenizeMs)} ms`);
  floorArticles = null;
  gc();
  let stages: BuildStages | null = null;
  const b0 = performance.now();
  let index: SearchIndex | null = await buildIndex([data], {
    onStages: (s) => {
      stages = s;
    },
  });
  const buildMs = performance.now() - b0;
  if (!stages) throw new Error("buildIndex reported no stages");
  const { ingestMs, analyseMs, threads } = stages as BuildStages;
  // ingestMs: read, validate, deduplicate; analyseMs: extraction (and, on more than one thread,
  // tokenising, postings, records and their merge); enginesMs: the rest of the build.
  const enginesMs = buildMs - ingestMs - analyseMs;
  progress(
    `built on ${threads} thread(s) in ${Math.round(buildMs)} ms: ingest ${Math.round(ingestMs)}, analyse ${Math.round(analyseMs)}, engines ${Math.round(enginesMs)}`,
  );
  const mem = memory();

  // A failed save (e.g. JSON.stringify past V8's maximum string length) is a finding, not a crash:
  // the query figures are still measured.
  let snapshotBytes: number | null = null;
  let snapshotSaveMs: number | null = null;
  let snapshotError: string | null = null;
  const s0 = performance.now();
  try {
    snapshotBytes = saveSnapshot(index, snapshot);
    snapshotSaveMs = round(performance.now() - s0);
    progress(
      `snapshot ${Math.round(snapshotBytes / MB)} MB saved in ${Math.round(snapshotSaveMs)} ms`,
    );
  } catch (error) {
    snapshotError = `${(error as Error).name}: ${(error as Error).message}`.slice(0, 200);
    progress(
      `snapshot save failed after ${Math.round(performance.now() - s0)} ms: ${snapshotError}`,
    );
  }
  gc();

  const live = index;
  const queries = await timeQueries((text) => fullPipeline(live, text), passes);
  progress(`after the build: queries p50 ${queries.queryMs.p50} ms, p99 ${queries.queryMs.p99} ms`);
  const incremental = await timeIncremental(live, incrementalDir);
  progress(`${incremental.articles} new articles searchable in ${incremental.ms} ms`);
  index = null;
  return {
    articles: live.size,
    ingestMs: round(ingestMs),
    analyseMs: round(analyseMs),
    enginesMs: round(enginesMs),
    buildMs: round(buildMs),
    tokenizeMs: round(tokenizeMs),
    textBytes,
    incremental,
    baselineHeapMb,
    ...mem,
    snapshotBytes,
    snapshotSaveMs,
    snapshotError,
    ...queries,
  };
}

async function runLoad(snapshot: string, passes: number): Promise<LoadFigures> {
  const started = performance.now();
  const index = loadSnapshot(snapshot, null);
  const snapshotLoadMs = performance.now() - started;
  // As the bot's index holder warms an index it puts in service (the questions are not the bench's).
  const w0 = performance.now();
  await warmUp(index, () => new Date(`${BENCH_AS_OF}T09:00:00+09:00`));
  const warmMs = performance.now() - w0;
  const queries = await timeQueries((text) => fullPipeline(index, text), passes);
  progress(
    `serving: queries p50 ${queries.queryMs.p50} ms, p99 of each pass ${queries.queryMs.p99Runs.join(" / ")} ms`,
  );
  const newest = index.columns.publishedDay.reduce((max, day) => Math.max(max, day), 0);
  const unhiddenAsOf = addDays(dayString(newest) ?? BENCH_AS_OF, 1);
  const unhidden = await timeQueries((text) => fullPipeline(index, text, unhiddenAsOf), passes);
  progress(
    `serving as of ${unhiddenAsOf} (nothing hidden): queries p50 ${unhidden.queryMs.p50} ms`,
  );
  const mem = memory();
  return {
    snapshotLoadMs: round(snapshotLoadMs),
    warmMs: round(warmMs),
    articles: index.size,
    unhidden: { asOf: unhiddenAsOf, queryMs: unhidden.queryMs },
    ...queries,
    ...mem,
  };
}

/** The peers index what the project's ingestion read: the record's title (or "") and the body. */
function peerDocs(data: string): PeerDoc[] {
  return ingestSources([data]).articles.map((a) => ({
    id: a.id,
    title: a.title ?? "",
    body: a.body,
  }));
}

async function runPeer(name: PeerName, data: string, passes: number): Promise<PeerFigures> {
  let docs: PeerDoc[] | null = peerDocs(data);
  const baselineHeapMb = memory().heapMb;
  const started = performance.now();
  const peer = await buildPeer(name, docs);
  const buildMs = performance.now() - started;
  progress(`${name} built over ${docs.length} articles in ${Math.round(buildMs)} ms`);
  const articles = docs.length;
  // MiniSearch and the scan keep their own copies (terms, lower-cased bodies); Orama stores the
  // documents. The ingested records are released so each engine's heap is its own.
  docs = null;
  const mem = memory();
  const queries = await timeQueries(async (text) => (await peer.search(text, 10)).length, passes);
  progress(`${name} queries p50 ${queries.queryMs.p50} ms, p99 ${queries.queryMs.p99} ms`);
  return { articles, buildMs: round(buildMs), baselineHeapMb, ...mem, ...queries };
}

/** FTS5 on disk, as an application would keep it: build, size, then the same query mix. */
async function runFts5(data: string, db: string, passes: number): Promise<Fts5Figures> {
  let docs: PeerDoc[] | null = peerDocs(data);
  const baselineHeapMb = memory().heapMb;
  const started = performance.now();
  const built = buildFts5(docs, db);
  const buildMs = performance.now() - started;
  built.close();
  const articles = docs.length;
  docs = null;
  const dbBytes = fts5Bytes(db);
  progress(
    `fts5 built over ${articles} articles in ${Math.round(buildMs)} ms, ${Math.round(dbBytes / MB)} MB`,
  );
  const peer = openFts5(db);
  const mem = memory();
  const queries = await timeQueries(async (text) => (await peer.search(text, 10)).length, passes);
  progress(`fts5 queries p50 ${queries.queryMs.p50} ms, p99 ${queries.queryMs.p99} ms`);
  peer.close();
  return { articles, buildMs: round(buildMs), baselineHeapMb, dbBytes, ...mem, ...queries };
}

async function runFts5Open(db: string): Promise<Fts5OpenFigures> {
  const started = performance.now();
  const peer = openFts5(db);
  await peer.search("관세 설명회", 10);
  const openMs = performance.now() - started;
  const mem = memory();
  peer.close();
  return { openMs: round(openMs), ...mem };
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: "string" },
      snapshot: { type: "string" },
      result: { type: "string" },
      passes: { type: "string", default: "2" },
      db: { type: "string" },
      incremental: { type: "string" },
    },
  });
  const mode = positionals[0];
  const passes = Number(values.passes);
  if (!values.result) throw new Error("--result is required");
  let figures: unknown;
  if (mode === "jiwon") {
    if (!values.data || !values.snapshot || !values.incremental)
      throw new Error("jiwon needs --data, --snapshot and --incremental");
    figures = await runJiwon(values.data, values.snapshot, passes, values.incremental);
  } else if (mode === "load") {
    if (!values.snapshot) throw new Error("load needs --snapshot");
    figures = await runLoad(values.snapshot, passes);
  } else if (mode === "minisearch" || mode === "orama" || mode === "scan") {
    if (!values.data) throw new Error(`${mode} needs --data`);
    figures = await runPeer(mode, values.data, passes);
  } else if (mode === "fts5") {
    if (!values.data || !values.db) throw new Error("fts5 needs --data and --db");
    figures = await runFts5(values.data, values.db, passes);
  } else if (mode === "fts5-open") {
    if (!values.db) throw new Error("fts5-open needs --db");
    figures = await runFts5Open(values.db);
  } else {
    throw new Error(`unknown mode ${mode ?? "(none)"}`);
  }
  writeFileSync(values.result, JSON.stringify(figures));
}

await main();
