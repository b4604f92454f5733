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

/**
 * A byte per document, 1 for the members of `docs`, made once per list while the list lives: for
 * lists that never change once made (the articles visible on a day, a question's members).
 */
export function memberMask(docs: Int32Array, documentCount: number): Uint8Array {
  let mask = memberMasks.get(docs);
  if (mask === undefined) {
    mask = marks(docs, documentCount);
    memberMasks.set(docs, mask);
  }
  return mask;
}

const memberMasks = new WeakMap<Int32Array, Uint8Array>();

/** The documents of `docs` whose byte in `mask` is 1, in a new list. */
export function keepMarked(docs: Int32Array, mask: Uint8Array): Int32Array {
  const kept = new Int32Array(docs.length + 1);
  return kept.slice(0, markedInto(docs, mask, kept));
}

/**
 * Writes the documents of `docs` whose byte in `marks` is 1 to `kept` (room for one more than
 * `docs`), without a branch on the outcome; returns how many.
 */
export function markedInto(docs: Int32Array, marks: Uint8Array, kept: Int32Array): number {
  let count = 0;
  for (let j = 0; j < docs.length; j++) {
    const doc = docs[j] as number;
    kept[count] = doc;
    count += marks[doc] as number;
  }
  return count;
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
  return out.subarray(0, unionInto(a, b, out));
}

/** No document: past the end of a list in the merges (here and in postings.ts). */
export const END = 0x7fffffff;

/**
 * The merge in one loop that runs to the end of both lists, returning the count: code after a
 * long loop that has not run when the optimiser compiles the loop (the rest of the longer list,
 * copied by a second loop) sent every later call back to the interpreter.
 */
function unionInto(a: Int32Array, b: Int32Array, out: Int32Array): number {
  let i = 0;
  let j = 0;
  let at = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] as number) : END;
    const y = j < b.length ? (b[j] as number) : END;
    out[at++] = Math.min(x, y);
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return at;
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
 * against a byte per document, which for the 85,000 documents saying 지원 is a plain scan. The
 * bytes are reused between calls (two fresh arrays of a byte per document cost more than the
 * scans at 100,000 articles), and each loop is a function of its own (see unionInto).
 */
export function presentInAny(
  wanted: Int32Array,
  lists: readonly Int32Array[],
  documentCount: number,
): Int32Array {
  if (flags.length < documentCount) flags = new Uint8Array(documentCount);
  const seen = flags;
  setAt(seen, wanted, WANTED);
  for (const list of lists) {
    if (list.length > 16 * wanted.length) gallopFound(wanted, list, seen);
    else walkFound(list, seen);
  }
  const kept = new Int32Array(wanted.length);
  const count = keepFound(wanted, seen, kept);
  setAt(seen, wanted, 0);
  return kept.subarray(0, count);
}

/** presentInAny's byte per document: 0 between calls, WANTED, or WANTED | FOUND. */
let flags = new Uint8Array(0);
const WANTED = 1;
const FOUND = 2;

/** bytes[doc] = value for every document of `docs` (setting and clearing reused byte arrays). */
export function setAt(bytes: Uint8Array, docs: Int32Array, value: number): void {
  for (let i = 0; i < docs.length; i++) bytes[docs[i] as number] = value;
}

/** Flags the wanted documents that `list` holds as found, searching it for each. */
function gallopFound(wanted: Int32Array, list: Int32Array, seen: Uint8Array): void {
  let j = 0;
  for (let i = 0; i < wanted.length && j < list.length; i++) {
    const doc = wanted[i] as number;
    j = seek(list, j, doc);
    if (list[j] === doc) seen[doc] = WANTED | FOUND;
  }
}

/** Flags every wanted document of `list` as found (the others stay 0), without a branch. */
function walkFound(list: Int32Array, seen: Uint8Array): void {
  for (let i = 0; i < list.length; i++) {
    const doc = list[i] as number;
    const flag = seen[doc] as number;
    seen[doc] = flag | ((flag & WANTED) << 1);
  }
}

function keepFound(wanted: Int32Array, seen: Uint8Array, kept: Int32Array): number {
  let count = 0;
  for (let i = 0; i < wanted.length; i++) {
    const doc = wanted[i] as number;
    kept[count] = doc;
    count += (seen[doc] as number) >> 1;
  }
  return count;
}
