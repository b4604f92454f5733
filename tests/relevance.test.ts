import { describe, expect, it } from "vitest";
import { TextEngine } from "../src/index/text-engine.ts";
import { analyzeForIndex, TextEngineBuilder } from "../src/index/text-engine-builder.ts";
import { splitCompound } from "../src/query/compounds.ts";
import { parseQuery } from "../src/query/parse.ts";
import { EVENT_KIND_SHARE, Relevance } from "../src/query/relevance.ts";

const AS_OF = "2026-04-10";

/** Relevance for questions over a small engine of (title, body) articles. */
function relevanceOver(articles: [title: string, body: string][]): (query: string) => Relevance {
  const builder = new TextEngineBuilder();
  for (const [title, body] of articles) builder.add(analyzeForIndex(title, body));
  const engine = new TextEngine(builder.build());
  const titleOf = (doc: number) => (articles[doc] as [string, string])[0];
  return (query) => new Relevance(engine, parseQuery(query, AS_OF).concepts, titleOf);
}

describe("compound splitting", () => {
  const frequency: Record<string, number> = {
    해외: 900,
    전시회: 120,
    해외전: 2,
    시회: 1,
    여성: 40,
    기업: 2500,
    여성기: 0,
    업: 0,
    의료: 60,
    기기: 70,
  };
  const df = (term: string) => frequency[term] ?? 0;

  it.each([
    ["해외전시회", ["해외", "전시회"]],
    ["여성기업", ["여성", "기업"]],
    ["의료기기", ["의료", "기기"]],
  ])("%s → %j", (word, parts) => {
    expect(splitCompound(word, df)).toEqual(parts);
  });

  it("leaves short words, non-Hangul words and unknown parts alone", () => {
    expect(splitCompound("관세", df)).toBeNull();
    expect(splitCompound("수출입", df)).toBeNull();
    expect(splitCompound("ABCD기업", df)).toBeNull();
    expect(splitCompound("가나다라", df)).toBeNull();
  });

  it("ignores fragments that occur in too few documents", () => {
    expect(splitCompound("해외전시회", (t) => (t === "해외전" ? 5000 : df(t)))).toEqual([
      "해외",
      "전시회",
    ]);
    expect(splitCompound("여성기업", (t) => (t === "여성" ? 2 : df(t)))).toBeNull();
  });
});

describe("concepts of a question", () => {
  it("groups the translations of one English word", () => {
    expect(parseQuery("consulting", AS_OF).concepts).toEqual([["컨설팅", "멘토링"]]);
    expect(parseQuery("export vouchers", AS_OF).concepts).toEqual([["수출"], ["바우처"]]);
  });

  it("adds Korean synonyms to the word typed, without showing them as typed terms", () => {
    const parsed = parseQuery("특허 출원 지원", AS_OF);
    expect(parsed.concepts).toEqual([["특허", "지식재산", "지재권"], ["출원", "권리화"], ["지원"]]);
    expect(parsed.terms).toEqual(["특허", "출원", "지원"]);
    expect(parseQuery("재창업을", AS_OF).concepts).toEqual([
      ["재창업을", "재도전", "재기", "희망리턴"],
    ]);
  });

  it("translates English phrases the glossary knows", () => {
    expect(parseQuery("traditional market support", AS_OF).concepts).toEqual([
      ["전통시장", "상점가", "골목상권"],
    ]);
    expect(parseQuery("patent application support", AS_OF).concepts).toEqual([
      ["특허", "지식재산", "지재권", "출원", "권리화"],
    ]);
  });

  it("keeps a bare keyword as one concept", () => {
    expect(parseQuery("관세", AS_OF).concepts).toEqual([["관세"]]);
  });
});

