import MiniSearch from "minisearch";
import { stripParticles } from "../analysis/particles.ts";

/**
 * MiniSearch keeps the job it does best here: autoSuggest for autocomplete and "did you mean"
 * suggestions, over article titles. It is filled through its own serialised form (loadJS) from
 * terms the analysis already produced, which is a tenth of the cost of addAll's radix-tree
 * insert per token.
 */
export const SUGGEST_OPTIONS = {
  fields: ["title"],
  idField: "id",
  tokenize: (text: string) => (text.length === 0 ? [] : text.split(" ")),
  processTerm: (term: string) => term,
  searchOptions: {
    tokenize: (text: string) => (text.length === 0 ? [] : text.split(" ")),
    processTerm: (term: string) => term,
  },
};

export type SuggestEngine = MiniSearch<{ id: string; title: string }>;

/** Builds the engine from each article's id and analysed title words. */
export function buildSuggestEngine(
  docs: { id: string; titleWords: readonly string[] }[],
): SuggestEngine {
  const documentIds: Record<number, string> = {};
  const fieldLength: Record<number, number[]> = {};
  const postings = new Map<string, Record<number, number>>();
  let totalLength = 0;
  docs.forEach(({ id, titleWords }, shortId) => {
    documentIds[shortId] = id;
    // Stems only: 설명회는 next to 설명회 would be a useless suggestion.
    const words = titleWords.filter((w) => stripParticles(w) === w);
    fieldLength[shortId] = [words.length];
    totalLength += words.length;
    for (const word of words) {
      let entry = postings.get(word);
      if (!entry) {
        entry = {};
        postings.set(word, entry);
      }
      entry[shortId] = (entry[shortId] ?? 0) + 1;
    }
  });
  return MiniSearch.loadJS(
    {
      documentCount: docs.length,
      nextId: docs.length,
      documentIds,
      fieldIds: { title: 0 },
      fieldLength,
      averageFieldLength: [docs.length > 0 ? totalLength / docs.length : 0],
      storedFields: {},
      dirtCount: 0,
      index: [...postings].map(([term, entry]) => [term, { 0: entry }]),
      serializationVersion: 2,
    } as never,
    SUGGEST_OPTIONS,
  );
}

export function loadSuggestEngine(json: unknown): SuggestEngine {
  return MiniSearch.loadJS(json as never, SUGGEST_OPTIONS);
}
