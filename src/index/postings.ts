/**
 * A compact inverted index: interned terms and postings in CSR form (one offsets array, one
 * array of document numbers, one of weights), so 100,000 Korean articles with their bigrams fit in
 * a few hundred megabytes and a query term is one Map lookup plus a contiguous scan.
 *
 * It replaced MiniSearch's radix tree and postings held in Maps, which were slow to build and to
 * score (bench/README.md, "Figures behind the code").
 */

import { END, markedInto, seek, setAt } from "./doc-set.ts";
import type { TopK } from "./top-k.ts";

export interface PostingsData {
  terms: string[];
  /** offsets[t] … offsets[t+1] is term t's slice of `docs` and `weights`. */
  offsets: Int32Array;
  docs: Int32Array;
  /** Indexed like `docs`; empty for postings that keep no weights (the bigrams'). */
  weights: Float32Array;
  /** Weighted length of each document (for BM25's length normalisation). */
  lengths: Float32Array;
}

export interface Postings {
  docs: Int32Array;
  weights: Float32Array;
}

/** BM25's parameters. */
export const K1 = 1.2;
const B = 0.75;

/** Read side: term lookup, document frequency, postings ready for BM25 scoring. */
export class PostingsIndex {
  private readonly termIds: Map<string, number>;
  readonly averageLength: number;
  /**
   * k1 × BM25's length norm of each document, computed once: scoring a posting is then one
   * division, not two (a common word has 85,000 postings at 100,000 articles). The expression is
   * the per-posting one it replaces, so scores are bit for bit the same.
   */
  private readonly lengthNorms: Float64Array;
  /** The smallest of them: a bound on any posting's score (topOfTwoByBits). */
  readonly smallestNorm: number;

  /**
   * With `bitmaps`, the postings of every term in at least 1/32 of the documents are also kept as
   * one bit per document (no larger than their list of document numbers), for `bitmap`: the
   * bigrams of a compound are such terms (스마, 마트, 트공, 공장: 10,000–14,000 documents each
   * at 100,000 articles), and intersecting them by testing bits instead of merging lists of that
   * size was most of a compound word's search.
   */
  private readonly bitmapSlots: Int32Array | null = null;
  private readonly bitmaps: Uint32Array | null = null;
  /** Uint32 words per bitmap. */
  readonly bitmapWords: number;

  constructor(
    readonly data: PostingsData,
    options: { bitmaps?: boolean } = {},
  ) {
    this.termIds = new Map(data.terms.map((term, id) => [term, id]));
    this.bitmapWords = (data.lengths.length + 31) >>> 5;
    if (options.bitmaps) {
      const { slots, bitmaps } = buildBitmaps(data, this.bitmapWords);
      this.bitmapSlots = slots;
      this.bitmaps = bitmaps;
    }
    let sum = 0;
    for (const length of data.lengths) sum += length;
    this.averageLength = data.lengths.length > 0 ? sum / data.lengths.length : 0;
    const average = this.averageLength || 1;
    this.lengthNorms = Float64Array.from(
      data.lengths,
      (length) => K1 * (1 - B + (B * length) / average),
    );
    this.smallestNorm = this.lengthNorms.reduce((min, norm) => Math.min(min, norm), Infinity);
  }

  get documentCount(): number {
    return this.data.lengths.length;
  }

  /** The term's number (its position in `data.terms`). */
  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  postings(term: string): Postings | null {
    const id = this.termIds.get(term);
    if (id === undefined) return null;
    const from = this.data.offsets[id] as number;
    const to = this.data.offsets[id + 1] as number;
    // A term of replaced articles only (appendPostings): absent, as in a full build.
    if (from === to) return null;
    return {
      docs: this.data.docs.subarray(from, to),
      weights: this.data.weights.subarray(from, to),
    };
  }

