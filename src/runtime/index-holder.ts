/**
 * The index currently serving. Requests read it once and keep their reference, so a swap in the
 * middle of a request never mixes two indexes; the swap itself is a single assignment.
 */
import type { SearchIndex } from "../index/search-index.ts";

export class IndexHolder {
  #current: SearchIndex;
  #generation = 1;
  #swappedAt: Date;

  constructor(initial: SearchIndex, now: Date = new Date()) {
    this.#current = initial;
    this.#swappedAt = now;
  }

  current(): SearchIndex {
    return this.#current;
  }

  /** How many indexes have served so far (1 before any reindex). */
  get generation(): number {
    return this.#generation;
  }

  get swappedAt(): Date {
    return this.#swappedAt;
  }

  /** Puts `next` in service and returns the index it replaced. */
  swap(next: SearchIndex, now: Date = new Date()): SearchIndex {
    const previous = this.#current;
    this.#current = next;
    this.#generation += 1;
    this.#swappedAt = now;
    return previous;
  }
}
