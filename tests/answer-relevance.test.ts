import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, SEED_DIR } from "../bench/corpus.ts";
import { analyze } from "../src/analysis/tokenize.ts";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { answerAmong, answerSearch, type SearchAnswer } from "../src/query/answer.ts";
import { listDeadlines } from "../src/query/deadlines.ts";

// Ranking on the real announcements of ../shared/corpus: articles that cover every part of a
// question come before ones that repeat one word, and titles count (see src/query/relevance.ts).
describe.skipIf(!existsSync(CORPUS_DIR))("relevance over the real corpus", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await buildIndex([CORPUS_DIR, SEED_DIR]);
  }, 60_000);

  // Questions with no time in them are asked after the corpus's last notice (2026-08): the clock
  // sees only the past, so an earlier day would hide the notices these tests rank.
  const AFTER_CORPUS = "2026-12-01";
  const ask = (query: string, asOf: string): Promise<SearchAnswer> =>
    answerSearch(index, { query, asOf });
  const titles = (answer: SearchAnswer, n: number) =>
    answer.hits.slice(0, n).map((h) => h.article.title);

  it("export vouchers: voucher programmes for exporters, not AI or cloud vouchers", async () => {
    const top = titles(await ask("export vouchers", AFTER_CORPUS), 5);
    expect(top).toHaveLength(5);
    for (const title of top) expect(title).toMatch(/바우처|수출지원기반활용/);
    expect(top[0]).toMatch(/수출/);
    for (const title of top) expect(title).not.toMatch(/AI|AX|클라우드/);
  });

  it("섬유 소공인: textile small manufacturers before any other 소공인 notice", async () => {
    const top = titles(await ask("섬유 소공인", AFTER_CORPUS), 6);
    for (const title of top) expect(title).toMatch(/섬유|패션/);
  });

  it("의료기기 해외전시회: medical-device shows, though their titles say 전시회, not 해외전시회", async () => {
    const top = titles(await ask("의료기기 해외전시회", AFTER_CORPUS), 4);
    for (const title of top) {
      expect(title).toMatch(/의료기기/);
      expect(title).toMatch(/전시/);
    }
  });

  it("특허 출원 지원 also finds 지식재산 programmes", async () => {
    const top = titles(await ask("특허 출원 지원", AFTER_CORPUS), 10);
    expect(top.some((t) => /지식재산|IP/.test(t) && !/특허/.test(t))).toBe(true);
  });

  it("특허 출원 지원 also finds 권리화 (filing) programmes, which never say 출원", async () => {
    const top = titles(await ask("특허 출원 지원", AFTER_CORPUS), 5);
    expect(top.filter((t) => /권리화/.test(t) && !/출원/.test(t)).length).toBeGreaterThan(0);
    for (const title of top) expect(title).toMatch(/특허|지식재산|지재권|IP/);
  });

  it("세무 설명회: the tax seminar, then tax programmes, before seminars on other subjects", async () => {
    const top = titles(await ask("세무 설명회", AFTER_CORPUS), 3);
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

  // The clock sees only the past: a 2025 clock over the 2026 notices of the corpus.
  it("as of 2025, no 2026 notice answers a search, a deadline list or autocomplete", async () => {
    const asOf = "2025-06-30";
    const published = (a: { publishedAt: string | null }) => a.publishedAt ?? "";
    for (const query of ["수출바우처", "창업 지원", "부산 창업", "스마트공장", "라이브커머스"]) {
      const now = await ask(query, asOf);
      const later = await ask(query, AFTER_CORPUS);
      for (const hit of now.hits) expect(published(hit.article) <= asOf, query).toBe(true);
      // The same question later does find the 2026 notices: the clock is what hid them.
      expect(
        later.hits.some((h) => published(h.article) > asOf),
        query,
      ).toBe(true);
    }
    const deadlines = await listDeadlines(index, { asOf, days: 365 });
    for (const item of [...deadlines.deadlines, ...deadlines.events])
      expect(published(item.article) <= asOf).toBe(true);
    for (const article of deadlines.open) expect(published(article) <= asOf).toBe(true);
    const laterDeadlines = await listDeadlines(index, { asOf: "2026-07-01", days: 365 });
    expect(laterDeadlines.deadlines.length).toBeGreaterThan(0);
    const visibleTitles = index
      .allArticles()
      .filter((a) => published(a) <= asOf)
      .map((a) => a.title);
    for (const prefix of ["스마트", "라이브", "수출", "바우"]) {
      for (const suggestion of index.suggest(prefix, 10, asOf)) {
        const word = suggestion.split(" ").at(-1) as string;
        expect(
          visibleTitles.some((t) => t.toLowerCase().includes(word)),
          suggestion,
        ).toBe(true);
      }
    }
  });

  it("접수 중인 창업 지원: only calls whose period contains the day, rolling ones once started", async () => {
    const asOf = "2026-07-20";
    const open = await ask("접수 중인 창업 지원", asOf);
    const all = await ask("창업 지원", asOf);
    expect(open.total).toBeGreaterThan(5);
    expect(open.total).toBeLessThan(all.total);
    for (const { article } of open.hits) {
      const { status, start, end } = article.application;
      const began = start ?? article.publishedAt ?? "";
      expect(began <= asOf, article.title).toBe(true);
      if (status === "dated") expect((end ?? "") >= asOf, article.title).toBe(true);
      else {
        expect(["rolling", "until-budget", "first-come"]).toContain(status);
        // An open-ended call runs on its year's budget.
        if (began !== "") expect(began.slice(0, 4), article.title).toBe("2026");
      }
    }
    // A call that closed the day before is not open.
    const closed = all.hits.find((h) => (h.article.application.end ?? "9999") < asOf);
    expect(closed).toBeDefined();
    expect(open.hits.map((h) => h.article.id)).not.toContain(closed?.article.id);
    // Nor is a 2021 call open "until the budget runs out".
    const old = index
      .allArticles()
      .find(
        (a) =>
          ["rolling", "until-budget", "first-come"].includes(a.application.status) &&
          (a.application.start ?? a.publishedAt ?? "9999").startsWith("2021") &&
          /창업/.test(a.title),
      );
    expect(old).toBeDefined();
    const among = await answerAmong(index, { query: "접수 중인 창업 지원", asOf }, [
      old?.id as string,
    ]);
    expect(among).toEqual([]);
    expect(
      await answerAmong(index, { query: "접수 중인 창업 지원", asOf: "2021-12-31" }, [
        old?.id as string,
      ]),
    ).toHaveLength(1);
  });

  // Compounds no lexicon lists: Korean writes them without spaces and their head comes last.
  it.each([
    ["상담회", "수출상담회"],
    ["박람회", "채용박람회"],
    ["교육", "창업교육"],
  ])("%s matches the articles that say it only inside %s", async (word, compound) => {
    const inside = index.allArticles().filter((a) => {
      const words = new Set(analyze(`${a.title} ${a.body}`).words);
      return `${a.title} ${a.body}`.includes(compound) && !words.has(word);
    });
    expect(inside.length, compound).toBeGreaterThan(0);
    const matched = new Set(
      (
        await answerAmong(
          index,
          { query: word, asOf: AFTER_CORPUS },
          inside.map((a) => a.id),
        )
      ).map((h) => h.article.id),
    );
    for (const article of inside) expect(matched.has(article.id), article.title).toBe(true);
  });

  it("채용박람회에서: the job fairs first, then fairs (its head), before hiring notices", async () => {
    const top = (await ask("채용박람회에서", AFTER_CORPUS)).hits.slice(0, 10);
    // 0: says the compound; 1: says only its head (박람회); 2: neither (only 채용).
    const group = ({ article }: (typeof top)[number]) => {
      const text = `${article.title} ${article.body}`;
      return text.includes("채용박람회") ? 0 : text.includes("박람회") ? 1 : 2;
    };
    const groups = top.map(group);
    expect(groups).toEqual([...groups].sort());
    expect(groups.filter((g) => g === 1).length).toBeGreaterThan(3);
  });
});
