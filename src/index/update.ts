/**
 * Makes new and changed articles searchable in a running index without a rebuild from the sources.
 *
 * The contract, for every caller (the sources fetcher, the bot): `withArticles(index, articles)`
 * returns a new index in which each given article is searchable — replacing the article with the
 * same id, if any — and answers exactly as a full build over the same articles would (same hits,
 * same scores, same order). The given index is left untouched, so the caller swaps the result in
 * (IndexHolder) and a request in flight keeps the index it started with.
 *
 * This first implementation re-indexes every article (correct, and slow at 100,000 articles); a
 * small second index searched beside the main one replaces it (issue #11, `incremental` bench).
 */
import { analyzeArticle } from "../extract/article.ts";
import type { AnalyzedArticle, Article } from "../types.ts";
import { indexArticles } from "./build.ts";
import type { SearchIndex } from "./search-index.ts";

export async function withArticles(
  index: SearchIndex,
  articles: readonly Article[],
): Promise<SearchIndex> {
  if (articles.length === 0) return index;
  const incoming = new Map<string, AnalyzedArticle>();
  for (const article of articles) incoming.set(article.id, analyzeArticle(article));
  const kept = index.allArticles().filter((article) => !incoming.has(article.id));
  return indexArticles([...kept, ...incoming.values()], {
    sourceHash: index.meta.sourceHash,
    report: index.meta.report,
  });
}
