import type { PostingsData } from "./postings.ts";

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
