import { performance } from "node:perf_hooks";
import { analyzeArticle } from "../extract/article.ts";
import { ingestSources } from "../ingest/sources.ts";
import type { AnalyzedArticle } from "../types.ts";
import { createRecordEngine, fillRecordEngine } from "./record-engine.ts";
import { SearchIndex } from "./search-index.ts";
import { createTextEngine, toTextDocument } from "./text-engine.ts";

export class NothingToIndexError extends Error {}

/** Builds both engines from analysed articles (the one analysis pass feeds both). */
export async function indexArticles(
  articles: AnalyzedArticle[],
  meta: Omit<import("./search-index.ts").IndexMeta, "buildMs" | "builtAt">,
  started = performance.now(),
): Promise<SearchIndex> {
  const text = createTextEngine();
  text.addAll(articles.map(toTextDocument));
  const records = createRecordEngine();
  await fillRecordEngine(records, articles);
  return new SearchIndex(articles, text, records, {
    ...meta,
    builtAt: new Date().toISOString(),
    buildMs: Math.round(performance.now() - started),
  });
}

/** Reads the sources and builds a fresh index; fails only when nothing usable remains. */
export async function buildIndex(dataPaths: string[]): Promise<SearchIndex> {
  const started = performance.now();
  const { articles, report, sourceHash } = ingestSources(dataPaths);
  if (articles.length === 0) {
    const why = report.skipped.length ? `; ${report.skipped.length} input(s) skipped` : "";
    throw new NothingToIndexError(`no usable articles in ${dataPaths.join(", ")}${why}`);
  }
  const analyzed = articles.map(analyzeArticle);
  return indexArticles(analyzed, { sourceHash, report }, started);
}
