/**
 * Measures the prototype of bench/proto/compact.ts through the project's own query path: the
 * prototype engines are swapped into a SearchIndex instance (searchText, filter, suggest), so
 * answerSearch + searchReply run unchanged on top of them.
 *
 *   node --expose-gc bin/run-ts.js bench/proto/run.ts --size 10000 --mode grams|dict [--agree]
 *   node bin/run-ts.js bench/proto/run.ts --eval --mode dict
 *
 * --agree also builds the project's index in the same process and reports how many of the
 * project's top-10 text hits the prototype returns in its top 10 (heap figures are then moot).
 */
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { analyzeArticle } from "../../src/extract/article.ts";
import { indexArticles } from "../../src/index/build.ts";
import type { RecordFilter } from "../../src/index/record-engine.ts";
import { SearchIndex } from "../../src/index/search-index.ts";
import { ingestSources } from "../../src/ingest/sources.ts";
import type { AnalyzedArticle } from "../../src/types.ts";
import { CORPUS_DIR, prepareCorpus, SEED_DIR } from "../corpus.ts";
import { EVAL_K, jiwonRanking, loadJudged } from "../judged-set.ts";
import { gc, memory, timeQueries } from "../measure.ts";
import { type QueryScores, scoreRanking } from "../metrics.ts";
import { fullPipeline } from "../pipeline.ts";
import { BENCH_QUERIES } from "../queries.ts";
import { MB, mean, round } from "../stats.ts";
import { CompactFilterIndex, CompactTextIndex, type TextMode } from "./compact.ts";

function withPrototype(
  articles: AnalyzedArticle[],
  text: CompactTextIndex,
  filters: CompactFilterIndex,
): SearchIndex {
  const meta = {
    sourceHash: "prototype",
    builtAt: new Date().toISOString(),
    buildMs: 0,
    report: { files: [], read: 0, skipped: [], repaired: [], duplicates: [], droppedUrls: [] },
  };
  // A SearchIndex without its engines (the constructor would want real ones): the query path only
  // calls get, matchText/searchText, filter and suggest, which the prototype provides.
  const index = Object.create(SearchIndex.prototype) as SearchIndex;
  const search = (query: string) => text.search(query);
  Object.assign(index, {
    articles,
    byId: new Map(articles.map((a) => [a.id, a])),
    meta,
    matchText: (query: string) => {
      const hits = search(query);
      const scores = new Map(hits.map((h) => [h.id, h.score]));
      return {
        size: hits.length,
        scoreOf: (id: string) => scores.get(id),
        top: (k: number) => hits.slice(0, k),
      };
    },
    searchText: (query: string, limit = Number.POSITIVE_INFINITY) => search(query).slice(0, limit),
    filter: async (filter: RecordFilter) => filters.filter(filter),
    suggest: (prefix: string, limit = 5) => text.suggest(prefix, limit),
  });
  return index;
}

/** A binary snapshot: a JSON header, then every typed array back to back, then the JSON parts. */
function saveBinary(path: string, text: CompactTextIndex, articles: AnalyzedArticle[]): number {
  const arrays = text.typedArrays();
  const json = Buffer.from(JSON.stringify({ words: text.words, articles }));
  const layout: Record<string, { type: string; offset: number; length: number }> = {};
  let offset = 0;
  for (const [name, view] of Object.entries(arrays)) {
    layout[name] = { type: view.constructor.name, offset, length: view.byteLength };
    offset += Math.ceil(view.byteLength / 8) * 8;
  }
  const header = Buffer.from(
    JSON.stringify({ layout, jsonOffset: offset, jsonLength: json.length }),
  );
  const head = Buffer.alloc(4);
  head.writeUInt32LE(header.length);
  const body = Buffer.alloc(offset);
  for (const [name, view] of Object.entries(arrays)) {
    Buffer.from(view.buffer, view.byteOffset, view.byteLength).copy(
      body,
      layout[name]?.offset ?? 0,
    );
  }
  writeFileSync(path, Buffer.concat([head, header, body, json]));
  return statSync(path).size;
}

function loadBinary(path: string): { arrays: number; words: number; articles: number } {
  const file = readFileSync(path);
  const headerLength = file.readUInt32LE(0);
  const header = JSON.parse(file.subarray(4, 4 + headerLength).toString()) as {
    layout: Record<string, { type: string; offset: number; length: number }>;
    jsonOffset: number;
    jsonLength: number;
  };
  const base = 4 + headerLength;
  let arrays = 0;
  for (const { offset, length } of Object.values(header.layout)) {
    const copy = new Uint8Array(length);
    copy.set(file.subarray(base + offset, base + offset + length));
    arrays += copy.byteLength;
  }
  const json = JSON.parse(
    file
      .subarray(base + header.jsonOffset, base + header.jsonOffset + header.jsonLength)
      .toString(),
  ) as { words: string[]; articles: AnalyzedArticle[] };
  const vocabulary = new Map(json.words.map((w, i) => [w, i]));
  return { arrays, words: vocabulary.size, articles: json.articles.length };
}

