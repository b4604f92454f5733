import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { splitSentences } from "../src/analysis/sentences.ts";
import { SUMMARY_MAX_CHARS, summarize } from "../src/extract/summary.ts";
import { deriveTitle } from "../src/extract/title.ts";
import { ingestSources } from "../src/ingest/sources.ts";

const seed = ingestSources([join(import.meta.dirname, "../index-data")]).articles;
const PARTICLE_END = /(?:을|를|이|가|은|는|의|에|와|과|로|으로|에서)$/;

describe("derived titles", () => {
  it("keeps a record's own title", () => {
    expect(deriveTitle("수출바우처 참여기업 모집", "본문")).toBe("수출바우처 참여기업 모집");
  });

  it("makes a short headline from each seed lead: no byline, no dangling particle", () => {
    const titles = seed.map((a) => deriveTitle(null, a.body));
    expect(titles[6]).toBe("고양특례시, ‘2025 고양시 기업인을 위한 세무 설명회’ 개최");
    expect(titles[5]).toBe(
      "양주시, 2025년 취업 지원프로그램인 ‘요양보호사 자격증 취득 과정’의 교육생 모집",
    );
    expect(titles[4]?.startsWith("강남구, ")).toBe(true);
    for (const title of titles) {
      expect(title.length).toBeGreaterThan(8);
      expect(title.length).toBeLessThanOrEqual(80);
      expect(title).not.toMatch(/기자|데일리굿타임/);
      expect(title.split(" ").pop()).not.toMatch(PARTICLE_END);
    }
  });
});

describe("summaries", () => {
  it("are the lead sentences, at most about 300 characters, ending at a sentence boundary", () => {
    for (const article of seed) {
      const summary = summarize(article.body, deriveTitle(null, article.body));
      expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
      expect(summary.length).toBeGreaterThan(40);
      expect(article.body.startsWith(summary.slice(0, 20))).toBe(true);
      expect(summary).toMatch(/[.다]$/);
    }
  });

  it("skip a first line that repeats the title, and markdown markers", () => {
    const body =
      "# 수출 바우처 모집\n\n**번호**: 12\n\n수출 바우처 참여기업을 모집합니다. 신청은 4월 30일까지입니다.";
    expect(summarize(body, "수출 바우처 모집")).toBe(
      "번호: 12 수출 바우처 참여기업을 모집합니다. 신청은 4월 30일까지입니다.",
    );
  });
});

describe("summaries of converted notices", () => {
  it("leave out markdown table rows and turn an inline <br> into a line break", () => {
    const body = [
      "스마트 서비스 지원사업 참여기업을 아래와 같이 모집합니다.",
      "",
      "| 구분 | 일정 |",
      "|---|---|",
      "|ㅇ 서류 접수<br>ㅇ 1차 서류평가<br>ㅇ 발표평가| 4월 중 |",
      "신청은 누리집에서 받습니다.<br>문의는 담당 부서로 해 주십시오.",
    ].join("\n");
    const summary = summarize(body, "스마트 서비스 지원사업 모집");
    expect(summary).toBe(
      "스마트 서비스 지원사업 참여기업을 아래와 같이 모집합니다. 신청은 누리집에서 받습니다. 문의는 담당 부서로 해 주십시오.",
    );
    expect(summary).not.toMatch(/<br|\|/i);
  });
});

describe("sentence splitting", () => {
  it("splits at periods but not inside dotted dates or decimals", () => {
    const parts = splitSentences("접수는 2025. 4. 30.(수)까지다. 금리는 1.5%이다. 끝.").map(
      (s) => s.text,
    );
    expect(parts).toEqual(["접수는 2025. 4. 30.(수)까지다.", "금리는 1.5%이다.", "끝."]);
  });

  it("splits sentences that run on without a period", () => {
    const parts = splitSentences(
      "양주시가 교육생을 모집했다 이번 교육은 무료로 진행된다 많은 참여 바란다",
    ).map((s) => s.text);
    expect(parts).toEqual([
      "양주시가 교육생을 모집했다",
      "이번 교육은 무료로 진행된다",
      "많은 참여 바란다",
    ]);
  });

  it("does not split inside 다양한 or before 다고", () => {
    const parts = splitSentences("다양한 기업이 참여한다고 밝혔다.").map((s) => s.text);
    expect(parts).toEqual(["다양한 기업이 참여한다고 밝혔다."]);
  });
});
