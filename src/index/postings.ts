/**
 * A compact inverted index: interned terms and postings in CSR form (one offsets array, one
 * array of document numbers, one of weights), so 100,000 Korean articles with their bigrams fit in
 * a few hundred megabytes and a query term is one Map lookup plus a contiguous scan.
 *
 * Measured before it existed: MiniSearch's radix tree spent ~5 µs per token on insert, and
 * scoring 100k-document postings held in Maps took hundreds of milliseconds per query.
 */

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

/** Read side: term lookup, document frequency, BM25 scoring into a caller's accumulator. */
export class PostingsIndex {
  private readonly termIds: Map<string, number>;
  readonly averageLength: number;

  constructor(readonly data: PostingsData) {
    this.termIds = new Map(data.terms.map((term, id) => [term, id]));
    let sum = 0;
    for (const length of data.lengths) sum += length;
    this.averageLength = data.lengths.length > 0 ? sum / data.lengths.length : 0;
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

  /** BM25 contribution of one posting (k1 = 1.2, b = 0.75). */
  bm25(weight: number, doc: number, idf: number): number {
    const k1 = 1.2;
    const b = 0.75;
    const norm = 1 - b + (b * (this.data.lengths[doc] as number)) / (this.averageLength || 1);
    return (idf * weight * (k1 + 1)) / (weight + k1 * norm);
  }
}

/** Documents present in every list (lists sorted ascending); the shortest list drives. */
export function intersectSorted(lists: Int32Array[]): Int32Array {
  if (lists.length === 0) return new Int32Array(0);
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let result = sorted[0] as Int32Array;
  for (let l = 1; l < sorted.length && result.length > 0; l++) {
    const other = sorted[l] as Int32Array;
    const kept: number[] = [];
    let j = 0;
    for (let i = 0; i < result.length; i++) {
      const doc = result[i] as number;
      // Gallop: the other list is longer, so jump ahead rather than step.
      let step = 1;
      while (j + step < other.length && (other[j + step] as number) < doc) {
        j += step;
        step *= 2;
      }
      while (j < other.length && (other[j] as number) < doc) j++;
      if (j < other.length && other[j] === doc) kept.push(doc);
    }
    result = Int32Array.from(kept);
  }
  return result;
}
