/**
 * `answerAmong` gives, for any set of articles, exactly the yes/no of "this article is among the
 * matches `answerSearch` counts": checked over the bench's 230 questions (Korean, inflected,
 * abbreviations, English, filtered), with the slash-command options, on the real corpus.
 */
import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, mulberry32, SEED_DIR } from "../bench/corpus.ts";
import { BENCH_QUERIES } from "../bench/queries.ts";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import {
  answerAmong,
  answerSearch,
  MAX_HITS,
  type SearchHit,
  type SearchRequest,
} from "../src/query/answer.ts";

const ids = (hits: readonly { article: { id: string } }[]) => hits.map((h) => h.article.id);

/** Bench questions, some asked with the slash command's region or category option. */
function requests(asOf: string): SearchRequest[] {
  const plain = BENCH_QUERIES.map((q) => ({ query: q.text, asOf }));
  const withOptions: SearchRequest[] = [
    { query: "관세", asOf, region: "평택" },
    { query: "교육", asOf, region: "41" },
    { query: "지원", asOf, category: "startup" },
    { query: "tariff", asOf, category: "trade" },
    { query: "마감 임박", asOf },
    { query: "다음 달 설명회", asOf },
    { query: "이번 주 마감 창업 지원", asOf },
    { query: "seminars in Seoul", asOf },
  ];
  return [...plain, ...withOptions];
}

describe.skipIf(!existsSync(CORPUS_DIR))("answerAmong over the real corpus", () => {
  let index: SearchIndex;
  let everyId: string[];
  beforeAll(async () => {
    index = await buildIndex([CORPUS_DIR, SEED_DIR]);
    everyId = index.allArticles().map((a) => a.id);
  }, 120_000);

  it("over every article, finds exactly the matches answerSearch counts", async () => {
    let compared = 0;
    let ordered = 0;
    let counted = 0;
    for (const asOf of ["2025-04-10", "2026-04-10"]) {
      for (const request of requests(asOf)) {
        const answer = await answerSearch(index, request);
        const among = await answerAmong(index, request, everyId);
        expect(among.length, request.query).toBe(answer.total);
        counted++;
        if (answer.total <= MAX_HITS) {
          // The whole answer is in the hits: the same articles.
          expect(new Set(ids(among)), request.query).toEqual(new Set(ids(answer.hits)));
          // In the same order with the same scores, unless feedback reordered the answer: a plain
          // search among the visible articles takes the text engine's top (bestMatchesAmong),
          // answerAmong scores every match and sorts them.
          const scored = (hits: readonly SearchHit[]) => hits.map((h) => [h.article.id, h.score]);
          if (!answer.parsed.conversational) {
            expect(scored(among), request.query).toEqual(scored(answer.hits));
            ordered++;
          }
          compared++;
        } else {
          // The best MAX_HITS are all among the matches.
          const matched = new Set(ids(among));
          for (const id of ids(answer.hits)) expect(matched.has(id), request.query).toBe(true);
        }
      }
    }
    expect(counted).toBe(2 * requests("x").length);
    expect(compared).toBeGreaterThan(200);
    expect(ordered).toBeGreaterThan(150);
  }, 120_000);

  it("over a few articles, finds those of them in the full answer and scores only them", async () => {
    const random = mulberry32(12);
    for (const request of requests("2026-04-10")) {
      const sample = everyId.filter(() => random() < 0.02);
      const full = new Set(ids(await answerAmong(index, request, everyId)));
      const among = ids(await answerAmong(index, request, sample));
      expect(new Set(among), request.query).toEqual(new Set(sample.filter((id) => full.has(id))));
    }
  }, 120_000);

  it("orders the matches as the search does", async () => {
    const request = { query: "수출 바우처", asOf: "2026-04-10" };
    const answer = await answerSearch(index, request);
    const top = ids(answer.hits).slice(0, 20);
    const among = ids(await answerAmong(index, request, top));
    expect(among).toEqual(top);
  });

  it("ignores ids the index does not hold and answers nothing for none", async () => {
    expect(await answerAmong(index, { query: "관세", asOf: "2026-04-10" }, [])).toEqual([]);
    expect(
      await answerAmong(index, { query: "관세", asOf: "2026-04-10" }, ["no-such-article"]),
    ).toEqual([]);
  });
});
