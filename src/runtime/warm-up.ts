/**
 * Warming an index that has just gone into service, before users meet it: what the index makes on
 * first use (`SearchIndex.warm`), the title forms the rerank reads (`prepareTitleForms`), then
 * the warm-up questions (warm-up.json) answered and drawn as a /news search would, so the JIT
 * has compiled the question path before the first real question.
 * This is the job of Solr's firstSearcher/newSearcher listeners. Each question yields to the event
 * loop first: a user who asks meanwhile waits for one warm-up question at most.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import { z } from "zod";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";
import type { SearchIndex } from "../index/search-index.ts";
import { searchReply } from "../present/search-reply.ts";
import { answerSearch } from "../query/answer.ts";
import { prepareTitleForms } from "../query/relevance.ts";
import { seoulDate } from "../time/calendar.ts";
import type { Clock } from "../types.ts";

export const WARM_UP_QUESTIONS: readonly string[] = loadDataFile(
  new URL("./warm-up.json", import.meta.url),
  dataFile({ questions: z.array(z.string().min(1)).min(1) }),
).questions;

export async function warmUp(index: SearchIndex, clock: Clock): Promise<void> {
  index.warm();
  await prepareTitleForms(index.text, (doc) => index.article(doc).title, nextTurn);
  const asOf = seoulDate(clock());
  for (const query of WARM_UP_QUESTIONS) {
    await nextTurn();
    const answer = await answerSearch(index, { query, asOf });
    searchReply(answer, { locale: "ko", page: 0, pageId: (page) => `warm-up:${page}` });
  }
}
