import { performance } from "node:perf_hooks";
import { analyzeArticle } from "../extract/article.ts";
import { ingestSources } from "../ingest/sources.ts";
import type { AnalyzedArticle } from "../types.ts";
import { createRecordEngine, fillRecordEngine } from "./record-engine.ts";
import { type IndexMeta, SearchIndex } from "./search-index.ts";
import { buildSuggestEngine } from "./suggest-engine.ts";
import { TextEngine } from "./text-engine.ts";
import { analyzeForIndex, TextEngineBuilder } from "./text-engine-builder.ts";

export class NothingToIndexError extends Error {}

/** Builds the engines from analysed articles: one analysis pass feeds text ranking and suggestions. */
export async function indexArticles(
  articles: AnalyzedArticle[],
  meta: Omit<IndexMeta, "buildMs" | "builtAt">,
  started = performance.now(),
): Promise<SearchIndex> {
  const text = new TextEngineBuilder();
  const titles: { id: string; titleWords: readonly string[] }[] = [];
  for (const article of articles) {
    const analysis = analyzeForIndex(article.title, article.body);
    text.add(analysis);
    titles.push({ id: article.id, titleWords: analysis.title.words });
  }
  const records = createRecordEngine();
  await fillRecordEngine(records, articles);
  return new SearchIndex(
    articles,
    new TextEngine(text.build()),
    records,
    buildSuggestEngine(titles),
    {
      ...meta,
      builtAt: new Date().toISOString(),
      buildMs: Math.round(performance.now() - started),
    },
  );
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
