import { getRegion, withAncestors } from "../data/gazetteer.ts";
import type { AnalyzedArticle, Article } from "../types.ts";
import { extractCategories } from "./categories.ts";
import { declaredApplication, declaredCategories, declaredRegions } from "./declared.ts";
import { extractRegions } from "./regions.ts";
import { extractSchedule } from "./schedule.ts";
import { summarize } from "./summary.ts";
import { deriveTitle } from "./title.ts";

/**
 * An article naming this many 시·도 is nationwide (통합 공고, 전국 모집): tagging it with every
 * region would put it at the top of every regional question.
 */
export const NATIONWIDE_SIDO_COUNT = 5;

function regionsOf(text: string): string[] {
  // A "전국" mention alone keeps the regions: a Seoul programme open to all is still in Seoul.
  const { codes } = extractRegions(text);
  const provinces = new Set(
    withAncestors(codes).filter((code) => getRegion(code)?.level === "sido"),
  );
  return provinces.size >= NATIONWIDE_SIDO_COUNT ? [] : codes;
}

/** Everything the index and the replies need to know about one article, read from its text. */
export function analyzeArticle(article: Article): AnalyzedArticle {
  const title = deriveTitle(article.title, article.body);
  const text = article.title ? `${article.title}\n${article.body}` : article.body;
  const schedule = extractSchedule(text, { publishedAt: article.publishedAt });
  const { declared } = article;
  return {
    ...article,
    title,
    summary: summarize(article.body, title),
    regions: declaredRegions(regionsOf(text), declared),
    categories: declaredCategories(extractCategories(title, article.body), declared),
    application: declaredApplication(declared, article.publishedAt) ?? schedule.application,
    events: schedule.events,
  };
}
