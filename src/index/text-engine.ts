import { analyze, pushBigrams } from "../analysis/tokenize.ts";
import { memberMask, seek } from "./doc-set.ts";
import {
  accumulate,
  intersectWithBitmaps,
  offerSums,
  type PostingsData,
  PostingsIndex,
  type ScoredList,
  Scratch,
  scoreInto,
  setSlots,
  topOfTwo,
  topOnSums,
} from "./postings.ts";
import { topOfTwoByBits, topOnSumsByBits } from "./top-by-bits.ts";
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

/**
 * Scores of the documents a query matched, by document number: `docs` ascending, `scores` aligned,
 * with no per-document lookup structure. (A Map of every touched document — 85,000 inserts for
 * 지원 — made `score` the largest self time in a profile of the bench's questions at 100,000
 * articles.) The query path does not even collect these: see `top` and `scoresOf`.
 */
export class TextScores {
  constructor(
    readonly docs: Int32Array,
    readonly scores: Float64Array,
  ) {}

  get size(): number {
    return this.docs.length;
  }

  scoreOf(doc: number): number | undefined {
    const at = seek(this.docs, 0, doc);
    return this.docs[at] === doc ? this.scores[at] : undefined;
  }

  /** The best `k` documents, best first; ties keep document order (stable across runs). */
  top(k: number): { doc: number; score: number }[] {
    const heap = new TopK(k);
    for (let i = 0; i < this.docs.length; i++)
      heap.offer(this.docs[i] as number, this.scores[i] as number);
    return heap.sorted();
  }
}

/** The documents holding every bigram of a word, and the bigrams' summed idf. */
interface GramMatch {
  docs: Int32Array;
  idf: number;
  /** Bitmaps whose AND is exactly `docs`, when the index keeps one for each bigram. */
  bitmaps: readonly Uint32Array[] | null;
}

/** No postings: the second list of a query with one. */
const EMPTY: ScoredList = {
  docs: new Int32Array(0),
  weights: new Float32Array(0),
  idf: 0,
  boost: 0,
  norms: new Float64Array(0),
  bitmaps: null,
};

/**
 * The index terms of a query's words, each word analysed as the documents were (the engine's own
 * analyser, so a caller never needs to know how it splits or stems), first occurrence first.
 */
function uniqueWords(words: readonly string[]): string[] {
  return [...new Set(words.flatMap((word) => analyze(word).words))];
}

/** matchesIn masks a member list holding at least 1/BROAD_SHARE of the documents. */
const BROAD_SHARE = 8;

function uniqueBigrams(word: string): string[] {
  const bigrams: string[] = [];
  pushBigrams(bigrams, word);
  return [...new Set(bigrams)];
}

/**
 * The documents that say a form: as a word, or (a Hangul form of two syllables or more) with
 * every one of its bigrams somewhere in them.
 */
export class Mentions {
  constructor(private readonly lists: readonly Int32Array[]) {}

  has(doc: number): boolean {
    for (const docs of this.lists) if (!contains(docs, doc)) return false;
    return true;
  }
}

/**
 * Whether the sorted list holds the document: a binary search (a rerank asks about documents in
 * score order, so there is no position to gallop on from).
 */
function contains(docs: Int32Array, doc: number): boolean {
  let low = 0;
  let high = docs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((docs[middle] as number) < doc) low = middle + 1;
    else high = middle;
  }
  return docs[low] === doc;
}

export class TextEngine {
  private readonly words: PostingsIndex;
  private readonly grams: PostingsIndex;
  // One accumulator per engine, reused by every query (queries run one at a time on the event loop).
  private readonly accumulator: Float64Array;
  private readonly touched: Int32Array;
  /** scoresOf's position + 1 of each document asked about, 0 for the others (and between calls). */
  private readonly slots: Int32Array;
  /** Room for the bigram matches of the query being scored, which never outlive its scoring. */
  private readonly scratch: Scratch;
  /** The same masks as bits, for counting members of a bitmap (top-by-bits.ts). */
  private readonly maskBits = new WeakMap<Uint8Array, Uint32Array>();
  /** Weight 1 for every posting of a bigram match (see ScoredList). */
  private readonly ones: Float32Array;
  /** A bit per document, all 0 between queries (top-by-bits.ts). */
  private readonly bits: Uint32Array;

