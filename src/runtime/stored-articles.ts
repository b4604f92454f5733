/**
 * The hook between whatever stores articles (the sources fetcher, `/reindex`) and whatever reacts
 * to them (alerts): after each run, the publisher reports the articles it stored for the first
 * time and those whose text changed, with the application end each had before.
 *
 * Contract for publishers: publish only once the reported articles are searchable in the serving
 * index (`IndexHolder.current()`), and report an article as added at most once per store (a
 * repeat is harmless: listeners keep their own ledger, but it costs them a look-up).
 */
import type { SearchIndex } from "../index/search-index.ts";
import type { Logger } from "./logger.ts";

export interface UpdatedArticle {
  id: string;
  /** The application end (`YYYY-MM-DD`) the article had before the update; null when none. */
  previousEnd: string | null;
}

export interface StoredArticles {
  /** Who stored them, for logs: a source's name, or "reindex". */
  origin: string;
  /** Ids of the articles stored for the first time. */
  added: readonly string[];
  /** Articles already stored whose text changed. */
  updated: readonly UpdatedArticle[];
  /**
   * True for a source's first fetch, which brings its whole archive: the articles become
   * searchable but are never announced as new (alerts skip `added`; changes still count).
   */
  backfill?: boolean;
}

export type StoredArticlesListener = (batch: StoredArticles) => unknown;

export interface ArticleEvents {
  /**
   * Hands the batch to every listener, in order; resolves when they have all taken it. A listener
   * that throws is logged and never stops the others or the publisher.
   */
  publish(batch: StoredArticles): Promise<void>;
  /** Returns the function that removes the listener. */
  subscribe(listener: StoredArticlesListener): () => void;
}

export function createArticleEvents(logger?: Logger): ArticleEvents {
  const listeners = new Set<StoredArticlesListener>();
  return {
    async publish(batch) {
      if (batch.added.length === 0 && batch.updated.length === 0) return;
      for (const listener of [...listeners]) {
        try {
          await listener(batch);
        } catch (error) {
          logger?.error(
            { err: error, origin: batch.origin, added: batch.added.length },
            "a stored-articles listener failed",
          );
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * What a swap from `previous` to `next` brought: the ids only `next` holds, and the articles both
 * hold whose application end differs (a 연장 공고 re-read under the same id).
 */
export function indexDifference(
  previous: SearchIndex,
  next: SearchIndex,
  origin: string,
): StoredArticles {
  const added: string[] = [];
  const updated: UpdatedArticle[] = [];
  for (const article of next.allArticles()) {
    const before = previous.get(article.id);
    if (before === undefined) added.push(article.id);
    else if (before.application.end !== article.application.end) {
      updated.push({ id: article.id, previousEnd: before.application.end });
    }
  }
  return { origin, added, updated };
}
