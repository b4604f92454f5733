/**
 * Sets of documents as sorted, duplicate-free Int32Arrays of document numbers (an article's
 * position in `SearchIndex.articles`). The query path filters, joins and ranks on these instead of
 * Sets of string ids: at 100,000 articles a large province is 25,000 members, and building,
 * intersecting and probing Sets of strings that size was most of the slowest questions' time.
 * Intersection is `intersectSorted` (postings.ts); union and normalisation are here.
 */

/**
 * The same documents, sorted and without duplicates. Few documents are sorted directly; many
 * (more than 1/32 of the collection) are marked in a byte per document and read back in order,
 * which is linear where sorting 50,000 numbers is not.
 */
export function sortedUnique(docs: Int32Array, documentCount: number): Int32Array {
  if (docs.length * 32 < documentCount) {
    const sorted = docs.slice().sort();
    let kept = 0;
    for (let i = 0; i < sorted.length; i++) {
      const doc = sorted[i] as number;
      if (kept === 0 || sorted[kept - 1] !== doc) sorted[kept++] = doc;
    }
    return sorted.subarray(0, kept);
  }
  const marked = new Uint8Array(documentCount);
  let count = 0;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] as number;
    count += 1 - (marked[doc] as number);
    marked[doc] = 1;
  }
  const unique = new Int32Array(count);
  let at = 0;
  for (let doc = 0; at < count; doc++) if (marked[doc] === 1) unique[at++] = doc;
  return unique;
}

/** One byte per document, 1 where the document is in `docs`. */
export function marks(docs: Int32Array, documentCount: number): Uint8Array {
  const marked = new Uint8Array(documentCount);
  for (let i = 0; i < docs.length; i++) marked[docs[i] as number] = 1;
  return marked;
}

/** Documents in either sorted list. */
function unionOfTwo(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let at = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    out[at++] = Math.min(x, y);
    if (x <= y) i++;
    if (y <= x) j++;
  }
  while (i < a.length) out[at++] = a[i++] as number;
  while (j < b.length) out[at++] = b[j++] as number;
  return out.subarray(0, at);
}

/** Documents in any of the sorted lists (smallest first, so large lists are merged last). */
export function unionSorted(lists: readonly Int32Array[]): Int32Array {
  if (lists.length === 0) return new Int32Array(0);
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let result = sorted[0] as Int32Array;
  for (let l = 1; l < sorted.length; l++) result = unionOfTwo(result, sorted[l] as Int32Array);
  return result;
}

/** The first position at or after `from` whose document is ≥ `doc` (galloping, then halving). */
export function seek(docs: Int32Array, from: number, doc: number): number {
  let low = from;
  let step = 1;
  while (low + step < docs.length && (docs[low + step] as number) < doc) {
    low += step;
    step *= 2;
  }
  if (low >= docs.length || (docs[low] as number) >= doc) return low;
  // docs[low] < doc ≤ docs[high] (or high is the end).
  let high = Math.min(low + step, docs.length);
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    if ((docs[middle] as number) < doc) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * The documents of `wanted` (sorted) present in at least one of the sorted lists. A list much
 * longer than `wanted` is searched (gallop) for each wanted document; others are walked whole
 * against a byte per document, which for the 85,000 documents saying 지원 is a plain scan.
 */
export function presentInAny(
  wanted: Int32Array,
  lists: readonly Int32Array[],
  documentCount: number,
): Int32Array {
  const present = new Uint8Array(wanted.length);
  let wantedMarks: Uint8Array | null = null;
  let found: Uint8Array | null = null;
  for (const list of lists) {
    if (list.length > 16 * wanted.length) {
      let j = 0;
      for (let i = 0; i < wanted.length && j < list.length; i++) {
        const doc = wanted[i] as number;
        j = seek(list, j, doc);
        if (list[j] === doc) present[i] = 1;
      }
      continue;
    }
    wantedMarks ??= marks(wanted, documentCount);
    found ??= new Uint8Array(documentCount);
    for (let i = 0; i < list.length; i++) {
      const doc = list[i] as number;
      found[doc] = wantedMarks[doc] as number;
    }
  }
  const kept = new Int32Array(wanted.length);
  let count = 0;
  for (let i = 0; i < wanted.length; i++) {
    const doc = wanted[i] as number;
    if (present[i] === 1 || found?.[doc] === 1) kept[count++] = doc;
  }
  return kept.subarray(0, count);
}