  constructor(readonly data: TextEngineData) {
    this.words = new PostingsIndex(data.words);
    this.grams = new PostingsIndex(data.grams, { bitmaps: true });
    this.accumulator = new Float64Array(this.words.documentCount);
    this.touched = new Int32Array(this.words.documentCount);
    this.slots = new Int32Array(this.words.documentCount);
    this.scratch = new Scratch(new Int32Array(2 * this.words.documentCount + 64));
    this.ones = new Float32Array(this.words.documentCount).fill(1);
    this.bits = new Uint32Array(this.words.bitmapWords);
  }

  get documentCount(): number {
    return this.words.documentCount;
  }

  /** The number of a word the index holds. */
  wordId(word: string): number | undefined {
    return this.words.termId(word);
  }

  /** The number of a term of the word or the bigram postings. */
  termId(postings: "words" | "grams", term: string): number | undefined {
    return this[postings].termId(term);
  }

  /** The word of a number wordId gave. */
  word(id: number): string {
    return this.data.words.terms[id] as string;
  }

  /** How many documents say the word (0 for none). */
  documentFrequency(word: string): number {
    return this.words.postings(word)?.docs.length ?? 0;
  }

  /** The word postings' idf for a document frequency. */
  idf(documentFrequency: number): number {
    return this.words.idf(documentFrequency);
  }

  /** Which documents say `form` (see Mentions); null when none can. */
  mentions(form: string): Mentions | null {
    const word = this.words.postings(form);
    if (word) return new Mentions([word.docs]);
    if (!/^[가-힣]{2,}$/.test(form)) return null;
    const lists = uniqueBigrams(form).map((gram) => this.grams.postings(gram)?.docs ?? null);
    return lists.every((docs) => docs !== null) ? new Mentions(lists as Int32Array[]) : null;
  }

  /** Every matching document with its score. */
  score(query: readonly string[]): TextScores {
    return this.collect(this.accumulate(this.scoredLists(query)));
  }

  /**
   * The best `k` matches, best first, and how many there are. Each match is offered to the heap
   * as its score completes, never copied into arrays (at 100,000 articles those copies were most
   * of the query path's garbage): a word and its bigram match (most questions) are merged
   * (`topOfTwo`); with more lists, all but the last go through the accumulator and the last, the
   * longest, is scored on top of their sums (`topOnSums`, `offerSums`).
   */
  top(
    query: readonly string[],
    k: number,
    wholeWords: readonly string[] = [],
  ): { top: { doc: number; score: number }[]; total: number } {
    return this.topOf(this.scoredLists(query, wholeWords), k, null);
  }

  /**
   * `top` among the documents of `docs` (sorted), with the scores `matchesIn` gives them: the
   * articles visible on the as-of day, when a question has no filter of its own. Only the best
   * `k` leave the engine, so a common word's 50,000 matches are neither collected into arrays
   * nor offered to a second heap.
   */
  topIn(
    query: readonly string[],
    docs: Int32Array,
    k: number,
    wholeWords: readonly string[] = [],
  ): { top: { doc: number; score: number }[]; total: number } {
    return this.topOf(
      this.scoredLists(query, wholeWords, docs),
      k,
      memberMask(docs, this.documentCount),
    );
  }

  private topOf(
    lists: readonly ScoredList[],
    k: number,
    mask: Uint8Array | null,
  ): { top: { doc: number; score: number }[]; total: number } {
    const heap = new TopK(k);
    const last = lists[lists.length - 1];
    if (last !== undefined && lists.length >= 2 && last.weights === this.ones) {
      // The last list is a bigram match (see top-by-bits.ts).
      const maskBits = mask === null ? null : this.maskBitsOf(mask);
      const walk = { heap, mask, maskBits, bits: this.bits, smallestNorm: this.grams.smallestNorm };
      if (lists.length === 2) {
        const total = topOfTwoByBits(lists[0] as ScoredList, last, walk);
        return { top: heap.sorted(), total };
      }
      const count = this.accumulate(lists.slice(0, -1), mask);
      const total = topOnSumsByBits(last, this.accumulator, this.touched, count, walk);
      return { top: heap.sorted(), total };
    }
    if (last === undefined || lists.length <= 2) {
      const total = topOfTwo(lists[0] ?? EMPTY, lists[1] ?? EMPTY, heap, mask);
      return { top: heap.sorted(), total };
    }
    // The last list (the longest) on top of the others' sums.
    const count = this.accumulate(lists.slice(0, -1), mask);
    const seen = topOnSums(last, heap, this.accumulator, mask);
    const others = offerSums(this.touched, count, this.accumulator, heap);
    return { top: heap.sorted(), total: seen + others };
  }