  /**
   * The term's documents as one bit per document (bit `doc & 31` of word `doc >>> 5`), when the
   * index keeps bitmaps and the term is in at least 1/32 of the documents; null otherwise.
   */
  bitmap(term: string): Uint32Array | null {
    if (this.bitmapSlots === null || this.bitmaps === null) return null;
    const id = this.termIds.get(term);
    if (id === undefined) return null;
    const slot = this.bitmapSlots[id] as number;
    if (slot < 0) return null;
    const words = this.bitmapWords;
    return this.bitmaps.subarray(slot * words, (slot + 1) * words);
  }

  idf(documentFrequency: number): number {
    const n = this.documentCount;
    return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /** A query term's postings, to be scored with this index's length norms. */
  scored(
    docs: Int32Array,
    weights: Float32Array,
    idf: number,
    boost: number,
    bitmaps: readonly Uint32Array[] | null = null,
  ): ScoredList {
    return { docs, weights, idf, boost, norms: this.lengthNorms, bitmaps };
  }
}

/**
 * A query term's postings and what scoring them takes: each posting adds `boost` × BM25 (this
 * `idf`, the posting's weight, the document's length norm from `norms`). Lists without weights
 * (the bigram matches) are given weights of 1, so that every list is scored by the same loops:
 * code that took either kind ran slower, and in the bench's two passes the optimiser kept
 * revising it. Contributions are positive (idf > 0, weights > 0).
 */
export interface ScoredList {
  docs: Int32Array;
  /** Indexed like `docs` (it may be longer). */
  weights: Float32Array;
  idf: number;
  boost: number;
  norms: Float64Array;
  /** Bitmaps whose AND is exactly `docs` (see PostingsIndex.bitmap), when the index has them. */
  bitmaps: readonly Uint32Array[] | null;
}

/**
 * Adds each posting's score to `accumulator` and notes first-touched documents in `touched` from
 * `touchedCount` on; returns the new count. One loop over typed arrays, no call per posting;
 * contributions are positive, so 0 in the accumulator means untouched.
 */
export function accumulate(
  list: ScoredList,
  accumulator: Float64Array,
  touched: Int32Array,
  touchedCount: number,
  mask: Uint8Array | null = null,
): number {
  const { docs, weights, idf, boost, norms } = list;
  let count = touchedCount;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] as number;
    // With a mask, only its members: the others' postings are skipped.
    if (mask !== null && mask[doc] === 0) continue;
    const weight = weights[i] as number;
    const value = boost * ((idf * weight * (K1 + 1)) / (weight + (norms[doc] as number)));
    const before = accumulator[doc] as number;
    if (before === 0) touched[count++] = doc;
    accumulator[doc] = before + value;
  }
  return count;
}

/** slots[doc] = the document's position in `docs` + 1 (value 1), or back to 0 (value 0). */
export function setSlots(slots: Int32Array, docs: Int32Array, value: number): void {
  for (let i = 0; i < docs.length; i++) slots[docs[i] as number] = value * (i + 1);
}

/**
 * Adds the list's score of each document that has a slot to `scores[slot - 1]`: the expression
 * `accumulate` adds, in the same order, for those documents only (the postings of the others
 * cost a look at their slot, not a division).
 */
export function scoreInto(list: ScoredList, slots: Int32Array, scores: Float64Array): void {
  const { docs, weights, idf, boost, norms } = list;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] as number;
    const slot = slots[doc] as number;
    if (slot === 0) continue;
    const weight = weights[i] as number;
    scores[slot - 1] =
      (scores[slot - 1] as number) +
      boost * ((idf * weight * (K1 + 1)) / (weight + (norms[doc] as number)));
  }
}

/**
 * The best documents of a query's two scored lists into `heap` (an empty list for a query of
 * one), merging them in document order; returns how many documents they hold. A word and its
 * bigram match — most questions — are two lists: merged, each document's score is complete when
 * it is seen, rather than written to an accumulator, read back and cleared (passes over a
 * 100,000-document array for a common word). Scores are bit for bit those `accumulate` sums:
 * the same expression per posting, added in the same order (first list, then second). With a
 * mask, only the documents it marks are scored and counted.
 */
