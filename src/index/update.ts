/**
 * Makes new and changed articles searchable in a running index without a rebuild from the sources.
 *
 * The contract, for every caller (the sources fetcher, the bot): `withArticles(index, articles)`
 * returns a new index in which each given article is searchable — replacing the article with the
 * same id, if any — and answers exactly as a full build over the same articles would (same hits,
 * same scores, same order). The given index is left untouched, so the caller swaps the result in
 * (IndexHolder) and a request in flight keeps the index it started with.
 *
 * Only the given articles are analysed. The new index is the one `indexArticles` builds over the
 * kept articles in their order followed by the given ones: their postings, stored fields and title
 * words are appended to copies of the index's arrays, a replaced article's are left out (the
 * documents after it move down by one, so every tie still breaks the same way), and the
 * collection statistics (document count, document frequencies, average length) are those of the
 * whole new collection, so every score is the full build's to the bit. Nothing is tokenised again.
 */
import { performance } from "node:perf_hooks";
import { analyzeArticle } from "../extract/article.ts";
import type { AnalyzedArticle, Article } from "../types.ts";
import { compressBodies, DocStore, DocStoreBuilder } from "./doc-store.ts";
import { indexText, titleWordLists } from "./index-part.ts";
import { appendPostings } from "./merge-postings.ts";
import { SearchIndex, type WordLists } from "./search-index.ts";
import { appendStore, joinLists, keptRuns, type Run } from "./store-append.ts";
import { TextEngine } from "./text-engine.ts";

export async function withArticles(
  index: SearchIndex,
  articles: readonly Article[],
): Promise<SearchIndex> {
  if (articles.length === 0) return index;
  const started = performance.now();
  // The last version of an id wins, in the place of its first (as a Map keeps them).
  const incoming = new Map<string, AnalyzedArticle>();
  for (const article of articles) incoming.set(article.id, analyzeArticle(article));
  const added = [...incoming.values()];
  const left: number[] = [];
  for (const id of incoming.keys()) {
    const doc = index.docOf(id);
    if (doc !== undefined) left.push(doc);
  }
  left.sort((a, b) => a - b);
  const runs = keptRuns(index.size, left);
  let remap: Int32Array | null = null;
  if (left.length > 0) {
    remap = new Int32Array(index.size).fill(-1);
    let next = 0;
    for (const { from, to } of runs) for (let doc = from; doc < to; doc++) remap[doc] = next++;
  }

  const part = indexText(added);
  const builder = new DocStoreBuilder();
  for (const article of added) builder.add(article);
  const store = appendStore(
    index.store.data,
    runs,
    builder.build(compressBodies(added.map((article) => article.body))),
  );
  const text = new TextEngine({
    words: appendPostings(index.text.data.words, remap, part.text.words, (term) =>
      index.text.termId("words", term),
    ),
    grams: appendPostings(index.text.data.grams, remap, part.text.grams, (term) =>
      index.text.termId("grams", term),
    ),
  });
  const titleWords = joinWordLists(index.titleWords, runs, titleWordLists(text, part.titleWords));
  return new SearchIndex(new DocStore(store), text, titleWords, {
    ...index.meta,
    sourceStamp: null,
    builtAt: new Date().toISOString(),
    buildMs: Math.round(performance.now() - started),
  });
}

/** The kept documents' title words (appendPostings keeps word numbers), then the added ones'. */
function joinWordLists(main: WordLists, runs: readonly Run[], added: WordLists): WordLists {
  const { offsets, items } = joinLists({ offsets: main.offsets, items: main.ids }, runs, {
    offsets: added.offsets,
    items: added.ids,
  });
  return { offsets, ids: items };
}
