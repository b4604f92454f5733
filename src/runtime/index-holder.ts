/**
 * The index currently serving. Requests read it once and keep their reference, so a swap in the
 * middle of a request never mixes two indexes; the swap itself is a single assignment.
 *
 * Whoever derives the next index from the current one (fetched articles added with
 * `withArticles`, a rebuild that must keep what was fetched while it ran) goes through `update`,
 * which runs one change at a time: two changes never start from the same index and lose one.
 *
 * A long-running transport (the bot) gives a `warm` function (runtime/warm-up.ts): each index
 * that goes into service is warmed from the next turn of the event loop, so what its first
 * questions would otherwise build or compile while a user waits is done before. The offline
 * console gives none: it answers its first line as soon as it can.
 */
import type { SearchIndex } from "../index/search-index.ts";

export class IndexHolder {
  #current: SearchIndex;
  #generation = 1;
  #swappedAt: Date;
  #updates: Promise<unknown> = Promise.resolve();

  readonly #warm: ((index: SearchIndex) => Promise<void>) | null;

  constructor(
    initial: SearchIndex,
    now: Date = new Date(),
    options: { warm?: (index: SearchIndex) => Promise<void> } = {},
  ) {
    this.#current = initial;
    this.#swappedAt = now;
    this.#warm = options.warm ?? null;
    this.#warmSoon(initial);
  }

  #warmSoon(index: SearchIndex): void {
    const warm = this.#warm;
    if (warm === null) return;
    // Unref'd: a process that is otherwise done (a test, a shutdown) does not wait for it. An
    // index already replaced is not worth warming.
    setTimeout(() => {
      if (this.#current === index) void warm(index).catch(() => undefined);
    }, 0).unref();
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
    this.#warmSoon(next);
    return previous;
  }

  /**
   * Runs `change` after every earlier change has finished, with the index serving at that moment;
   * the index it returns is swapped in (null: nothing to swap). A change that throws swaps nothing
   * and does not stop the ones queued after it.
   */
  update(
    change: (current: SearchIndex) => Promise<SearchIndex | null>,
    now: () => Date = () => new Date(),
  ): Promise<{ previous: SearchIndex; next: SearchIndex | null }> {
    const run = this.#updates.then(async () => {
      const previous = this.#current;
      const next = await change(previous);
      if (next === null || next === previous) return { previous, next: null };
      this.swap(next, now());
      return { previous, next };
    });
    this.#updates = run.catch(() => undefined);
    return run;
  }
}
