/** The full pipeline a /news search command runs, shared by the bench worker and the prototypes. */
import type { SearchIndex } from "../src/index/search-index.ts";
import { encodePageState } from "../src/present/paging.ts";
import { searchReply } from "../src/present/search-reply.ts";
import { answerSearch } from "../src/query/answer.ts";
import { BENCH_AS_OF } from "./queries.ts";

/** The full pipeline a /news search runs: parse, search, filter, then the reply model. */
export async function fullPipeline(
  index: SearchIndex,
  query: string,
  asOf = BENCH_AS_OF,
): Promise<number> {
  const answer = await answerSearch(index, { query, asOf });
  const reply = searchReply(answer, {
    locale: "ko",
    page: 0,
    pageId: (page) =>
      encodePageState({
        view: "search",
        page,
        asOf,
        region: null,
        category: null,
        upcoming: false,
        query,
      }),
  });
  if (reply.embeds.length === 0) throw new Error("a reply without embeds");
  return answer.hits.length;
}
