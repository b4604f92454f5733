import { getRegion } from "../data/gazetteer.ts";
import { categoryLabel } from "../extract/category-lexicon.ts";
import type { AnalyzedArticle } from "../types.ts";
import type { CliContext } from "./context.ts";

export function extractRecord(article: AnalyzedArticle) {
  return {
    id: article.id,
    title: article.title,
    publishedAt: article.publishedAt,
    source: article.source,
    url: article.url,
    regions: article.regions.map((c) => getRegion(c)?.name ?? c),
    categories: article.categories.map((c) => categoryLabel(c, "en")),
    summary: article.summary,
    application: {
      status: article.application.status,
      start: article.application.start,
      end: article.application.end,
      text: article.application.text,
    },
    events: article.events.map((e) => ({ kind: e.kind, start: e.start, end: e.end, text: e.text })),
  };
}

/** `jiwon extract`: one JSON object per line per article (JSON Lines, also with --json). */
export async function runExtract(context: CliContext): Promise<number> {
  const { index } = await context.loadIndex(context.dataPaths);
  for (const article of index.allArticles())
    context.out.write(`${JSON.stringify(extractRecord(article))}\n`);
  return 0;
}