export function topOfTwo(
  first: ScoredList,
  second: ScoredList,
  heap: TopK,
  mask: Uint8Array | null = null,
): number {
  const { docs: aDocs, weights: aWeights, idf: aIdf, boost: aBoost, norms: aNorms } = first;
  const { docs: bDocs, weights: bWeights, idf: bIdf, boost: bBoost, norms: bNorms } = second;
  let i = 0;
  let j = 0;
  let a = aDocs.length > 0 ? (aDocs[0] as number) : END;
  let b = bDocs.length > 0 ? (bDocs[0] as number) : END;
  let total = 0;
  let floor = heap.floor;
  let floorDoc = heap.floorDoc;
  for (;;) {
    const doc = Math.min(a, b);
    if (doc === END) break;
    // With a mask, only its members: the others' postings are passed over.
    if (mask !== null && mask[doc] === 0) {
      if (a === doc) a = ++i < aDocs.length ? (aDocs[i] as number) : END;
      if (b === doc) b = ++j < bDocs.length ? (bDocs[j] as number) : END;
      continue;
    }
    total++;
    let score = 0;
    if (a === doc) {
      const weight = aWeights[i] as number;
      score += aBoost * ((aIdf * weight * (K1 + 1)) / (weight + (aNorms[doc] as number)));
      i++;
      a = i < aDocs.length ? (aDocs[i] as number) : END;
    }
    if (b === doc) {
      const weight = bWeights[j] as number;
      score += bBoost * ((bIdf * weight * (K1 + 1)) / (weight + (bNorms[doc] as number)));
      j++;
      b = j < bDocs.length ? (bDocs[j] as number) : END;
    }
    // Most documents lose to the heap's worst once it is full: test that here, without a call.
    if (score < floor || (score === floor && doc > floorDoc)) continue;
    heap.offer(doc, score);
    floor = heap.floor;
    floorDoc = heap.floorDoc;
  }
  return total;
}

/**
 * The last list of a longer query into `heap`, on top of the sums of its earlier lists in `sums`
 * (an accumulator, see `accumulate`): each document's score is its sum plus its score here,
 * complete when it is seen, and its sum is cleared. `offerSums` then offers the earlier lists'
 * other documents. The bigram matches come last and are the longest lists, so theirs are the
 * postings spared a round trip through the accumulator. Same scores, same order of addition as
 * `accumulate`. With a mask, only its members; returns how many of the list's documents it scored.
 */
export function topOnSums(
  list: ScoredList,
  heap: TopK,
  sums: Float64Array,
  mask: Uint8Array | null = null,
): number {
  const { docs, weights, idf, boost, norms } = list;
  let floor = heap.floor;
  let floorDoc = heap.floorDoc;
  let seen = 0;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] as number;
    // A non-member has no sum (the earlier lists were accumulated through the same mask).
    if (mask !== null && mask[doc] === 0) continue;
    seen++;
    const weight = weights[i] as number;
    const score =
      (sums[doc] as number) +
      boost * ((idf * weight * (K1 + 1)) / (weight + (norms[doc] as number)));
    sums[doc] = 0;
    if (score < floor || (score === floor && doc > floorDoc)) continue;
    heap.offer(doc, score);
    floor = heap.floor;
    floorDoc = heap.floorDoc;
  }
  return seen;
}

/**
 * Offers the documents `touched[0]` … `touched[count - 1]` whose sums are still in `sums` (the
 * last list cleared the others) and clears them, leaving the accumulator zeroed; returns how many
 * there were.
 */
