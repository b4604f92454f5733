import { stripParticles } from "../analysis/particles.ts";
import { analyzeArticle } from "../extract/article.ts";
import type { AnalyzedArticle, Article } from "../types.ts";
import { type BodyColumn, compressBodies } from "./doc-store.ts";
import type { WordLists } from "./search-index.ts";
import type { TextEngine, TextEngineData } from "./text-engine.ts";
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

/** What one build thread makes of its run of articles. */
export interface BuiltPart extends TextPart {
  /** The run's bodies, compressed (the slowest part of storing an article, so done per thread). */
  bodies: BodyColumn;
}

/** Extraction, then the text side and the compressed bodies, for one run of ingested articles. */
export function analyzePart(
  articles: readonly Article[],
): BuiltPart & { analyzed: AnalyzedArticle[] } {
  const analyzed = articles.map(analyzeArticle);
  return {
    analyzed,
    ...indexText(analyzed),
    bodies: compressBodies(analyzed.map((article) => article.body)),
  };
}

/**
 * Title words as word numbers, stems only (설명회는 beside 설명회 would be a useless suggestion):
 * every title word is a word of the text engine, which indexed the titles.
 */
export function titleWordLists(engine: TextEngine, titleWords: readonly string[][]): WordLists {
  const offsets = new Uint32Array(titleWords.length + 1);
  const ids: number[] = [];
  titleWords.forEach((words, doc) => {
    for (const word of words) {
      if (stripParticles(word) !== word) continue;
      const id = engine.wordId(word);
      if (id === undefined) throw new Error(`title word ${word} is not in the index`);
      ids.push(id);
    }
    offsets[doc + 1] = ids.length;
  });
  return { offsets, ids: Int32Array.from(ids) };
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
  | ({ ok: true; extracted: Extracted[] } & BuiltPart)
  | { ok: false; error: { name: string; message: string; stack?: string } };

export function extractedOf(article: AnalyzedArticle): Extracted {
  const { title, summary, regions, categories, application, events } = article;
  return { title, summary, regions, categories, application, events };
}

/** The analysed article, with its keys in the order analyzeArticle gives them. */
export function withExtracted(article: Article, extracted: Extracted): AnalyzedArticle {
  return { ...article, ...extracted };
}
