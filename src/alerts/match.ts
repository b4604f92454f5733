/**
 * Which arriving articles each alert posts. Every alert's question is answered among the arrivals
 * only (`answerAmong`: the yes/no of "this article would be among /news search's matches", scored
 * with the serving index's statistics), never over the whole index again.
 *
 * An item is identified by (alert, article, version): `new` for the article itself, `deadline:…`
 * for a changed application deadline (연장). The ledger in the state database posts each identity
 * once; a change is posted only to alerts that already posted the article.
 */
import type { SearchIndex } from "../index/search-index.ts";
import { answerAmong } from "../query/answer.ts";
import type { AnalyzedArticle } from "../types.ts";
import { type Alert, alertRequest, freshness } from "./alert.ts";

export const NEW_VERSION = "new";

export type ItemKind = "new" | "change";

/** An article reported by a store: added, or updated with the application end it had before. */
export interface Arrival {
  articleId: string;
  updated: boolean;
  previousEnd: string | null;
}

export interface AlertItem {
  articleId: string;
  version: string;
  kind: ItemKind;
  /** For a change: the application end the channel was told before. */
  previousEnd: string | null;
}

/** The version of a changed deadline: the new end, or "none" when the article no longer has one. */
export function deadlineVersion(article: AnalyzedArticle): string {
  return `deadline:${article.application.end ?? "none"}`;
}

/** True when an update moved the application end (extended, brought forward, or dropped). */
export function deadlineChanged(article: AnalyzedArticle, previousEnd: string | null): boolean {
  return (article.application.end ?? null) !== previousEnd;
}

/**
 * The items of one alert among the arrivals, changes first (they correct what the channel was
 * told), then new articles in the order /news search would rank them. A change is listed whether
 * or not the article still matches: the channel saw the old deadline either way.
 */
export async function alertItems(
  index: SearchIndex,
  alert: Alert,
  arrivals: readonly Arrival[],
  today: string,
): Promise<AlertItem[]> {
  const changes: AlertItem[] = [];
  const fresh: string[] = [];
  const isFresh = freshness(alert, today);
  for (const arrival of arrivals) {
    const article = index.get(arrival.articleId);
    if (article === undefined) continue;
    if (arrival.updated && deadlineChanged(article, arrival.previousEnd)) {
      changes.push({
        articleId: article.id,
        version: deadlineVersion(article),
        kind: "change",
        previousEnd: arrival.previousEnd,
      });
    }
    if (isFresh(article)) fresh.push(article.id);
  }
  const hits = await answerAmong(index, alertRequest(alert, today), fresh);
  const added = hits.map(({ article }) => ({
    articleId: article.id,
    version: NEW_VERSION,
    kind: "new" as const,
    previousEnd: null,
  }));
  return [...changes, ...added];
}
