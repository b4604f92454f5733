/**
 * The build on every core: the ingested articles are cut into consecutive runs; worker threads
 * extract, analyse and build postings for the later runs while the main thread does the first
 * run. The runs' postings are then merged by document
 * offset, so the index is exactly the one a single thread builds (tests/parallel-build.test.ts).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { AnalyzedArticle, Article } from "../types.ts";
import type { BodyColumn } from "./doc-store.ts";
import {
  analyzePart,
  type BuildPartJob,
  type BuildPartResult,
  type TextPart,
  withExtracted,
} from "./index-part.ts";
import { mergePostings } from "./merge-postings.ts";

const WORKER_ENTRY = new URL("./build-worker-entry.js", import.meta.url);

/**
 * Below this many articles one thread is quicker: a worker costs a few hundred milliseconds to
 * start (tsx and the extraction modules load again), about the analysis of 1,000 articles.
 */
export const MIN_PARALLEL_ARTICLES = 4000;

/**
 * The main thread's share of the articles when there is one worker. It also clones the worker's
 * articles over and merges the runs, so it takes a little less than half.
 */
export const MAIN_SHARE = 0.45;

export interface ParallelOptions {
  /** Worker threads besides the main thread; default: one per further core, at most 3. */
  workers?: number;
  /** Fewer articles than this are analysed in one thread. */
  minArticles?: number;
  /** The worker's entry module (tests point it at one that crashes). */
  workerEntry?: URL;
}

export function workerCountFor(articleCount: number, options: ParallelOptions = {}): number {
  if (articleCount < (options.minArticles ?? MIN_PARALLEL_ARTICLES)) return 0;
  const wanted = options.workers ?? Math.min(availableParallelism() - 1, 3);
  return Math.max(0, Math.min(wanted, articleCount - 1));
}

/** Start of each run: the main thread's run, then equal runs for the workers. */
export function runStarts(articleCount: number, workers: number): number[] {
  if (workers === 0) return [0];
  const mainShare = Math.round((articleCount * MAIN_SHARE * 2) / (workers + 1));
  const first = Math.min(articleCount - workers, Math.max(1, mainShare));
  const starts = [0];
  for (let w = 0; w < workers; w++)
    starts.push(first + Math.round(((articleCount - first) * w) / workers));
  return starts;
}

/**
 * A worker thread that died or could not start (out of memory, a module that failed to load):
 * the work itself may be fine, so the build can run again on one thread. A worker that answers
 * with an error from the articles' analysis is not this; that error is the build's.
 */
export class BuildWorkerCrashed extends Error {}

class BuildWorkerFailed extends Error {}

function runPart(
  articles: Article[],
  entry: URL,
): { result: Promise<BuildPartResult>; stop: () => void } {
  const job: BuildPartJob = { kind: "build-part", articles };
  const worker = new Worker(entry, { workerData: job });
  const result = new Promise<BuildPartResult>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", (error) =>
      reject(new BuildWorkerCrashed(`build worker failed: ${error.message}`, { cause: error })),
    );
    worker.once("exit", (code) =>
      reject(new BuildWorkerCrashed(`build worker exited with code ${code} before answering`)),
    );
  });
  // The main thread is busy with its own run when a worker fails; the failure is read later.
  result.catch(() => {});
  return { result, stop: () => void worker.terminate() };
}

export interface AnalyzedRuns {
  analyzed: AnalyzedArticle[];
  text: TextPart["text"];
  titleWords: string[][];
  /** Each run's compressed bodies, in run order. */
  bodies: BodyColumn[];
}

/** Extraction, analysis, postings and compressed bodies of every article, on `workers` extra threads. */
export async function analyzeInParallel(
  articles: readonly Article[],
  workers: number,
  entry: URL = WORKER_ENTRY,
): Promise<AnalyzedRuns> {
  const starts = runStarts(articles.length, workers);
  const ends = [...starts.slice(1), articles.length];
  const runs = starts.slice(1).map((from, w) => runPart(articles.slice(from, ends[w + 1]), entry));
  try {
    const main = analyzePart(articles.slice(0, ends[0]));
    const analyzed = main.analyzed;
    const texts = [main.text];
    const titleWords = main.titleWords;
    const bodies = [main.bodies];
    for (const [w, run] of runs.entries()) {
      const result = await run.result;
      if (!result.ok) {
        const failure = new BuildWorkerFailed(result.error.message);
        failure.name = result.error.name;
        if (result.error.stack) failure.stack = result.error.stack;
        throw failure;
      }
      const from = starts[w + 1] as number;
      const part = result.extracted.map((extracted, i) =>
        withExtracted(articles[from + i] as Article, extracted),
      );
      for (const article of part) analyzed.push(article);
      for (const words of result.titleWords) titleWords.push(words);
      texts.push(result.text);
      bodies.push(result.bodies);
    }
    const text = {
      words: mergePostings(texts.map((t) => t.words)),
      grams: mergePostings(texts.map((t) => t.grams)),
    };
    return { analyzed, text, titleWords, bodies };
  } finally {
    for (const run of runs) run.stop();
  }
}
