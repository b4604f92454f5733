/**
 * Scores per query class (issue #13's classes, the `class` field of a judged query): the mean of a
 * metric over the queries of each class, beside the mean over all, so a change that helps natural
 * questions and hurts keywords shows as such instead of vanishing in one average.
 */
import { type JudgedQuery, QUERY_CLASSES } from "./judged-set.ts";
import type { QueryScores } from "./metrics.ts";
import { mean, round } from "./stats.ts";

/** Queries without a class (judged.json may omit it) are grouped under this name. */
export const UNCLASSED = "unclassed";

export interface ClassScore {
  /** A class of QUERY_CLASSES, UNCLASSED, or "all". */
  name: string;
  /** How many queries the mean is over. */
  n: number;
  value: number;
}

/**
 * The mean of `pick` per class present in `queries` (in QUERY_CLASSES order, then UNCLASSED),
 * followed by "all". A query without scores counts as 0, as an empty ranking would.
 */
export function scoresByClass(
  queries: readonly JudgedQuery[],
  perQuery: ReadonlyMap<string, QueryScores>,
  pick: (s: QueryScores) => number = (s) => s.ndcg,
): ClassScore[] {
  const value = (q: JudgedQuery) => {
    const scores = perQuery.get(q.id);
    return scores ? pick(scores) : 0;
  };
  const groups = new Map<string, JudgedQuery[]>();
  for (const q of queries) {
    const name = q.class ?? UNCLASSED;
    groups.set(name, [...(groups.get(name) ?? []), q]);
  }
  const order = [...QUERY_CLASSES, UNCLASSED].filter((name) => groups.has(name));
  const out = order.map((name) => {
    const members = groups.get(name) ?? [];
    return { name, n: members.length, value: round(mean(members.map(value)), 3) };
  });
  out.push({ name: "all", n: queries.length, value: round(mean(queries.map(value)), 3) });
  return out;
}

/**
 * A table for `pad`: one row per system, one column per class present ("natural (30)" gives the
 * class and its number of queries), the last column all queries.
 */
export function classTable(
  systems: readonly { label: string; perQuery: ReadonlyMap<string, QueryScores> }[],
  queries: readonly JudgedQuery[],
  pick?: (s: QueryScores) => number,
): string[][] {
  const first = scoresByClass(queries, systems[0]?.perQuery ?? new Map(), pick);
  const header = ["system", ...first.map((c) => `${c.name} (${c.n})`)];
  const rows = systems.map((s) => [
    s.label,
    ...scoresByClass(queries, s.perQuery, pick).map((c) => c.value.toFixed(3)),
  ]);
  return [header, ...rows];
}