async function evaluate(mode: TextMode): Promise<void> {
  const { articles } = ingestSources([CORPUS_DIR, SEED_DIR]);
  const analyzed = articles.map(analyzeArticle);
  const text = new CompactTextIndex(mode);
  text.build(analyzed);
  const index = withPrototype(analyzed, text, new CompactFilterIndex(analyzed));
  const judged = loadJudged();
  const scores: QueryScores[] = [];
  for (const q of judged.queries) {
    scores.push(scoreRanking(await jiwonRanking(index, q.query, q.asOf), q.judgments, EVAL_K));
  }
  const ko = judged.queries
    .map((q, i) => (q.lang === "ko" ? scores[i] : null))
    .filter((s) => s !== null);
  process.stdout.write(
    `prototype (${mode}) on the judged set: nDCG@10 ${mean(scores.map((s) => s.ndcg)).toFixed(3)}, ` +
      `recall@10 ${mean(scores.map((s) => s.recall)).toFixed(3)}, MRR@10 ${mean(scores.map((s) => s.rr)).toFixed(3)}, ` +
      `nDCG@10 ko ${mean(ko.map((s) => s?.ndcg ?? 0)).toFixed(3)}\n`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: "string", default: "10000" },
      mode: { type: "string", default: "dict" },
      passes: { type: "string", default: "2" },
      agree: { type: "boolean", default: false },
      eval: { type: "boolean", default: false },
    },
  });
  const mode = values.mode as TextMode;
  if (mode !== "grams" && mode !== "dict") throw new Error("--mode must be grams or dict");
  if (values.eval) return evaluate(mode);

  const corpus = await prepareCorpus(Number(values.size));
  const t0 = performance.now();
  const { articles } = ingestSources([corpus.dir]);
  const analyzed = articles.map(analyzeArticle);
  const t1 = performance.now();
  gc();
  const e0 = performance.now();
  const text = new CompactTextIndex(mode);
  text.build(analyzed);
  const e1 = performance.now();
  const filters = new CompactFilterIndex(analyzed);
  const e2 = performance.now();
  const mem = memory();
  const index = withPrototype(analyzed, text, filters);
  const queries = await timeQueries((q) => fullPipeline(index, q), Number(values.passes));

  const snapshot = join(tmpdir(), `jiwon-proto-${process.pid}.bin`);
  const s0 = performance.now();
  const bytes = saveBinary(snapshot, text, analyzed);
  const s1 = performance.now();
  const loaded = loadBinary(snapshot);
  const s2 = performance.now();
  rmSync(snapshot, { force: true });

  const report = {
    mode,
    articles: analyzed.length,
    ingestAnalyseMs: round(t1 - t0),
    textMs: round(e1 - e0),
    filterMs: round(e2 - e1),
    buildMs: round(t1 - t0 + e2 - e0),
    terms: text.words.length,
    ...mem,
    snapshotMb: round(bytes / MB),
    snapshotSaveMs: round(s1 - s0),
    snapshotLoadMs: round(s2 - s1),
    loaded: loaded.articles,
    queryMs: queries.queryMs,
    meanMs: queries.meanMs,
    emptyQueries: queries.emptyQueries,
    slowest: queries.slowest.slice(0, 5),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);

  if (values.agree) {
    const project = await indexArticles(analyzed, { sourceHash: "x", report: index.meta.report });
    let overlap = 0;
    let total = 0;
    let firstSame = 0;
    let compared = 0;
    for (const q of BENCH_QUERIES) {
      const a = project.searchText(q.text).slice(0, 10);
      const b = text.search(q.text).slice(0, 10);
      if (a.length === 0) continue;
      compared++;
      const ids = new Set(b.map((h) => h.id));
      overlap += a.filter((h) => ids.has(h.id)).length;
      total += a.length;
      if (a[0]?.id === b[0]?.id) firstSame++;
    }
    process.stdout.write(
      `agreement with the project's searchText over ${compared} queries: ` +
        `${((100 * overlap) / total).toFixed(1)}% of its top-10 ids, same first hit in ${firstSame}\n`,
    );
  }
}

await main();
