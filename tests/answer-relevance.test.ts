import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, SEED_DIR } from "../bench/corpus.ts";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { answerSearch, type SearchAnswer } from "../src/query/answer.ts";

// Ranking on the real announcements of ../shared/corpus: articles that cover every part of a
// question come before ones that repeat one word, and titles count (see src/query/relevance.ts).
describe.skipIf(!existsSync(CORPUS_DIR))("relevance over the real corpus", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await buildIndex([CORPUS_DIR, SEED_DIR]);
  }, 60_000);

  const ask = (query: string, asOf: string): Promise<SearchAnswer> =>
    answerSearch(index, { query, asOf });
  const titles = (answer: SearchAnswer, n: number) =>
    answer.hits.slice(0, n).map((h) => h.article.title);

  it("export vouchers: voucher programmes for exporters, not AI or cloud vouchers", async () => {
    const top = titles(await ask("export vouchers", "2026-04-10"), 5);
    expect(top).toHaveLength(5);
    for (const title of top) expect(title).toMatch(/바우처|수출지원기반활용/);
    expect(top[0]).toMatch(/수출/);
    for (const title of top) expect(title).not.toMatch(/AI|AX|클라우드/);
  });

  it("섬유 소공인: textile small manufacturers before any other 소공인 notice", async () => {
    const top = titles(await ask("섬유 소공인", "2025-04-10"), 6);
    for (const title of top) expect(title).toMatch(/섬유|패션/);
  });

  it("의료기기 해외전시회: medical-device shows, though their titles say 전시회, not 해외전시회", async () => {
    const top = titles(await ask("의료기기 해외전시회", "2026-04-10"), 4);
    for (const title of top) {
      expect(title).toMatch(/의료기기/);
      expect(title).toMatch(/전시/);
    }
  });

  it("특허 출원 지원 also finds 지식재산 programmes", async () => {
    const top = titles(await ask("특허 출원 지원", "2026-04-10"), 10);
    expect(top.some((t) => /지식재산|IP/.test(t) && !/특허/.test(t))).toBe(true);
  });

  it("특허 출원 지원 also finds 권리화 (filing) programmes, which never say 출원", async () => {
    const top = titles(await ask("특허 출원 지원", "2026-04-10"), 5);
    expect(top.filter((t) => /권리화/.test(t) && !/출원/.test(t)).length).toBeGreaterThan(0);
    for (const title of top) expect(title).toMatch(/특허|지식재산|지재권|IP/);
  });

  it("세무 설명회: the tax seminar, then tax programmes, before seminars on other subjects", async () => {
    const top = titles(await ask("세무 설명회", "2025-04-10"), 3);
    expect(top[0]).toMatch(/세무 설명회/);
    for (const title of top) expect(title).toMatch(/세무/);
  });

  it("이번 주 마감 창업 지원: startup calls first, each group by closing date, all in the week", async () => {
    const answer = await ask("이번 주 마감 창업 지원", "2026-07-20");
    expect(answer.hits.length).toBeGreaterThan(5);
    const tagged = answer.hits.map((h) => h.article.categories.includes("startup"));
    const firstUntagged = tagged.indexOf(false);
    expect(firstUntagged).toBeGreaterThan(0);
    expect(tagged.slice(firstUntagged).every((t) => !t)).toBe(true);
    for (const group of [answer.hits.slice(0, firstUntagged), answer.hits.slice(firstUntagged)]) {
      const ends = group.map((h) => h.article.application.end ?? "");
      expect(ends).toEqual([...ends].sort());
      for (const end of ends) {
        expect(end >= "2026-07-20" && end <= "2026-07-26").toBe(true);
      }
    }
  });
});
