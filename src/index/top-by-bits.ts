/**
 * The best documents of a query whose last scored list has weights of 1 (a bigram match: most
 * questions end with one), without walking that list posting by posting against the others.
 *
 * A word and its bigram match hold mostly the same documents, so merging them in document order
 * took a branch per posting that the processor could not predict, and scoring the bigram match on
 * top of an accumulator took a division per posting. Here the bigram match is marked in a bitmap
 * and its members counted; the other lists' documents are scored with a look at those bits; and
 * the documents only the bigram match holds are scored only if one of them could still enter the
 * heap: their best possible score (the match's idf over the smallest length norm) must reach the
 * heap's worst, which for a common word it almost never does.
 *
 * Each document's score is the expression `topOfTwo` and `topOnSums` add, in the same order, and a
 * top-k heap's result does not depend on the order of its offers, so the best k and the total are
 * theirs (tests/text-engine.test.ts checks them against scoring every match).
 */
import { andOf, K1, type ScoredList } from "./postings.ts";
import type { TopK } from "./top-k.ts";

/** What both walks share: the heap, the mask of members (null: all), and all-zero bits to use. */
export interface BitsWalk {
  heap: TopK;
  mask: Uint8Array | null;
  /** The mask as bits (null without a mask). */
  maskBits: Uint32Array | null;
  /** A bit per document, all 0 before and after. */
  bits: Uint32Array;
  /** The smallest length norm of the match's postings (PostingsIndex.smallestNorm). */
  smallestNorm: number;
}

/** `topOfTwo` of a list and a bigram match (weights of 1); returns how many documents match. */
export function topOfTwoByBits(first: ScoredList, match: ScoredList, walk: BitsWalk): number {
  const { heap, mask } = walk;
  const { docs, weights, idf, boost, norms } = first;
  const { idf: matchIdf, boost: matchBoost, norms: matchNorms } = match;
  const bits = matchBits(match, walk);
  let total = members(match, bits, walk);
  let floor = heap.floor;
  let floorDoc = heap.floorDoc;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] as number;
    if (mask !== null && mask[doc] === 0) continue;
    const weight = weights[i] as number;
    let score = 0;
    score += boost * ((idf * weight * (K1 + 1)) / (weight + (norms[doc] as number)));
    if (isMarked(bits, doc))
      score += matchBoost * ((matchIdf * 1 * (K1 + 1)) / (1 + (matchNorms[doc] as number)));
    else total++;
    if (score < floor || (score === floor && doc > floorDoc)) continue;
    heap.offer(doc, score);
    floor = heap.floor;
    floorDoc = heap.floorDoc;
  }
  if (bits === walk.bits) unmark(match.docs, bits);
  offerMatchOnly(match, docs, walk);
  return total;
}

/**
 * `topOnSums` + `offerSums` for a last list that is a bigram match: the earlier lists' sums are
 * in `sums` for the documents `touched[0]` … `touched[count - 1]`, and are cleared. Returns how
 * many documents match.
 */
export function topOnSumsByBits(
  match: ScoredList,
  sums: Float64Array,
  touched: Int32Array,
  count: number,
  walk: BitsWalk,
): number {
  const { heap } = walk;
  const { idf, boost, norms } = match;
  const bits = matchBits(match, walk);
  let total = members(match, bits, walk);
  let floor = heap.floor;
  let floorDoc = heap.floorDoc;
  for (let t = 0; t < count; t++) {
    const doc = touched[t] as number;
    let score = sums[doc] as number;
    sums[doc] = 0;
    if (isMarked(bits, doc))
      score = score + boost * ((idf * 1 * (K1 + 1)) / (1 + (norms[doc] as number)));
    else total++;
    if (score < floor || (score === floor && doc > floorDoc)) continue;
    heap.offer(doc, score);
    floor = heap.floor;
    floorDoc = heap.floorDoc;
  }
  if (bits === walk.bits) unmark(match.docs, bits);
  offerMatchOnly(match, touched.subarray(0, count), walk);
  return total;
}

/**
 * Offers the match's members that `others` (sorted or not) do not hold, scored by the match
 * alone, unless none of them could enter the heap.
 */
function offerMatchOnly(match: ScoredList, others: Int32Array, walk: BitsWalk): void {
  const { heap, mask, bits, smallestNorm } = walk;
  const { docs, idf, boost, norms } = match;
  const ceiling = boost * ((idf * 1 * (K1 + 1)) / (1 + smallestNorm));
  let floor = heap.floor;
  if (ceiling < floor) return;
  let floorDoc = heap.floorDoc;
  mark(others, bits);
  for (let j = 0; j < docs.length; j++) {
    const doc = docs[j] as number;
    if ((mask !== null && mask[doc] === 0) || isMarked(bits, doc)) continue;
    let score = 0;
    score += boost * ((idf * 1 * (K1 + 1)) / (1 + (norms[doc] as number)));
    if (score < floor || (score === floor && doc > floorDoc)) continue;
    heap.offer(doc, score);
    floor = heap.floor;
    floorDoc = heap.floorDoc;
  }
  unmark(others, bits);
}

function mark(docs: Int32Array, bits: Uint32Array): void {
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] as number;
    bits[doc >>> 5] = (bits[doc >>> 5] as number) | (1 << (doc & 31));
  }
}

/** Clears the words of the documents' bits (each word holds marked documents only). */
function unmark(docs: Int32Array, bits: Uint32Array): void {
  for (let i = 0; i < docs.length; i++) bits[(docs[i] as number) >>> 5] = 0;
}

function isMarked(bits: Uint32Array, doc: number): boolean {
  return (((bits[doc >>> 5] as number) >>> (doc & 31)) & 1) === 1;
}

/** The match's documents as bits: the AND of its bitmaps, or marked in the walk's bits. */
function matchBits(match: ScoredList, walk: BitsWalk): Uint32Array {
  if (match.bitmaps !== null) return andOf(match.bitmaps);
  mark(match.docs, walk.bits);
  return walk.bits;
}

/** How many of the match's documents (`bits`, see matchBits) are members. */
function members(match: ScoredList, bits: Uint32Array, walk: BitsWalk): number {
  const { mask, maskBits } = walk;
  if (mask === null || maskBits === null) return match.docs.length;
  if (bits !== walk.bits) return commonBits(bits, maskBits);
  const docs = match.docs;
  let count = 0;
  for (let i = 0; i < docs.length; i++) count += mask[docs[i] as number] as number;
  return count;
}

/** The number of bits set in both bitmaps. */
function commonBits(a: Uint32Array, b: Uint32Array): number {
  let count = 0;
  for (let w = 0; w < a.length; w++) {
    let x = ((a[w] as number) & (b[w] as number)) >>> 0;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    x = (x + (x >>> 4)) & 0x0f0f0f0f;
    count += Math.imul(x, 0x01010101) >>> 24;
  }
  return count;
}
