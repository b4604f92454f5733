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

/** Collects weighted term counts per document, then packs them. Documents are numbered 0…n-1. */
export class PostingsBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly docTerms: Int32Array[] = [];
  private readonly docWeights: Float32Array[] = [];
  private readonly lengths: number[] = [];

  private intern(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  // Per-term scratch for counting one document without a Map per document: the document that
  // last saw the term, and where its count sits in the document's list.
  private lastDoc = new Int32Array(1024).fill(-1);
  private slot = new Int32Array(1024);

  private ensureCapacity(termCount: number): void {
    if (termCount <= this.lastDoc.length) return;
    const size = Math.max(termCount, this.lastDoc.length * 2);
    const lastDoc = new Int32Array(size).fill(-1);
    lastDoc.set(this.lastDoc);
    const slot = new Int32Array(size);
    slot.set(this.slot);
    this.lastDoc = lastDoc;
    this.slot = slot;
  }

  /** Adds the next document: each field's terms with the field's weight. */
  add(fields: { terms: readonly string[]; weight: number }[]): number {
    const doc = this.lengths.length;
    const ids: number[] = [];
    const weights: number[] = [];
    let length = 0;
    for (const { terms, weight } of fields) {
      length += terms.length * weight;
      for (const term of terms) {
        const id = this.intern(term);
        this.ensureCapacity(id + 1);
        if (this.lastDoc[id] !== doc) {
          this.lastDoc[id] = doc;
          this.slot[id] = ids.length;
          ids.push(id);
          weights.push(weight);
        } else {
          const at = this.slot[id] as number;
          weights[at] = (weights[at] as number) + weight;
        }
      }
    }
    this.docTerms.push(Int32Array.from(ids));
    this.docWeights.push(Float32Array.from(weights));
    this.lengths.push(length);
    return doc;
  }

  build(): PostingsData {
    const termCount = this.terms.length;
    const offsets = new Int32Array(termCount + 1);
    for (const ids of this.docTerms)
      for (const id of ids) offsets[id + 1] = (offsets[id + 1] as number) + 1;
    for (let t = 0; t < termCount; t++)
      offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
    const total = offsets[termCount] as number;
    const docs = new Int32Array(total);
    const weights = new Float32Array(total);
    const cursor = offsets.slice(0, termCount);
    // Documents are visited in order, so every term's postings come out sorted by document.
    this.docTerms.forEach((ids, doc) => {
      const ws = this.docWeights[doc] as Float32Array;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        const at = cursor[id] as number;
        docs[at] = doc;
        weights[at] = ws[i] as number;
        cursor[id] = at + 1;
      }
    });
    return { terms: this.terms, offsets, docs, weights, lengths: Float32Array.from(this.lengths) };
  }
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
