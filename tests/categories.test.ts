import { describe, expect, it } from "vitest";
import { extractCategories } from "../src/extract/categories.ts";

describe("categories", () => {
  it.each([
    ["[경기] 성남시 2026년 하반기 해외전시회 개별참가 지원사업 참가기업 모집 공고"],
    ["[경기] 안양시 2026년 해외시장 개척단 파견 운영 베트남 하노이 참가기업 모집 공고"],
    ["[경기] 화성시 2026년 2차 공공기관 해외지사화 참가 지원사업 참가기업 모집 공고"],
    ["[서울] 강남구 2026년 중국 무역사절단 참가기업 추가 모집 공고"],
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
