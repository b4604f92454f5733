/** The judged query set (judged.json) and what the eval and the pooling tool share. */
import { readFileSync } from "node:fs";
import type { SearchIndex } from "../src/index/search-index.ts";
import { ingestSources } from "../src/ingest/sources.ts";
import { answerSearch } from "../src/query/answer.ts";
import { CORPUS_DIR, SEED_DIR } from "./corpus.ts";
import type { Judgments } from "./metrics.ts";
import type { PeerDoc } from "./peers.ts";

export interface JudgedQuery {
  id: string;
  query: string;
  lang: "ko" | "en" | "mixed";
  /** The as-of date the query is asked on (matters for 이번 달, upcoming, closing soon…). */
  asOf: string;
  /** The information need the judgments were made against. */
  need: string;
  judgments: Judgments;
}

export interface JudgedSet {
  description: string;
  queries: JudgedQuery[];
}

export const JUDGED_PATH = new URL("./judged.json", import.meta.url);
export const EVAL_K = 10;

export function loadJudged(): JudgedSet {
  return JSON.parse(readFileSync(JUDGED_PATH, "utf8")) as JudgedSet;
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
