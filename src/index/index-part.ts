import { analyzeArticle } from "../extract/article.ts";
import type { AnalyzedArticle, Article } from "../types.ts";
import type { TextEngineData } from "./text-engine.ts";
import { analyzeForIndex, TextEngineBuilder } from "./text-engine-builder.ts";

/** The text side of the index over a run of analysed articles, numbered from 0. */
export interface TextPart {
  text: TextEngineData;
  /** Each article's analysed title words, for the suggest engine. */
  titleWords: string[][];
}

/** One analysis per article feeds both postings and the suggestions. */
export function indexText(articles: readonly AnalyzedArticle[]): TextPart {
  const text = new TextEngineBuilder();
  const titleWords: string[][] = [];
  for (const article of articles) {
    const analysis = analyzeForIndex(article.title, article.body);
    text.add(analysis);
    titleWords.push(analysis.title.words);
  }
  return { text: text.build(), titleWords };
}

/** Extraction, then the text side, for one run of ingested articles (one thread's share). */
export function analyzePart(
  articles: readonly Article[],
): TextPart & { analyzed: AnalyzedArticle[] } {
  const analyzed = articles.map(analyzeArticle);
  return { analyzed, ...indexText(analyzed) };
}

/** What extraction adds to an ingested article (AnalyzedArticle minus Article). */
export type Extracted = Pick<
  AnalyzedArticle,
  "title" | "summary" | "regions" | "categories" | "application" | "events"
>;

/** The job a build worker is started with (its workerData). */
export interface BuildPartJob {
  kind: "build-part";
  articles: Article[];
}

export type BuildPartResult =
  | ({ ok: true; extracted: Extracted[] } & TextPart)
  | { ok: false; error: { name: string; message: string; stack?: string } };

export function extractedOf(article: AnalyzedArticle): Extracted {
  const { title, summary, regions, categories, application, events } = article;
  return { title, summary, regions, categories, application, events };
}

/** The analysed article, with its keys in the order analyzeArticle gives them. */
export function withExtracted(article: Article, extracted: Extracted): AnalyzedArticle {
  return { ...article, ...extracted };
}