  /**
   * The score of each of `docs` (sorted), 0 where the query does not match it (a match is never
   * 0). Only postings of those documents are scored, straight into the result: `docs` are a
   * filter's members (a region: a tenth to a quarter of all articles), so most postings are
   * skipped, and no accumulator is filled, read back and cleared.
   */
  scoresOf(
    query: readonly string[],
    docs: Int32Array,
    wholeWords: readonly string[] = [],
  ): Float64Array {
    const lists = this.scoredLists(query, wholeWords, docs);
    const scores = new Float64Array(docs.length);
    const slots = this.slots;
    setSlots(slots, docs, 1);
    for (const list of lists) scoreInto(list, slots, scores);
    setSlots(slots, docs, 0);
    return scores;
  }

  /**
   * The documents of `docs` (sorted) that the query matches, with their scores: `scoresOf`
   * without the zeros. A broad `docs` (an eighth of the collection or more: above all the
   * articles visible on the as-of day, the same list for every question of that day) is kept as a
   * byte mask made once per list, and the scores are summed in the accumulator over the postings
   * of its members only, so a question costs what its postings cost, not two passes over a slot
   * per document and a scan of a score per member. Scores are bit for bit scoresOf's: the same expression per posting, added in
   * the same list order.
   */
  matchesIn(
    query: readonly string[],
    docs: Int32Array,
    wholeWords: readonly string[] = [],
  ): TextScores {
    if (docs.length * BROAD_SHARE >= this.documentCount) {
      const lists = this.scoredLists(query, wholeWords, docs);
      return this.collect(this.accumulate(lists, memberMask(docs, this.documentCount)));
    }
    const scores = this.scoresOf(query, docs, wholeWords);
    let count = 0;
    for (let i = 0; i < scores.length; i++) if (scores[i] !== 0) count++;
    const matched = new Int32Array(count);
    const matchedScores = new Float64Array(count);
    let at = 0;
    for (let i = 0; i < scores.length; i++) {
      const score = scores[i] as number;
      if (score === 0) continue;
      matched[at] = docs[i] as number;
      matchedScores[at++] = score;
    }
    return new TextScores(matched, matchedScores);
  }

  /** A mask as bits (bit `doc & 31` of word `doc >>> 5`): made once per mask. */
  private maskBitsOf(mask: Uint8Array): Uint32Array {
    let bits = this.maskBits.get(mask);
    if (bits === undefined) {
      bits = new Uint32Array(this.bits.length);
      for (let doc = 0; doc < mask.length; doc++)
        if (mask[doc] === 1) bits[doc >>> 5] = (bits[doc >>> 5] as number) | (1 << (doc & 31));
      this.maskBits.set(mask, bits);
    }
    return bits;
  }

  /**
   * Sorted lists whose union is the documents the query matches, without scoring them: a filter
   * needs only "does it say this word", and checking a few thousand filtered documents against
   * the lists is cheaper than scoring and merging 85,000 matches of a common word.
   */
  matchingLists(query: readonly string[]): Int32Array[] {
    const unique = uniqueWords(query);
    const lists = unique.flatMap((term) => this.words.postings(term)?.docs ?? []);
    for (const match of this.gramMatches(unique).values()) lists.push(match.docs);
    return lists;
  }

  /**
   * The query's postings to score, in the order their scores are added: each word's (boosted),
   * then each word's bigram match. `wholeWords` are searched as words only, not inside longer
   * words: the parts of a compound (전시회 of 해외전시회) are generic words, and intersecting
   * their bigram lists doubled the cost of such questions for candidates the whole-word postings
   * already give.
   */
  private scoredLists(
    query: readonly string[],
    wholeWords: readonly string[] = [],
    within: Int32Array | null = null,
  ): ScoredList[] {
    const unique = uniqueWords(query);
    const exact = uniqueWords(wholeWords).filter((w) => !unique.includes(w));
    const lists: ScoredList[] = [];
    for (const term of [...unique, ...exact]) {
      const postings = this.words.postings(term);
      if (!postings) continue;
      const idf = this.words.idf(postings.docs.length);
      lists.push(this.words.scored(postings.docs, postings.weights, idf, WORD_BOOST));
    }
    this.scratch.reset();
    const gramMatches = this.gramMatches(unique, this.scratch, within);
    for (const term of unique) {
      const match = gramMatches.get(term);
      if (!match) continue;
      lists.push(this.grams.scored(match.docs, this.ones, match.idf, 1, match.bitmaps));
    }
    return lists;
  }