export function offerSums(
  touched: Int32Array,
  count: number,
  sums: Float64Array,
  heap: TopK,
): number {
  let floor = heap.floor;
  let floorDoc = heap.floorDoc;
  let offered = 0;
  for (let t = 0; t < count; t++) {
    const doc = touched[t] as number;
    const score = sums[doc] as number;
    if (score === 0) continue;
    sums[doc] = 0;
    offered++;
    if (score < floor || (score === floor && doc > floorDoc)) continue;
    heap.offer(doc, score);
    floor = heap.floor;
    floorDoc = heap.floorDoc;
  }
  return offered;
}

/** Bitmaps of the terms in at least 1/32 of the documents, in one array; slot -1 for the rest. */
function buildBitmaps(
  data: PostingsData,
  words: number,
): { slots: Int32Array; bitmaps: Uint32Array } {
  const { offsets, docs } = data;
  const termCount = data.terms.length;
  const documentCount = data.lengths.length;
  const slots = new Int32Array(termCount).fill(-1);
  let count = 0;
  for (let t = 0; t < termCount; t++) {
    const df = (offsets[t + 1] as number) - (offsets[t] as number);
    if (df > 0 && df * 32 >= documentCount) slots[t] = count++;
  }
  const bitmaps = new Uint32Array(count * words);
  for (let t = 0; t < termCount; t++) {
    const slot = slots[t] as number;
    if (slot < 0) continue;
    const base = slot * words;
    const to = offsets[t + 1] as number;
    for (let i = offsets[t] as number; i < to; i++) {
      const doc = docs[i] as number;
      const at = base + (doc >>> 5);
      bitmaps[at] = (bitmaps[at] as number) | (1 << (doc & 31));
    }
  }
  return { slots, bitmaps };
}

/**
 * Where intersections put their results: parts of one array lent again for every query (a fresh
 * array of a common bigram's size costs an allocation, and more in the collections its garbage
 * brings on), fresh arrays once it is used up. What was taken must
 * no longer be in use when the room is lent again (`reset`).
 */
export class Scratch {
  private used = 0;

  constructor(private readonly room: Int32Array) {}

  /** An array of `length` numbers for the caller to overwrite. */
  take(length: number): Int32Array {
    const from = this.used;
    if (from + length > this.room.length) return new Int32Array(length);
    this.used = from + length;
    return this.room.subarray(from, from + length);
  }

  reset(): void {
    this.used = 0;
  }
}

/** Always fresh arrays: for results that outlive the call. */
const FRESH = new Scratch(new Int32Array(0));

/**
 * Documents present in both sorted lists, `small` no longer than `large`. The loops are in
 * functions of their own that return a count: code after a long loop that has not run yet when
 * the optimiser compiles the loop sends every later call back to the interpreter.
 */
function intersectTwo(small: Int32Array, large: Int32Array, scratch: Scratch): Int32Array {
  if (small.length === 0) return small;
  if (large.length > 8 * small.length) {
    // Gallop: the other list is much longer, so jump ahead rather than step.
    const kept = scratch.take(small.length);
    return kept.subarray(0, gallopInto(small, large, kept));
  }
  // Lists of similar length (the bigrams of a common word): mark one in a byte per document and
  // walk the other without a branch on the outcome, faster than a merge whose branches the
  // processor cannot predict (bench/README.md, "Figures behind the code").
  const size = Math.max(small[small.length - 1] as number, large[large.length - 1] as number) + 1;
  // The bytes are reused and left zeroed: allocating 100,000 fresh ones per intersection cost
  // about as much as the intersection (and the garbage collector's attention).
  if (marked.length < size) marked = new Uint8Array(size);
  const kept = scratch.take(small.length + 1);
  setAt(marked, small, 1);
  const count = markedInto(large, marked, kept);
  setAt(marked, small, 0);
  return kept.subarray(0, count);
}

/** intersectTwo's byte per document, all 0 between calls (queries run one at a time). */
let marked = new Uint8Array(0);

