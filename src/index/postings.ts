/**
 * A compact inverted index: interned terms and postings in CSR form (one offsets array, one
 * array of document numbers, one of weights), so 100,000 Korean articles with their bigrams fit in
 * a few hundred megabytes and a query term is one Map lookup plus a contiguous scan.
 *
 * Measured before it existed: MiniSearch's radix tree spent ~5 µs per token on insert, and
 * scoring 100k-document postings held in Maps took hundreds of milliseconds per query.
 */

import { seek } from "./doc-set.ts";

export interface PostingsData {
  terms: string[];
  /** offsets[t] … offsets[t+1] is term t's slice of `docs` and `weights`. */
  offsets: Int32Array;
  docs: Int32Array;
  weights: Float32Array;
  /** Weighted length of each document (for BM25's length normalisation). */
  lengths: Float32Array;
}

export interface Postings {
  docs: Int32Array;
  weights: Float32Array;
}

/** BM25's parameters. */
const K1 = 1.2;
const B = 0.75;

/** Read side: term lookup, document frequency, BM25 scoring into a caller's accumulator. */
export class PostingsIndex {
  private readonly termIds: Map<string, number>;
  readonly averageLength: number;
  /**
   * k1 × BM25's length norm of each document, computed once: scoring a posting is then one
   * division, not two (a common word has 85,000 postings at 100,000 articles). The expression is
   * the per-posting one it replaces, so scores are bit for bit the same.
   */
  private readonly lengthNorms: Float64Array;

  constructor(readonly data: PostingsData) {
    this.termIds = new Map(data.terms.map((term, id) => [term, id]));
    let sum = 0;
    for (const length of data.lengths) sum += length;
    this.averageLength = data.lengths.length > 0 ? sum / data.lengths.length : 0;
    const average = this.averageLength || 1;
    this.lengthNorms = Float64Array.from(
      data.lengths,
      (length) => K1 * (1 - B + (B * length) / average),
    );
  }

  get documentCount(): number {
    return this.data.lengths.length;
  }

  postings(term: string): Postings | null {
    const id = this.termIds.get(term);
    if (id === undefined) return null;
    const from = this.data.offsets[id] as number;
    const to = this.data.offsets[id + 1] as number;
    return {
      docs: this.data.docs.subarray(from, to),
      weights: this.data.weights.subarray(from, to),
    };
  }

  idf(documentFrequency: number): number {
    const n = this.documentCount;
    return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /**
   * Adds `boost` × BM25 of each posting to `accumulator` and notes first-touched documents in
   * `touched` from `touchedCount` on; returns the new count. `weights` null means weight 1 (the
   * bigram lists). One loop over typed arrays, no call per posting. Contributions are positive
   * (idf > 0, weights > 0), so 0 in the accumulator means untouched.
   */
  accumulate(
    postings: { docs: Int32Array; weights: Float32Array | null },
    idf: number,
    boost: number,
    accumulator: Float64Array,
    touched: Int32Array,
    touchedCount: number,
  ): number {
    const { docs, weights } = postings;
    const norms = this.lengthNorms;
    let count = touchedCount;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i] as number;
      const weight = weights === null ? 1 : (weights[i] as number);
      const value = boost * ((idf * weight * (K1 + 1)) / (weight + (norms[doc] as number)));
      const before = accumulator[doc] as number;
      if (before === 0) touched[count++] = doc;
      accumulator[doc] = before + value;
    }
    return count;
  }
}

/** Documents present in both sorted lists, `small` no longer than `large`. */
function intersectTwo(small: Int32Array, large: Int32Array): Int32Array {
  if (small.length === 0) return small;
  if (large.length > 8 * small.length) {
    // Gallop: the other list is much longer, so jump ahead rather than step.
    const kept = new Int32Array(small.length);
    let count = 0;
    let j = 0;
    for (let i = 0; i < small.length; i++) {
      const doc = small[i] as number;
      j = seek(large, j, doc);
      if (large[j] === doc) kept[count++] = doc;
    }
    return kept.subarray(0, count);
  }
  // Lists of similar length (the bigrams of a common word): mark one in a byte per document and
  // walk the other without a branch on the outcome. Measured on 45,000 × 60,000 documents:
  // 0.23 ms, where a merge (whose branches the processor cannot predict) took 0.55 ms.
  const size = Math.max(small[small.length - 1] as number, large[large.length - 1] as number) + 1;
  const marked = new Uint8Array(size);
  for (let i = 0; i < small.length; i++) marked[small[i] as number] = 1;
  const kept = new Int32Array(small.length + 1);
  let count = 0;
  for (let j = 0; j < large.length; j++) {
    const doc = large[j] as number;
    kept[count] = doc;
    count += marked[doc] as number;
  }
  return kept.subarray(0, count);
}

/** Documents present in every list (lists sorted ascending); the shortest lists go first. */
export function intersectSorted(lists: Int32Array[]): Int32Array {
  if (lists.length === 0) return new Int32Array(0);
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let result = sorted[0] as Int32Array;
  for (let l = 1; l < sorted.length && result.length > 0; l++)
    result = intersectTwo(result, sorted[l] as Int32Array);
  return result;
}
