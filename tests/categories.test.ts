import { describe, expect, it } from "vitest";
import { extractCategories } from "../src/extract/categories.ts";

describe("categories", () => {
  it.each([
    ["[경기] 부천시 2026년 해외전시회 단체참가 지원사업 참가기업 모집 공고"],
    ["[경기] 시흥시 2026년 해외시장 개척단 파견(태국 방콕) 참가기업 모집 공고"],
    ["[경기] 평택시 2026년 공공기관 해외지사화 지원사업 참가기업 모집 공고"],
    ["[서울] 송파구 2026년 일본 무역사절단 참가기업 추가 모집 공고"],
  ])("files export promotion that never says 수출 under trade: %s", (title) => {
    expect(extractCategories(title, "참가기업을 다음과 같이 모집합니다.")).toContain("trade");
  });

  it("does not tag a long notice with trade for one passing mention below the lead", () => {
    const filler = "소상공인 경영 개선을 위한 교육과 컨설팅을 제공합니다. ".repeat(60);
    const body = `${filler}기타 해외시장 정보는 별도 안내합니다. ${filler}`;
    expect(extractCategories("2026년 소상공인 역량강화 지원사업 공고", body)).not.toContain(
      "trade",
    );
  });
});
