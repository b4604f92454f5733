import MiniSearch, { type Query, type SearchResult } from "minisearch";
import { analyze, pushBigrams } from "../analysis/tokenize.ts";
import type { AnalyzedArticle } from "../types.ts";

/**
 * MiniSearch ranks article text. Documents arrive already analysed (one analysis pass feeds both
 * engines), as space-joined terms, so MiniSearch's own tokenizer only has to split on spaces.
 */
export interface TextDocument {
  id: string;
  title: string;
  body: string;
  grams: string;
}

const FIELDS = ["title", "body", "grams"] as const;

// Whole-word matches must outrank bigram-only ones (시장 above 부시장): the word fields are boosted.
const WORD_BOOST = { title: 6, body: 3 };

export const TEXT_ENGINE_OPTIONS = {
  fields: [...FIELDS],
  idField: "id",
  tokenize: (text: string) => (text.length === 0 ? [] : text.split(" ")),
  processTerm: (term: string) => term,
  searchOptions: {
    tokenize: (text: string) => (text.length === 0 ? [] : text.split(" ")),
    processTerm: (term: string) => term,
  },
};

export function toTextDocument(article: AnalyzedArticle): TextDocument {
  const title = analyze(article.title);
  const body = analyze(article.body);
  return {
    id: article.id,
    title: title.words.join(" "),
    body: body.words.join(" "),
    grams: title.grams.concat(body.grams).join(" "),
  };
}

export function createTextEngine(): MiniSearch<TextDocument> {
  return new MiniSearch<TextDocument>(TEXT_ENGINE_OPTIONS);
}

/** The query analysed the same way as the text, as a MiniSearch query tree. */
export function buildTextQuery(text: string): Query | null {
  const { words } = analyze(text);
  if (words.length === 0) return null;
  const queries: Query[] = [
    {
      queries: [...new Set(words)],
      fields: ["title", "body"],
      boost: WORD_BOOST,
      combineWith: "OR",
    },
  ];
  // Bigrams of each stripped Hangul word, all required: finds 세관 inside 평택직할세관.
  for (const word of new Set(words)) {
    if (!/^[가-힣]{2,}$/.test(word)) continue;
    const grams: string[] = [];
    pushBigrams(grams, word);
    queries.push({ queries: [...new Set(grams)], fields: ["grams"], combineWith: "AND" });
  }
  return { combineWith: "OR", queries };
}

export function searchText(engine: MiniSearch<TextDocument>, text: string): SearchResult[] {
  const query = buildTextQuery(text);
  return query ? engine.search(query) : [];
}
