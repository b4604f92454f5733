import { performance } from "node:perf_hooks";
import { analyzeArticle } from "../extract/article.ts";
import { nothingUsableReason } from "../ingest/report.ts";
import { type ExtraRecords, ingestSources } from "../ingest/sources.ts";
import type { AnalyzedArticle } from "../types.ts";
import {
  type BodyColumn,
  compressBodies,
  DocStore,
  DocStoreBuilder,
  joinBodies,
} from "./doc-store.ts";
import { indexText, titleWordLists } from "./index-part.ts";
import {
  analyzeInParallel,
  BuildWorkerCrashed,
  type ParallelOptions,
  workerCountFor,
} from "./parallel-build.ts";
import { type IndexMeta, SearchIndex } from "./search-index.ts";
import { TextEngine, type TextEngineData } from "./text-engine.ts";

export class NothingToIndexError extends Error {}

type BuildMeta = Omit<IndexMeta, "buildMs" | "builtAt">;

/**
 * The index over analysed articles and their text side. `bodies` are the articles' bodies already
 * compressed by the build threads, run after run; without them they are compressed here.
 */
function assemble(
  articles: readonly AnalyzedArticle[],
  text: TextEngineData,
  titleWords: readonly string[][],
  bodies: readonly BodyColumn[] | null,
  meta: BuildMeta,
  started: number,
): SearchIndex {
  const store = new DocStoreBuilder();
  for (const article of articles) store.add(article);
  const compressed =
    bodies === null ? compressBodies(articles.map((article) => article.body)) : joinBodies(bodies);
  const engine = new TextEngine(text);
  return new SearchIndex(
    new DocStore(store.build(compressed)),
    engine,
    titleWordLists(engine, titleWords),
    {
      ...meta,
      builtAt: new Date().toISOString(),
      buildMs: Math.round(performance.now() - started),
    },
  );
}

/** Builds the index from analysed articles: one analysis pass feeds text ranking and suggestions. */
export async function indexArticles(
  articles: readonly AnalyzedArticle[],
  meta: BuildMeta,
  started = performance.now(),
): Promise<SearchIndex> {
  const { text, titleWords } = indexText(articles);
  return assemble(articles, text, titleWords, null, meta, started);
}

/** Stage times of one build, for the benchmark. */
export interface BuildStages {
  ingestMs: number;
  /** Extraction, analysis and postings, on every thread used. */
  analyseMs: number;
  threads: number;
}

export interface BuildOptions extends ParallelOptions {
  /** Records beyond the data files (the fetched-article store). */
  extra?: ExtraRecords;
  onStages?: (stages: BuildStages) => void;
  /** Told when a worker thread crashed and the build went on in one thread. */
  onWorkerCrash?: (error: BuildWorkerCrashed) => void;
}

/**
 * Reads the sources and builds a fresh index; fails only when nothing usable remains. Large
 * builds spread the per-article work over worker threads (parallel-build.ts); the index is the
 * same either way.
 */
export async function buildIndex(
  dataPaths: string[],
  options: BuildOptions = {},
): Promise<SearchIndex> {
  const started = performance.now();
  const { articles, report, sourceHash, sourceStamp } = ingestSources(dataPaths, options.extra);
  if (articles.length === 0) {
    const places = [...dataPaths, ...(options.extra ? [options.extra.label] : [])];
    throw new NothingToIndexError(nothingUsableReason(places, report));
  }
  const ingested = performance.now();
  const meta = { sourceHash, sourceStamp, report };
  const workers = workerCountFor(articles.length, options);
  let index: SearchIndex | null = null;
  let analysed = 0;
  let threads = workers + 1;
  if (workers > 0) {
    try {
      const runs = await analyzeInParallel(articles, workers, options.workerEntry);
      analysed = performance.now();
      index = assemble(runs.analyzed, runs.text, runs.titleWords, runs.bodies, meta, started);
    } catch (error) {
      // A crashed thread is no reason to fail a build one thread can finish (same index).
      if (!(error instanceof BuildWorkerCrashed)) throw error;
      options.onWorkerCrash?.(error);
      threads = 1;
    }
  }
  if (index === null) {
    const analyzed = articles.map(analyzeArticle);
    analysed = performance.now();
    index = await indexArticles(analyzed, meta, started);
  }
  options.onStages?.({ ingestMs: ingested - started, analyseMs: analysed - ingested, threads });
  return index;
}
