/**
 * The judged query sets (judged.json, the held-out heldout.json; both described in JUDGING.md) and
 * what the eval and the pooling tool share.
 */
import { readFileSync } from "node:fs";
import type { SearchIndex } from "../src/index/search-index.ts";
import { ingestSources } from "../src/ingest/sources.ts";
import { answerSearch } from "../src/query/answer.ts";
import { CORPUS_DIR, SEED_DIR } from "./corpus.ts";
import type { Judgments } from "./metrics.ts";
import type { PeerDoc } from "./peers.ts";

/** What a query tests (issue #13's classes); optional in judged.json, set on every held-out query. */
export const QUERY_CLASSES = [
  "keyword",
  "natural",
  "abbreviation",
  "organisation",
  "compound",
  "latin",
  "open-now",
  "when",
  "time",
] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

export interface JudgedQuery {
  id: string;
  query: string;
  lang: "ko" | "en" | "mixed";
  class?: QueryClass;
  /** The as-of date the query is asked on (matters for 이번 달, upcoming, closing soon…). */
  asOf: string;
  /** The information need the judgments were made against. */
  need: string;
  judgments: Judgments;
}

export interface JudgedSet {
  description: string;
  queries: JudgedQuery[];
  /** Queries written but not judged yet (no judgments): listed, never scored. */
  unjudged: JudgedQuery[];
}

export const JUDGED_PATH = new URL("./judged.json", import.meta.url);
export const EVAL_K = 10;

const LANGS = new Set(["ko", "en", "mixed"]);

/**
 * Loads a judged set (default bench/judged.json) and checks its shape, so a hand-edited file with
 * a typo fails loudly instead of scoring a query against nothing.
 */
export function loadJudged(path: string | URL = JUDGED_PATH): JudgedSet {
  const set = JSON.parse(readFileSync(path, "utf8")) as JudgedSet;
  if (!Array.isArray(set.queries)) throw new Error(`${String(path)}: no "queries" array`);
  const seen = new Set<string>();
  for (const q of set.queries) {
    const where = `${String(path)}: query ${q.id ?? "(no id)"}`;
    if (typeof q.id !== "string" || seen.has(q.id))
      throw new Error(`${where}: missing or repeated id`);
    seen.add(q.id);
    if (typeof q.query !== "string" || q.query.trim() === "")
      throw new Error(`${where}: no query text`);
    if (!LANGS.has(q.lang)) throw new Error(`${where}: lang must be ko, en or mixed`);
    if (q.class !== undefined && !(QUERY_CLASSES as readonly string[]).includes(q.class))
      throw new Error(`${where}: class must be one of ${QUERY_CLASSES.join(", ")}`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(q.asOf ?? ""))
      throw new Error(`${where}: asOf must be YYYY-MM-DD`);
    for (const [id, grade] of Object.entries(q.judgments ?? {}))
      if (grade !== 1 && grade !== 2) throw new Error(`${where}: grade of ${id} must be 1 or 2`);
  }
  // A query without judgments would score 0 whatever a system returns: it waits to be judged.
  const judged = set.queries.filter((q) => Object.keys(q.judgments ?? {}).length > 0);
  const unjudged = set.queries.filter((q) => Object.keys(q.judgments ?? {}).length === 0);
  return { ...set, queries: judged, unjudged };
}

/**
 * The judgments of records published on or before the query's as-of day (a record without a
 * known publication day counts as published, as the query path treats it).
 */
export function visibleJudgments(
  query: JudgedQuery,
  publishedOn: ReadonlyMap<string, string | null>,
): Judgments {
  return Object.fromEntries(
    Object.entries(query.judgments).filter(([id]) => {
      const day = publishedOn.get(id);
      return day === undefined || day === null || day <= query.asOf;
    }),
  );
}

/** jiwon's ranking: the hits of the full query path (alternatives are not matches, not counted). */
export async function jiwonRanking(
  index: SearchIndex,
  query: string,
  asOf: string,
  limit = EVAL_K,
): Promise<string[]> {
  const answer = await answerSearch(index, { query, asOf });
  return answer.hits.slice(0, limit).map((h) => h.article.id);
}

export function evalDocs(): PeerDoc[] {
  return ingestSources([CORPUS_DIR, SEED_DIR]).articles.map((a) => ({
    id: a.id,
    title: a.title ?? "",
    body: a.body,
  }));
}
