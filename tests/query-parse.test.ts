import { describe, expect, it } from "vitest";
import { getRegion } from "../src/data/gazetteer.ts";
import { parseQuery } from "../src/query/parse.ts";

const AS_OF = "2025-04-10"; // a Thursday

function regionNames(query: string): string[] {
  return parseQuery(query, AS_OF).regions.map((c) => getRegion(c)?.name ?? c);
}

describe("regions in questions", () => {
  it.each([
    ["고양", "고양시"],
    ["고양시", "고양시"],
    ["고양특례시", "고양시"],
    ["고양에서 열리는 설명회", "고양시"],
    ["고양시의 교육", "고양시"],
    ["Goyang", "고양시"],
    ["goyang-si", "고양시"],
    ["GOYANG SI seminars", "고양시"],
    ["경기", "경기도"],
    ["경기도 교육", "경기도"],
    ["Gyeonggi", "경기도"],
    ["충북", "충청북도"],
    ["Seoul", "서울특별시"],
    ["서울에서", "서울특별시"],
    ["Yangju training", "양주시"],
    ["평택 관세", "평택시"],
  ])("%s → %s", (query, expected) => {
    expect(regionNames(query)).toEqual([expected]);
  });

  it("keeps an ambiguous name's candidates visible instead of guessing", () => {
    expect(regionNames("광주 설명회").sort()).toEqual(["광주광역시", "광주시"].sort());
  });
});

describe("types in both languages", () => {
  it.each([
    ["seminar", "seminar"],
    ["briefing", "seminar"],
    ["info session", "seminar"],
    ["설명회를", "seminar"],
    ["training", "training"],
    ["course", "training"],
    ["교육", "training"],
    ["recruitment", "call"],
    ["applications", "call"],
    ["모집", "call"],
    ["MOU", "mou"],
    ["agreement", "mou"],
    ["협약", "mou"],
    ["tariff", "trade"],
    ["customs", "trade"],
    ["관세", "trade"],
    ["export", "trade"],
    ["startup", "startup"],
    ["창업", "startup"],
    ["jobs", "jobs"],
    ["hiring", "jobs"],
    ["loan", "finance"],
    ["funding", "finance"],
    ["guarantee", "finance"],
    ["subsidy", "subsidy"],
    ["caregiver", "care"],
    ["요양보호사", "care"],
  ])("%s → %s", (word, category) => {
    expect(parseQuery(word, AS_OF).categories).toContain(category);
  });

  it("searches English type words by their Korean forms, Korean ones as typed", () => {
    expect(parseQuery("tariff", AS_OF).terms).toEqual(["관세"]);
    expect(parseQuery("caregiver", AS_OF).terms).toEqual(["요양보호사"]);
    expect(parseQuery("설명회를", AS_OF).terms).toEqual(["설명회를"]);
  });

  it("keeps unknown English words as search terms", () => {
    const parsed = parseQuery("GS25 ESS Estonia", AS_OF);
    expect(parsed.freeTerms).toEqual(["GS25", "ESS", "Estonia"]);
    expect(parsed.regions).toEqual([]);
    expect(parsed.categories).toEqual([]);
  });
});

describe("time phrases against the as-of date", () => {
  it.each([
    ["upcoming seminars", "2025-04-10", null],
    ["coming events", "2025-04-10", null],
    ["다가오는 설명회", "2025-04-10", null],
    ["예정된 교육", "2025-04-10", null],
    ["today", "2025-04-10", "2025-04-10"],
    ["오늘", "2025-04-10", "2025-04-10"],
    ["tomorrow", "2025-04-11", "2025-04-11"],
    ["내일", "2025-04-11", "2025-04-11"],
    ["this week", "2025-04-07", "2025-04-13"],
    ["이번 주", "2025-04-07", "2025-04-13"],
    ["이번주", "2025-04-07", "2025-04-13"],
    ["next week", "2025-04-14", "2025-04-20"],
    ["다음 주", "2025-04-14", "2025-04-20"],
    ["this month", "2025-04-01", "2025-04-30"],
    ["이번 달", "2025-04-01", "2025-04-30"],
    ["next month", "2025-05-01", "2025-05-31"],
    ["다음 달", "2025-05-01", "2025-05-31"],
    ["5월", "2025-05-01", "2025-05-31"],
    ["May", "2025-05-01", "2025-05-31"],
    ["january", "2025-01-01", "2025-01-31"],
    ["5월 13일", "2025-05-13", "2025-05-13"],
    ["2025-05-13", "2025-05-13", "2025-05-13"],
    ["closing soon", "2025-04-10", "2025-04-17"],
    ["마감 임박", "2025-04-10", "2025-04-17"],
  ])("%s → %s … %s", (query, from, to) => {
    const parsed = parseQuery(query, AS_OF);
    expect(parsed.window?.from).toBe(from);
    expect(parsed.window?.to ?? null).toBe(to);
  });

  it("reads a named month as its nearest occurrence", () => {
    expect(parseQuery("1월 설명회", "2025-12-10").window?.from).toBe("2026-01-01");
    expect(parseQuery("11월", "2026-02-01").window?.from).toBe("2025-11-01");
  });

  it("turns deadline words and closing-soon into the deadlines intent", () => {
    expect(parseQuery("deadlines this month", AS_OF).intent).toBe("deadlines");
    expect(parseQuery("이번 달 마감 지원사업", AS_OF).intent).toBe("deadlines");
    expect(parseQuery("마감 임박", AS_OF).intent).toBe("deadlines");
  });

  it("asks for events when a type comes with a time; when alone asks, never filters", () => {
    expect(parseQuery("고양 설명회 언제야", AS_OF).intent).toBe("articles");
    expect(parseQuery("고양 설명회 언제야", AS_OF).asks).toBe("when");
    expect(parseQuery("고양 설명회 언제야", AS_OF).window).toBeNull();
    expect(parseQuery("upcoming seminars in Goyang", AS_OF).intent).toBe("events");
    expect(parseQuery("관세", AS_OF).intent).toBe("articles");
  });
});
