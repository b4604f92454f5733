/** What a structured source declares against what analysis reads from the text (extract/declared.ts). */
import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../src/extract/article.ts";
import { declaredApplication, declaredRegions } from "../src/extract/declared.ts";
import type { Article } from "../src/types.ts";

function article(body: string, declared?: Article["declared"]): Article {
  return {
    id: "a",
    title: null,
    body,
    url: null,
    urlIsArticle: false,
    publishedAt: "2025-04-01",
    source: null,
    reporter: null,
    origin: { file: "t", line: 1 },
    ...(declared ? { declared } : {}),
  };
}

describe("declared application period", () => {
  it("is read by the schedule rules and wins over the text's guess", () => {
    const text = "고양시 소상공인 지원사업 참여기업 모집. 신청은 4월 30일까지 받는다.";
    expect(analyzeArticle(article(text)).application).toMatchObject({
      status: "dated",
      end: "2025-04-30",
    });
    const declared = analyzeArticle(article(text, { applicationPeriod: "예산 소진시까지" }));
    expect(declared.application).toMatchObject({ status: "until-budget", end: null });
    expect(
      analyzeArticle(article(text, { applicationPeriod: "20250501 ~ 20250515" })).application,
    ).toMatchObject({ status: "dated", start: "2025-05-01", end: "2025-05-15" });
  });

  it("leaves the text's period when the field says nothing readable", () => {
    expect(declaredApplication({ applicationPeriod: "공고문 참조" }, "2025-04-01")).toBeNull();
    const text = "참가 신청은 4월 11일(금)까지 받는다.";
    expect(
      analyzeArticle(article(text, { applicationPeriod: "공고문 참조" })).application.end,
    ).toBe("2025-04-11");
  });

  it("never touches the events the text announces", () => {
    const text = "전시회는 5월 20일(화)부터 22일(목)까지 열린다.";
    const analyzed = analyzeArticle(
      article(text, { applicationPeriod: "2025-04-24 ~ 2025-05-15" }),
    );
    expect(analyzed.events.map((e) => [e.start, e.end])).toEqual([["2025-05-20", "2025-05-22"]]);
  });
});

describe("declared regions", () => {
  it("keep the text's more specific regions inside them and drop the others", () => {
    // 해운대구 (21090) is in 부산 (21); 고양시 (31100) is not.
    expect(declaredRegions(["21090", "31100"], { regions: ["21"] })).toEqual(["21090"]);
    expect(declaredRegions(["31100"], { regions: ["21", "31"] })).toEqual(["31100", "21"]);
    expect(declaredRegions(["31100"], { regions: [] })).toEqual([]);
  });

  it("fall back to the source's default only when the text names none", () => {
    expect(declaredRegions([], { defaultRegions: ["31100"] })).toEqual(["31100"]);
    expect(declaredRegions(["21"], { defaultRegions: ["31100"] })).toEqual(["21"]);
    expect(declaredRegions(["21"], undefined)).toEqual(["21"]);
  });

  it("declared categories join the text's", () => {
    const analyzed = analyzeArticle(article("관세 설명회를 연다.", { categories: ["startup"] }));
    expect(analyzed.categories).toEqual(expect.arrayContaining(["seminar", "startup"]));
  });
});
