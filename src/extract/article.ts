import type { AnalyzedArticle, Article } from "../types.ts";
import { extractCategories } from "./categories.ts";
import { extractRegions } from "./regions.ts";
import { extractSchedule } from "./schedule.ts";
import { summarize } from "./summary.ts";
import { deriveTitle } from "./title.ts";

/** Everything the index and the replies need to know about one article, read from its text. */
export function analyzeArticle(article: Article): AnalyzedArticle {
  const title = deriveTitle(article.title, article.body);
  const text = article.title ? `${article.title}\n${article.body}` : article.body;
  const { application, events } = extractSchedule(text, { publishedAt: article.publishedAt });
  return {
    ...article,
    title,
    summary: summarize(article.body, title),
    regions: extractRegions(text).codes,
    categories: extractCategories(title, article.body),
    application,
    events,
  };
}
