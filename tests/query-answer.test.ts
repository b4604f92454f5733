import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { interpretationLine } from "../src/present/interpretation.ts";
import { answerSearch, MAX_HITS, type SearchAnswer } from "../src/query/answer.ts";

const AS_OF = "2025-04-10";
let index: SearchIndex;
beforeAll(async () => {
  index = await buildIndex([join(import.meta.dirname, "../index-data")]);
});

function ask(query: string): Promise<SearchAnswer> {
  return answerSearch(index, { query, asOf: AS_OF });
}

function leads(answer: SearchAnswer): string[] {
  return answer.hits.map((h) => h.article.body.slice(0, 12));
}

describe("questions on the seed, as of 2025-04-10", () => {
  it("upcoming seminars in Goyang → the Goyang tax seminar first, with its date and deadline", async () => {
    const answer = await ask("upcoming seminars in Goyang");
    const first = answer.hits[0];
    expect(first?.article.body).toMatch(/^고양특례시는 오는 5월 13일/);
    expect(first?.event).toMatchObject({ kind: "seminar", start: "2025-05-13" });
    expect(first?.article.application.end).toBe("2025-04-30");
    expect(interpretationLine(answer.parsed, AS_OF, "ko")).toBe(
      "고양시 · 설명회 · 2025-04-10 이후",
    );
  });

  it("고양 설명회 언제야 → the same seminar and its date; 언제 restricts no time", async () => {
    const answer = await ask("고양 설명회 언제야");
    expect(answer.hits[0]?.article.body).toMatch(/^고양특례시는 오는 5월 13일/);
    expect(answer.hits[0]?.event?.start).toBe("2025-05-13");
    expect(interpretationLine(answer.parsed, AS_OF, "ko")).toBe("고양시 · 설명회");
  });

  it("caregiver training in Yangju → the Yangju course", async () => {
    const answer = await ask("caregiver training in Yangju");
    expect(answer.hits[0]?.article.body).toMatch(/^양주시가 오는 15일부터/);
  });

  it("tariff and 관세 대응 → Pyeongtaek", async () => {
    expect(leads(await ask("tariff"))[0]).toMatch(/^평택시는/);
    expect(leads(await ask("관세 대응"))[0]).toMatch(/^평택시는/);
  });

  it("MOU in Seoul → the Seoul–중진공 and Gangnam–GS Retail agreements, nothing else", async () => {
    const answer = await ask("MOU in Seoul");
    expect(answer.hits).toHaveLength(2);
    expect(
      answer.hits.some((h) => h.article.body.startsWith("서울시와 중소벤처기업진흥공단")),
    ).toBe(true);
    expect(answer.hits.some((h) => h.article.body.includes("강남구가 4월 9일 ㈜GS리테일과"))).toBe(
      true,
    );
  });

  it("deadlines this month → Yangju (18 April) then Goyang (30 April)", async () => {
    const answer = await ask("deadlines this month");
    expect(answer.hits.map((h) => h.article.application.end)).toEqual(["2025-04-18", "2025-04-30"]);
    expect(leads(answer)[0]).toMatch(/^양주시가/);
  });

  it("seminars in Busan → an honest empty answer with the nearest alternative", async () => {
    const answer = await ask("seminars in Busan");
    expect(answer.hits).toEqual([]);
    expect(interpretationLine(answer.parsed, AS_OF, "ko")).toBe("부산광역시 · 설명회");
    const sameTypeElsewhere = answer.alternatives.find((a) => a.relaxed === "drop-region");
    expect(sameTypeElsewhere?.hits[0]?.article.body).toMatch(/^고양특례시는 오는 5월 13일/);
    for (const alt of answer.alternatives)
      expect(alt.parsed.regions.length === 0 || alt.relaxed === "drop-type").toBe(true);
  });

  it("a bare keyword query behaves exactly like plain text search", async () => {
    for (const query of ["관세", "설명회를", "고양", "중진공", "시장"]) {
      const answer = await ask(query);
      const { top } = index.text.top(query.split(" "), MAX_HITS);
      const plain = top.map(({ doc }) => index.article(doc).id);
      expect(answer.hits.map((h) => h.article.id)).toEqual(plain);
    }
  });

  it("a bare keyword with a region option is still the keyword, inside that region", async () => {
    const inPyeongtaek = await answerSearch(index, { query: "관세", asOf: AS_OF, region: "평택" });
    expect(leads(inPyeongtaek)).toEqual([expect.stringMatching(/^평택시는/)]);
    expect(interpretationLine(inPyeongtaek.parsed, AS_OF, "ko")).toBe("평택시 · “관세”");
    // The only 관세 article is Pyeongtaek's: in Goyang the answer is empty, not that article.
    const inGoyang = await answerSearch(index, { query: "관세", asOf: AS_OF, region: "고양" });
    expect(inGoyang.total).toBe(0);
    expect(interpretationLine(inGoyang.parsed, AS_OF, "ko")).toBe("고양시 · “관세”");
  });

  it("a region filter on a 시·도 finds its 시·군·구 (경기 → 고양, 양주, 평택)", async () => {
    const answer = await ask("경기 교육");
    const regions = new Set(answer.hits.flatMap((h) => h.article.regions));
    expect(answer.hits.length).toBeGreaterThan(0);
    for (const hit of answer.hits) {
      expect(hit.article.regions.some((c) => c.startsWith("31"))).toBe(true);
    }
    expect(regions.size).toBeGreaterThan(0);
  });
});

describe("questions are cleaned like articles", () => {
  // Text copied from a web page or a messenger often carries invisible characters; the articles
  // lost theirs at ingest, so a query keeping them would match differently or not at all.
  const hitIds = (answer: SearchAnswer) => answer.hits.map((h) => h.article.id);

  it.each([
    ["a zero-width space inside 관세", "관\u200b세"],
    ["a zero-width joiner and a soft hyphen", "관\u200d세\u00ad"],
    ["a byte-order mark and bidi controls around it", "\ufeff\u202e관세\u202c"],
    ["decomposed (NFD) Hangul", "관세".normalize("NFD")],
    ["a line separator between two words", "관세\u2028대응"],
  ])("%s finds what the clean word finds", async (_what, dirty) => {
    const clean = dirty
      .normalize("NFC")
      .replace(/[\u200b-\u200f\u202a-\u202e\ufeff\u00ad]/g, "")
      .replace(/\u2028/g, " ");
    const expected = await ask(clean);
    expect(expected.total).toBeGreaterThan(0);
    const answer = await ask(dirty);
    expect(hitIds(answer)).toEqual(hitIds(expected));
    expect(answer.parsed.terms).toEqual(expected.parsed.terms);
  });
});
