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

/**
 * The postings of `main` without some of its documents, followed by `added`'s documents: what one
 * builder makes over main's kept documents (in their order) and then the added ones. `remap[d]` is
 * main document d's new number, or -1 for a document left out (null: every document kept, same
 * numbers). `mainTermId` finds a term among main's (its position in `main.terms`).
 *
 * Terms keep their numbers, new terms follow in the order `added` first has them. A term only left
 * out documents had keeps its number with no postings (PostingsIndex treats it as absent), where a
 * full build would not number it: term numbers are not part of any answer.
 */
export function appendPostings(
  main: PostingsData,
  remap: Int32Array | null,
  added: PostingsData,
  mainTermId: (term: string) => number | undefined,
): PostingsData {
  const mainTerms = main.terms.length;
  const mainDocs = main.lengths.length;
  const terms = main.terms.slice();
  // Each merged term's postings in `added` (its term number there), -1 for none.
  const addedOf = new Int32Array(mainTerms + added.terms.length).fill(-1);
  added.terms.forEach((term, t) => {
    let id = mainTermId(term);
    if (id === undefined) {
      id = terms.length;
      terms.push(term);
    }
    addedOf[id] = t;
  });
  const withWeights = main.weights.length > 0 || added.weights.length > 0;
  const room = main.docs.length + added.docs.length;
  const docs = new Int32Array(room);
  const weights = new Float32Array(withWeights ? room : 0);
  const offsets = new Int32Array(terms.length + 1);
  // Main's postings are copied in runs of terms between two that `added` has, then that term's
  // added postings (numbered after main's documents for now).
  let at = 0;
  let copied = 0;
  const copyMainUpTo = (term: number) => {
    const end = main.offsets[term] as number;
    docs.set(main.docs.subarray(copied, end), at);
    if (withWeights) weights.set(main.weights.subarray(copied, end), at);
    at += end - copied;
    copied = end;
  };
  for (let t = 0; t < terms.length; t++) {
    const a = addedOf[t] as number;
    if (t < mainTerms) {
      offsets[t] = at + (main.offsets[t] as number) - copied;
      if (a < 0) continue;
      copyMainUpTo(t + 1);
    } else {
      if (copied < main.docs.length) copyMainUpTo(mainTerms);
      offsets[t] = at;
    }
    const from = added.offsets[a] as number;
    const to = added.offsets[a + 1] as number;
    for (let i = from; i < to; i++) docs[at + i - from] = (added.docs[i] as number) + mainDocs;
    if (withWeights) weights.set(added.weights.subarray(from, to), at);
    at += to - from;
  }
  copyMainUpTo(mainTerms);
  offsets[terms.length] = at;
  const lengths = new Float32Array(mainDocs + added.lengths.length);
  lengths.set(main.lengths);
  lengths.set(added.lengths, mainDocs);
  const all = { terms, offsets, docs, weights, lengths };
  return remap === null ? all : leaveOut(all, remap, mainDocs);
}

/**
 * The postings without main's documents that `remap` leaves out, every other document renumbered
 * (main's by `remap`, the added ones after the kept): one pass that compacts the arrays in place.
 */
function leaveOut(postings: PostingsData, remap: Int32Array, mainDocs: number): PostingsData {
  const { offsets, docs, weights, lengths } = postings;
  let kept = 0;
  for (const to of remap) if (to >= 0) kept++;
  const renumber = new Int32Array(lengths.length);
  renumber.set(remap);
  for (let d = mainDocs; d < lengths.length; d++) renumber[d] = kept + d - mainDocs;
  const withWeights = weights.length > 0;
  let out = 0;
  for (let t = 0; t + 1 < offsets.length; t++) {
    const from = offsets[t] as number;
    const to = offsets[t + 1] as number;
    offsets[t] = out;
    for (let i = from; i < to; i++) {
      const doc = renumber[docs[i] as number] as number;
      if (doc < 0) continue;
      docs[out] = doc;
      if (withWeights) weights[out] = weights[i] as number;
      out++;
    }
  }
  offsets[offsets.length - 1] = out;
  const keptLengths = new Float32Array(kept + lengths.length - mainDocs);
  for (let d = 0; d < lengths.length; d++) {
    const to = renumber[d] as number;
    if (to >= 0) keptLengths[to] = lengths[d] as number;
  }
  return {
    terms: postings.terms,
    offsets,
    // Views, not copies: the few postings left out stay as slack at the end.
    docs: docs.subarray(0, out),
    weights: withWeights ? weights.subarray(0, out) : weights,
    lengths: keptLengths,
  };
}
