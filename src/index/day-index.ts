import { sortedUnique } from "./doc-set.ts";

/**
 * Documents by day number (YYYYMMDD): every (day, document) pair sorted by day, so "some day in
 * [from, to]" is two binary searches and a slice (a prototype measured such sorted lists against
 * Orama's range filters: bench/README.md, "Prototypes").
 */
export class DayIndex {
  private readonly days: Int32Array;
  private readonly docs: Int32Array;

  /** `dayNumbers(doc)` lists a document's days (any order, repeats allowed). */
  constructor(
    private readonly documentCount: number,
    dayNumbers: (doc: number) => readonly number[],
  ) {
    // One packed key per pair, day × count + doc, sorted numerically: exact while it stays below
    // 2^53 (9 × 10^7 documents at day numbers up to 99991231).
    const keys: number[] = [];
    for (let doc = 0; doc < documentCount; doc++) {
      for (const day of dayNumbers(doc)) {
        if (Number.isFinite(day)) keys.push(day * documentCount + doc);
      }
    }
    const sorted = Float64Array.from(keys).sort();
    this.days = new Int32Array(sorted.length);
    this.docs = new Int32Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      const key = sorted[i] as number;
      let day = Math.floor(key / documentCount);
      if (day * documentCount > key) day--; // the division rounded up to the next day
      this.days[i] = day;
      this.docs[i] = key - day * documentCount;
    }
  }

  /** The first pair whose day is ≥ `day`. */
  private lowerBound(day: number): number {
    let low = 0;
    let high = this.days.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.days[middle] as number) < day) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Documents with some day in [from, to] (inclusive), sorted. */
  between(from: number, to: number): Int32Array {
    if (to < from) return new Int32Array(0);
    const start = this.lowerBound(from);
    const end = this.lowerBound(to + 1);
    return sortedUnique(this.docs.subarray(start, end), this.documentCount);
  }
}
