import type { PostingsData } from "./postings.ts";
import { TermIds } from "./term-ids.ts";

/**
 * Collects weighted term counts per document, then packs them. Documents are numbered 0…n-1.
 * Every document's distinct term ids and summed weights go into two flat growing arrays (one
 * pair per builder, not per document: 100,000 documents made 400,000 small typed arrays).
 */
export class PostingsBuilder {
  /**
   * Without `weights`, the postings keep no weights (an empty array): bigram postings are scored
   * with a weight of 1 each (TextEngine), so theirs would be 4 bytes a posting for nothing.
   */
  constructor(private readonly options: { weights?: boolean } = {}) {}

  private readonly termIds = new TermIds();
  private docIds = new Int32Array(1 << 16);
  private docWeights = new Float32Array(1 << 16);
  private used = 0;
  /** docStart[d] … docStart[d+1] is document d's slice of docIds and docWeights. */
  private readonly docStart: number[] = [0];
  private readonly lengths: number[] = [];

  // Per-term scratch for counting one document without a Map per document: the document that
  // last saw the term, and where its count sits in the document's list.
  private lastDoc = new Int32Array(1024).fill(-1);
  private slot = new Int32Array(1024);
  // One document's distinct terms and their weights, before they are appended.
  private ids = new Int32Array(1024);
  private weights = new Float64Array(1024);

  private growTermScratch(termCount: number): void {
    const size = Math.max(termCount, this.lastDoc.length * 2);
    const lastDoc = new Int32Array(size).fill(-1);
    lastDoc.set(this.lastDoc);
    const slot = new Int32Array(size);
    slot.set(this.slot);
    this.lastDoc = lastDoc;
    this.slot = slot;
  }

  private growDocScratch(): void {
    const ids = new Int32Array(this.ids.length * 2);
    ids.set(this.ids);
    const weights = new Float64Array(this.weights.length * 2);
    weights.set(this.weights);
    this.ids = ids;
    this.weights = weights;
  }

  private append(count: number): void {
    const need = this.used + count;
    if (need > this.docIds.length) {
      const size = Math.max(need, this.docIds.length * 2);
      const ids = new Int32Array(size);
      ids.set(this.docIds.subarray(0, this.used));
      const weights = new Float32Array(size);
      weights.set(this.docWeights.subarray(0, this.used));
      this.docIds = ids;
      this.docWeights = weights;
    }
    // Weights are summed in doubles and stored as float32, as the packed postings hold them.
    this.docIds.set(this.ids.subarray(0, count), this.used);
    const out = this.docWeights;
    const from = this.weights;
    for (let i = 0; i < count; i++) out[this.used + i] = from[i] as number;
    this.used = need;
  }

  /** Adds the next document: each field's terms with the field's weight. */
  add(fields: { terms: readonly string[]; weight: number }[]): number {
    const doc = this.lengths.length;
    let count = 0;
    let length = 0;
    for (const { terms, weight } of fields) {
      length += terms.length * weight;
      for (let i = 0; i < terms.length; i++) {
        const id = this.termIds.intern(terms[i] as string);
        if (id >= this.lastDoc.length) this.growTermScratch(id + 1);
        if (this.lastDoc[id] !== doc) {
          this.lastDoc[id] = doc;
          this.slot[id] = count;
          if (count === this.ids.length) this.growDocScratch();
          this.ids[count] = id;
          this.weights[count] = weight;
          count++;
        } else {
          const at = this.slot[id] as number;
          this.weights[at] = (this.weights[at] as number) + weight;
        }
      }
    }
    this.append(count);
    this.docStart.push(this.used);
    this.lengths.push(length);
    return doc;
  }

  build(): PostingsData {
    const terms = this.termIds.terms;
    const termCount = terms.length;
    const total = this.used;
    const docIds = this.docIds;
    const docWeights = this.docWeights;
    const offsets = new Int32Array(termCount + 1);
    for (let i = 0; i < total; i++) {
      const next = (docIds[i] as number) + 1;
      offsets[next] = (offsets[next] as number) + 1;
    }
    for (let t = 0; t < termCount; t++)
      offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
    const docs = new Int32Array(total);
    const keepWeights = this.options.weights !== false;
    const weights = new Float32Array(keepWeights ? total : 0);
    const cursor = offsets.slice(0, termCount);
    // Documents are visited in order, so every term's postings come out sorted by document.
    const starts = this.docStart;
    for (let doc = 0; doc < this.lengths.length; doc++) {
      const end = starts[doc + 1] as number;
      for (let i = starts[doc] as number; i < end; i++) {
        const id = docIds[i] as number;
        const at = cursor[id] as number;
        docs[at] = doc;
        if (keepWeights) weights[at] = docWeights[i] as number;
        cursor[id] = at + 1;
      }
    }
    return { terms, offsets, docs, weights, lengths: Float32Array.from(this.lengths) };
  }
}
