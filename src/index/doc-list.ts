/**
 * Sets of documents as the index hands them to the question path: Int32Arrays of document
 * numbers, sorted ascending, without duplicates (`SearchIndex.article(doc)` gives the article).
 * This is the whole of what the question path does with such sets; how the index keeps and
 * intersects its postings (postings.ts, doc-set.ts) stays inside the index.
 */
import { keepMarked, memberMask, presentInAny, unionSorted } from "./doc-set.ts";
import { intersectSorted } from "./postings.ts";

export type DocList = Int32Array;

/** A date YYYY-MM-DD as the day number the columns hold (YYYYMMDD; 0 is "no date"). */
export { dateNumber as dayNumber } from "./doc-store.ts";

/** Documents in both; null stands for "every document" (no filter) on either side. */
export function intersectDocs(a: DocList | null, b: DocList | null): DocList | null {
  if (a === null) return b;
  if (b === null) return a;
  return intersectSorted([a, b]);
}

/**
 * The documents of `list` that are in `within`: a list that never changes once made and is
 * asked about again and again (the articles visible on the as-of day), read through a byte mask
 * made once, so each question costs the length of `list`, not a merge with all of `within`.
 */
export function docsWithin(within: DocList, list: DocList, documentCount: number): DocList {
  return keepMarked(list, memberMask(within, documentCount));
}

/** Documents in any of the lists. */
export function unionDocs(lists: readonly DocList[]): DocList {
  return unionSorted(lists);
}

/**
 * The documents of `wanted` present in at least one of `lists`: checking a few thousand filtered
 * documents against long lists, without merging the lists.
 */
export function docsInAny(
  wanted: DocList,
  lists: readonly DocList[],
  documentCount: number,
): DocList {
  return presentInAny(wanted, lists, documentCount);
}
