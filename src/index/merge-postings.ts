import type { PostingsData } from "./postings.ts";
import { TermIds } from "./term-ids.ts";

/**
 * Joins postings built over consecutive runs of documents (part k's document 0 follows part
 * k-1's last document) into the postings one builder would have made over all of them: terms
 * numbered by first appearance, each term's documents ascending, lengths in document order.
 */
export function mergePostings(parts: readonly PostingsData[]): PostingsData {
  if (parts.length === 1) return parts[0] as PostingsData;
  const ids = new TermIds();
  // Each part's term ids mapped to the merged ones.
  const remaps = parts.map((part) => Int32Array.from(part.terms, (term) => ids.intern(term)));
  const terms = ids.terms;
  const offsets = new Int32Array(terms.length + 1);
  parts.forEach((part, p) => {
    const remap = remaps[p] as Int32Array;
    for (let t = 0; t < remap.length; t++) {
      const to = (remap[t] as number) + 1;
      offsets[to] =
        (offsets[to] as number) + (part.offsets[t + 1] as number) - (part.offsets[t] as number);
    }
  });
  for (let t = 0; t < terms.length; t++)
    offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);

  const docs = new Int32Array(offsets[terms.length] as number);
  // Postings without weights (see PostingsBuilder) stay without.
  const withWeights = parts.some((part) => part.weights.length > 0);
  const weights = new Float32Array(withWeights ? docs.length : 0);
  const lengths = new Float32Array(parts.reduce((sum, part) => sum + part.lengths.length, 0));
  const cursor = offsets.slice(0, terms.length);
  let firstDoc = 0;
  parts.forEach((part, p) => {
    const remap = remaps[p] as Int32Array;
    // Parts are taken in document order, so each term's documents stay ascending.
    for (let t = 0; t < remap.length; t++) {
      const from = part.offsets[t] as number;
      const to = part.offsets[t + 1] as number;
      const merged = remap[t] as number;
      const at = cursor[merged] as number;
      for (let i = from; i < to; i++) docs[at + i - from] = (part.docs[i] as number) + firstDoc;
      if (withWeights) weights.set(part.weights.subarray(from, to), at);
      cursor[merged] = at + to - from;
    }
    lengths.set(part.lengths, firstDoc);
    firstDoc += part.lengths.length;
  });
  return { terms, offsets, docs, weights, lengths };
}