function gallopInto(small: Int32Array, large: Int32Array, kept: Int32Array): number {
  let count = 0;
  let j = 0;
  for (let i = 0; i < small.length; i++) {
    const doc = small[i] as number;
    j = seek(large, j, doc);
    if (large[j] === doc) kept[count++] = doc;
  }
  return count;
}

/**
 * Documents present in every list, as `intersectSorted` gives them; `bitmaps[i]`, when not null,
 * is list i as bits (`PostingsIndex.bitmap`). The lists without bits are merged, shortest first;
 * the result is then filtered through the bitmaps (ANDed together first when there are several),
 * one bit test per document instead of a merge with each long list.
 */
export function intersectWithBitmaps(
  lists: readonly Int32Array[],
  bitmaps: readonly (Uint32Array | null)[],
  scratch: Scratch = FRESH,
): Int32Array {
  const plain: Int32Array[] = [];
  const bits: Uint32Array[] = [];
  let shortest: Int32Array | null = null;
  for (let i = 0; i < lists.length; i++) {
    const list = lists[i] as Int32Array;
    if (shortest === null || list.length < shortest.length) shortest = list;
    const bitmap = bitmaps[i] ?? null;
    if (bitmap === null) plain.push(list);
    else bits.push(bitmap);
  }
  if (shortest === null) return new Int32Array(0);
  // Filter the shortest list by bits when it has them, or what the plain lists leave otherwise.
  if (plain.length === 0) {
    const at = lists.indexOf(shortest);
    bits.splice(bits.indexOf(bitmaps[at] as Uint32Array), 1);
    plain.push(shortest);
  }
  let result = intersectSorted(plain, scratch);
  if (bits.length === 0 || result.length === 0) return result;
  // Several bitmaps: AND them once when that is less work than testing each of them per document.
  const words = (bits[0] as Uint32Array).length;
  if (bits.length > 1 && result.length * bits.length > words) {
    if (anded.length < words) anded = new Uint32Array(words);
    const all = anded.subarray(0, words);
    all.set(bits[0] as Uint32Array);
    for (let b = 1; b < bits.length; b++) andInto(all, bits[b] as Uint32Array);
    return withBits(result, all, scratch);
  }
  for (const bitmap of bits) result = withBits(result, bitmap, scratch);
  return result;
}

/** intersectWithBitmaps' AND of several bitmaps, reused (queries run one at a time). */
let anded = new Uint32Array(0);

/** The AND of bitmaps: the first itself when there is one, else a new bitmap. */
export function andOf(bitmaps: readonly Uint32Array[]): Uint32Array {
  const [first, ...others] = bitmaps;
  if (first === undefined) throw new Error("andOf needs a bitmap");
  if (others.length === 0) return first;
  const all = first.slice();
  for (const other of others) andInto(all, other);
  return all;
}

function andInto(into: Uint32Array, other: Uint32Array): void {
  for (let w = 0; w < into.length; w++) into[w] = (into[w] as number) & (other[w] as number);
}

/** The documents of `docs` whose bit is set in `bitmap`. */
function withBits(docs: Int32Array, bitmap: Uint32Array, scratch: Scratch): Int32Array {
  const kept = scratch.take(docs.length + 1);
  return kept.subarray(0, bitsInto(docs, bitmap, kept));
}

function bitsInto(docs: Int32Array, bitmap: Uint32Array, kept: Int32Array): number {
  let count = 0;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] as number;
    kept[count] = doc;
    count += ((bitmap[doc >>> 5] as number) >>> (doc & 31)) & 1;
  }
  return count;
}

/** Documents present in every list (lists sorted ascending); the shortest lists go first. */
export function intersectSorted(lists: Int32Array[], scratch: Scratch = FRESH): Int32Array {
  if (lists.length === 0) return new Int32Array(0);
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let result = sorted[0] as Int32Array;
  for (let l = 1; l < sorted.length && result.length > 0; l++)
    result = intersectTwo(result, sorted[l] as Int32Array, scratch);
  return result;
}