  /**
   * Adds the lists' scores (of the mask's members only, with a mask) into the accumulator; returns
   * how many documents they touched.
   */
  private accumulate(lists: readonly ScoredList[], mask: Uint8Array | null = null): number {
    let touched = 0;
    for (const list of lists)
      touched = accumulate(list, this.accumulator, this.touched, touched, mask);
    return touched;
  }

  /**
   * For each Hangul word of two syllables or more, the documents holding every one of its bigrams
   * (finds 세관 inside 평택직할세관) and the bigrams' summed idf. A word's particle-stripped stem is
   * also a query word (중소기업을, 중소기업) and its bigrams are a prefix of the word's: the longer
   * word starts from the stem's documents, which halves the merging for inflected words (the
   * bigram lists of a common word hold ~50,000 documents each).
   */
  private gramMatches(
    terms: readonly string[],
    scratch?: Scratch,
    within: Int32Array | null = null,
  ): Map<string, GramMatch> {
    const matches = new Map<string, GramMatch>();
    const words = terms.filter((t) => /^[가-힣]{2,}$/.test(t)).sort((a, b) => a.length - b.length);
    for (const word of words) {
      const bigrams = uniqueBigrams(word);
      const lists = bigrams.map((g) => this.grams.postings(g)?.docs ?? null);
      if (lists.some((l) => l === null)) continue;
      const present = lists as Int32Array[];
      const bits = bigrams.map((g) => this.grams.bitmap(g));
      const idf = present.reduce((sum, docs) => sum + this.grams.idf(docs.length), 0);
      // The longest shorter word it starts with (words are in length order, so it is done).
      const stem = words.findLast((w) => w.length < word.length && word.startsWith(w));
      const stemMatch = stem === undefined ? undefined : matches.get(stem);
      if (stem === undefined || stemMatch === undefined) {
        // Only `within` matter (scoresOf): starting from them is cheaper when they are fewer.
        const narrow = within !== null && present.every((docs) => within.length < docs.length);
        const docs = narrow
          ? intersectWithBitmaps([within, ...present], [null, ...bits], scratch)
          : intersectWithBitmaps(present, bits, scratch);
        // With a bitmap for every bigram, the match is their AND (top-by-bits.ts).
        const exact = !narrow && bits.every((b) => b !== null);
        matches.set(word, { docs, idf, bitmaps: exact ? (bits as Uint32Array[]) : null });
        continue;
      }
      const stemGrams = new Set(uniqueBigrams(stem));
      const rest = bigrams.flatMap((g, i) => (stemGrams.has(g) ? [] : [i]));
      matches.set(word, {
        docs: intersectWithBitmaps(
          [stemMatch.docs, ...rest.map((i) => present[i] as Int32Array)],
          [null, ...rest.map((i) => bits[i] ?? null)],
          scratch,
        ),
        idf,
        bitmaps: null,
      });
    }
    return matches;
  }

  /**
   * The touched documents in order with their scores, leaving the accumulator zeroed. Many
   * documents (a common word touches 85,000 of 100,000) are read off the accumulator in one pass;
   * few (under 1/32 of the collection) are sorted. Every contribution is positive, so a touched
   * document is never 0.
   */
  private collect(touchedCount: number): TextScores {
    const accumulator = this.accumulator;
    const few = touchedCount * 32 < accumulator.length;
    const docs = few ? this.touched.slice(0, touchedCount).sort() : new Int32Array(touchedCount);
    const scores = new Float64Array(touchedCount);
    if (few) {
      for (let i = 0; i < touchedCount; i++) {
        const doc = docs[i] as number;
        scores[i] = accumulator[doc] as number;
        accumulator[doc] = 0;
      }
    } else {
      let at = 0;
      for (let doc = 0; at < touchedCount; doc++) {
        const score = accumulator[doc] as number;
        if (score === 0) continue;
        docs[at] = doc;
        scores[at++] = score;
        accumulator[doc] = 0;
      }
    }
    return new TextScores(docs, scores);
  }
}