describe("relevance: coverage of the question's concepts", () => {
  const articles: [title: string, body: string][] = [
    // 0: names every concept in its title
    [
      "2026년 섬유제조 소공인 공동브랜드 사업화 지원 모집",
      "섬유제조 소공인특화지원센터는 봉제 소공인의 판로를 돕는다.",
    ],
    // 1: says one concept many times, never the other
    [
      "소공인 경영안정 소공인 특례보증 소공인 지원",
      "소공인 소공인 소공인 소공인 소공인 경영안정자금을 지원한다. 소공인 전용.",
    ],
    // 2: both concepts, but only in the body
    ["2026년 지역 제조기업 지원 공고", "지역 섬유 업체와 소공인을 대상으로 한다."],
    // 3: a medical-device trade show, said with a space
    ["독일 뒤셀도르프 의료기기 전시회 참가기업 모집", "MEDICA 2026 한국관 참가 지원."],
    // 4: a general overseas-exhibition call
    ["해외전시회 개별참가 지원사업 모집", "해외전시회 참가비와 운송비를 지원한다."],
    // 5-9: filler so that IDF means something
    ["2026년 창업 지원사업 통합 공고", "창업기업 지원 해외 판로. 전시회 참가 포함."],
    ["중소기업 정책자금 융자 공고", "정책자금 융자 지원. 해외 진출 기업 우대."],
    ["스마트공장 구축 지원", "제조 기업 스마트공장 보급 해외."],
    ["수출 바우처 참여기업 모집", "수출 바우처 해외 마케팅 기업."],
    ["청년 일자리 채용 장려금", "청년 채용 기업 지원 전시회 안내 없음."],
  ];
  const relevanceOf = relevanceOver(articles);
  const coverage = (query: string, doc: number) => relevanceOf(query).coverage(doc);

  it("gives full coverage to an article naming every concept in its title", () => {
    expect(coverage("섬유 소공인", 0)).toEqual({ all: 1, title: 1 });
  });

  it("gives partial coverage to an article missing a concept, however often it says the other", () => {
    const one = coverage("섬유 소공인", 1);
    expect(one.all).toBeGreaterThan(0);
    expect(one.all).toBeLessThan(1);
    expect(one.title).toBe(one.all);
  });

  it("counts concepts found only in the body for coverage, not for the title", () => {
    expect(coverage("섬유 소공인", 2)).toEqual({ all: 1, title: 0 });
  });

  it("lets the adjusted score put full coverage first, even against a higher BM25 score", () => {
    const relevance = relevanceOf("섬유 소공인");
    expect(relevance.adjust(10, 0)).toBeGreaterThan(relevance.adjust(20, 1));
  });

  it("credits a compound's parts when the compound itself is absent", () => {
    const relevance = relevanceOf("의료기기 해외전시회");
    expect(relevance.partWords()).toEqual(["해외", "전시회"]);
    const spaced = coverage("의료기기 해외전시회", 3);
    const general = coverage("의료기기 해외전시회", 4);
    expect(spaced.all).toBeGreaterThan(general.all);
    expect(spaced.all).toBeLessThan(1);
    expect(general.title).toBeLessThan(spaced.title);
  });

  it("matches English words as whole words in titles", () => {
    // A separate engine, so its titles are not the ones above.
    const latin = new TextEngineBuilder();
    const titles = ["IP 출원 지원", "Shipping support"];
    for (const title of titles) latin.add(analyzeForIndex(title, "본문"));
    const relevance = new Relevance(
      new TextEngine(latin.build()),
      [["ip"]],
      (d) => titles[d] ?? "",
    );
    expect(relevance.coverage(0).title).toBe(1);
    expect(relevance.coverage(1).title).toBe(0);
  });

  it("leaves the score alone when the question has no words to cover", () => {
    expect(relevanceOf("").adjust(7, 0)).toBe(7);
  });
});

describe("relevance: event-kind words and Latin words", () => {
  // 세무 and 설명회 are each in two articles, so they have the same idf.
  const articles: [title: string, body: string][] = [
    ["2025 기업인을 위한 세무 설명회 개최", "세무 설명회를 연다."],
    ["중소기업 승계 세무 자문 프로그램 모집", "세무 자문을 지원한다."],
    ["스타트업 지원사업 설명회 참가자 모집", "지원사업 설명회를 연다."],
    ["IP디딤돌 아이디어 권리화 지원사업", "아이디어 권리화를 돕는다."],
    ["해운 shipping 물류비 지원", "shipping 비용."],
    ["청년 일자리 채용 장려금", "청년 채용 기업."],
    ["스마트공장 구축 지원", "제조 기업 스마트공장."],
  ];
  const relevanceOf = relevanceOver(articles);

  it("weighs the subject above the kind of event: a tax programme beats a seminar on anything", () => {
    const relevance = relevanceOf("세무 설명회");
    const tax = relevance.coverage(1);
    const seminar = relevance.coverage(2);
    expect(tax.all).toBeCloseTo(1 / (1 + EVENT_KIND_SHARE));
    expect(seminar.all).toBeCloseTo(EVENT_KIND_SHARE / (1 + EVENT_KIND_SHARE));
    expect(relevance.adjust(10, 1)).toBeGreaterThan(relevance.adjust(10, 2));
    expect(relevance.coverage(0)).toEqual({ all: 1, title: 1 });
  });

  it("applies to English event words too, and never to a question of one concept", () => {
    const english = relevanceOf("tax seminar");
    expect(english.coverage(1).all).toBeGreaterThan(english.coverage(2).all);
    expect(relevanceOf("설명회").coverage(2)).toEqual({ all: 1, title: 1 });
  });

  it("finds a Latin word glued to Hangul in a title, but not inside a longer Latin word", () => {
    expect(relevanceOf("IP").coverage(3).title).toBe(1);
    expect(relevanceOf("ship").coverage(4).title).toBe(0);
  });
});
