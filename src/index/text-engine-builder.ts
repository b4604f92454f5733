import { type Analysis, analyze } from "../analysis/tokenize.ts";
import { PostingsBuilder } from "./postings-builder.ts";
import { type TextEngineData, TITLE_WEIGHT } from "./text-engine.ts";

/** The analysis of one article, computed once and shared by every consumer of the build. */
export interface ArticleAnalysis {
  title: Analysis;
  body: Analysis;
}

export function analyzeForIndex(title: string, body: string): ArticleAnalysis {
  return { title: analyze(title), body: analyze(body) };
}

export class TextEngineBuilder {
  private readonly words = new PostingsBuilder();
  private readonly grams = new PostingsBuilder({ weights: false });

  add(analysis: ArticleAnalysis): void {
    this.words.add([
      { terms: analysis.title.words, weight: TITLE_WEIGHT },
      { terms: analysis.body.words, weight: 1 },
    ]);
    this.grams.add([
      { terms: analysis.title.grams, weight: 1 },
      { terms: analysis.body.grams, weight: 1 },
    ]);
  }

  build(): TextEngineData {
    return { words: this.words.build(), grams: this.grams.build() };
  }
}
