import { analyze, pushBigrams } from "../analysis/tokenize.ts";
import { intersectSorted, type PostingsData, PostingsIndex } from "./postings.ts";
import { TopK } from "./top-k.ts";

/**
 * Ranks article text with the Korean analysis. Two postings: words (words, particle-stripped
 * stems and aliases; title weighted ×3 over body, BM25F) and Hangul bigrams (finds 세관 inside
 * 평택직할세관). Whole-word matches outrank bigram-only ones (시장 above 부시장): a word match
 * scores in both, and the word score is boosted.
 */
export const TITLE_WEIGHT = 3;
export const WORD_BOOST = 3;

export interface TextEngineData {
  words: PostingsData;
  grams: PostingsData;
}

/** Scores of the documents a query matched, by document number. */
export class TextScores {
  constructor(
    readonly docs: Int32Array,
    readonly scores: Float64Array,
    private readonly lookup: Map<number, number>,
  ) {}

  get size(): number {
    return this.docs.length;
  }

  scoreOf(doc: number): number | undefined {
    const at = this.lookup.get(doc);
    return at === undefined ? undefined : this.scores[at];
  }

  /** The best `k` documents, best first; ties keep document order (stable across runs). */
  top(k: number): { doc: number; score: number }[] {
    const heap = new TopK(k);
    for (let i = 0; i < this.docs.length; i++)
      heap.offer(this.docs[i] as number, this.scores[i] as number);
    return heap.sorted();
  }
}

export class TextEngine {
  readonly words: PostingsIndex;
  readonly grams: PostingsIndex;
  // One accumulator per engine, reused by every query (queries run one at a time on the event loop).
  private readonly accumulator: Float64Array;
  private readonly touched: Int32Array;

  constructor(readonly data: TextEngineData) {
    this.words = new PostingsIndex(data.words);
    this.grams = new PostingsIndex(data.grams);
    this.accumulator = new Float64Array(this.words.documentCount);
    this.touched = new Int32Array(this.words.documentCount);
  }

  get documentCount(): number {
    return this.words.documentCount;
  }

  score(query: string): TextScores {
    const { words } = analyze(query);
    const unique = [...new Set(words)];
    let touchedCount = 0;
    const add = (doc: number, value: number) => {
      if (this.accumulator[doc] === 0) this.touched[touchedCount++] = doc;
      this.accumulator[doc] = (this.accumulator[doc] as number) + value;
    };
    for (const term of unique) {
      const postings = this.words.postings(term);
      if (!postings) continue;
      const idf = this.words.idf(postings.docs.length);
      for (let i = 0; i < postings.docs.length; i++) {
        const doc = postings.docs[i] as number;
        add(doc, WORD_BOOST * this.words.bm25(postings.weights[i] as number, doc, idf));
      }
    }
    for (const term of unique) {
      if (!/^[가-힣]{2,}$/.test(term)) continue;
      const bigrams: string[] = [];
      pushBigrams(bigrams, term);
      const lists = [...new Set(bigrams)].map((g) => this.grams.postings(g));
      if (lists.some((l) => l === null)) continue;
      const present = lists as { docs: Int32Array }[];
      const idf = present.reduce((sum, l) => sum + this.grams.idf(l.docs.length), 0);
      // Every bigram of the word must be there; tf is left out, so the length norm alone scales it.
      for (const doc of intersectSorted(present.map((l) => l.docs)))
        add(doc, this.grams.bm25(1, doc, idf));
    }
    const docs = this.touched.slice(0, touchedCount);
    const scores = new Float64Array(touchedCount);
    const lookup = new Map<number, number>();
    for (let i = 0; i < touchedCount; i++) {
      const doc = docs[i] as number;
      scores[i] = this.accumulator[doc] as number;
      this.accumulator[doc] = 0;
      lookup.set(doc, i);
    }
    return new TextScores(docs, scores, lookup);
  }
}
