import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ancestors, getRegion, lookupRegionName } from "../src/data/gazetteer.ts";
import { extractRegions, GUARDED_SHORT_FORMS } from "../src/extract/regions.ts";

/** Region names of the codes, for readable failures. */
const names = (text: string) =>
  extractRegions(text).codes.map((code) => getRegion(code)?.fullName ?? `?${code}`);
const codes = (text: string) => extractRegions(text).codes;
const codeOf = (name: string) => {
  const found = lookupRegionName(name);
  if (found.length !== 1) throw new Error(`${name} is not one region`);
  return found[0]?.code ?? "";
};

describe("seed articles", () => {
  const seed = readFileSync(
    new URL("../index-data/000_2ff2273f9822e349.txt", import.meta.url),
    "utf8",
  )
    .trim()
    .split("\n");

  it.each([
    [1, ["경기도 성남시 중원구"]],
    [2, ["서울특별시"]],
    [3, ["광주광역시"]],
    [5, ["서울특별시 강남구"]],
    [6, ["경기도 양주시"]],
    [7, ["경기도 고양시"]],
    [8, ["경기도 고양시"]],
    [9, ["경기도 평택시"]],
    [10, []],
  ])("line %i", (line, expected) => {
    const result = extractRegions(seed[line - 1] ?? "");
    expect(result.codes.map((c) => getRegion(c)?.fullName)).toEqual(expected);
    expect(result.ambiguous).toEqual([]);
  });
});

describe("names with particles and suffixes", () => {
  it("matches names with particles attached", () => {
    expect(names("고양시는 오는 5월 설명회를 연다.")).toEqual(["경기도 고양시"]);
    expect(names("서울시와 중진공이 협약을 맺었다.")).toEqual(["서울특별시"]);
    expect(names("평택에서 열린 회의에는 기업인들이 참석했다.")).toEqual(["경기도 평택시"]);
    expect(names("경기도의 지원사업에 신청했다.")).toEqual(["경기도"]);
    expect(names("고양특례시장은 축사를 했다.")).toEqual(["경기도 고양시"]);
  });

  it("maps 서울시, 부산시 and 인천시 to the 시·도", () => {
    expect(codes("서울시")).toEqual(["11"]);
    expect(codes("부산시는")).toEqual(["21"]);
    expect(codes("인천시가")).toEqual(["23"]);
  });

  it("keeps the most specific region, in order of first mention", () => {
    expect(names("서울 강남구에서 열린다")).toEqual(["서울특별시 강남구"]);
    expect(names("성남시 중원구 일대 소공인")).toEqual(["경기도 성남시 중원구"]);
    expect(names("경기도 고양시 덕양구 소재")).toEqual(["경기도 고양시 덕양구"]);
    expect(names("부산과 평택, 그리고 고양시")).toEqual([
      "부산광역시",
      "경기도 평택시",
      "경기도 고양시",
    ]);
  });

  it("accepts institution compounds of a place name", () => {
    expect(names("평택산업진흥원과 평택직할세관")).toEqual(["경기도 평택시"]);
    expect(names("양주시일자리센터를 방문하면 된다")).toEqual(["경기도 양주시"]);
    expect(names("대구경북과학기술원")).toEqual(["대구광역시", "경상북도"]);
    expect(names("광주광역시북구 소재 기업")).toEqual(["광주광역시 북구"]);
  });
});

describe("words that are not places", () => {
  it.each([
    "부시장이 참석했다",
    "시장 상인들",
    "전력시장을 거치지 않고",
    "예산이 부족하다",
    "예산 소진 시까지",
    "자격이 부여된다",
    "고양이를 키운다",
    "경기 침체로 어려움을 겪는다",
    "경기가 나빠졌다",
    "경기 심판 및 경기 기록원",
    "사상 최대 실적",
    "해외 연수 프로그램",
    "목표를 달성했다",
    "양산 체제를 갖췄다",
    "상당 부분",
    "수정 공고",
    "사업 기간 동안",
    "고령자 친화기업",
    "영양 성분",
    "진도 점검",
    "서울대 학생",
    "전국 소상공인",
    "대전환 시대",
    "부산물 재활용",
    "김포공항 이전",
    "세종문화회관 공연",
    "고성능 컴퓨팅",
    "중구난방",
  ])("%s", (text) => {
    const result = extractRegions(text);
    expect(result.codes).toEqual([]);
    expect(result.ambiguous).toEqual([]);
  });

  it("documents every guarded short form with the word it collides with", () => {
    for (const [form, gloss] of Object.entries(GUARDED_SHORT_FORMS)) {
      expect(lookupRegionName(form).length, form).toBeGreaterThan(0);
      expect(gloss.length, form).toBeGreaterThan(0);
    }
  });

  it("counts guarded short forms with context", () => {
    expect(names("충남 예산에서 열린다")).toEqual(["충청남도 예산군"]);
    expect(names("예산군은 지원한다")).toEqual(["충청남도 예산군"]);
    expect(names("홍성·예산 지역 기업")).toEqual(["충청남도 홍성군", "충청남도 예산군"]);
    expect(names("보은, 옥천, 영동 지역")).toEqual([
      "충청북도 보은군",
      "충청북도 옥천군",
      "충청북도 영동군",
    ]);
    expect(names("서울과 경기가 함께")).toEqual(["서울특별시", "경기도"]);
    expect(names("구미(경북) 소재")).toEqual(["경상북도 구미시"]);
    expect(names("역량 강화 및 경북 지역")).toEqual(["경상북도"]);
  });

  it("flags nationwide announcements", () => {
    expect(extractRegions("전국 소상공인을 대상으로").nationwide).toBe(true);
    expect(extractRegions("전국적으로 확산").nationwide).toBe(true);
    expect(extractRegions("고양시 소상공인").nationwide).toBe(false);
  });
});

describe("ambiguous names", () => {
  it("resolves 광주 by 광주광역시 elsewhere and leaves it open when bare", () => {
    expect(names("광주광역시는 '광주 그린에너지' 특구를 운영한다")).toEqual(["광주광역시"]);
    const bare = extractRegions("광주에서 설명회가 열린다");
    expect(bare.codes).toEqual([]);
    expect(bare.ambiguous).toEqual([{ mention: "광주", candidates: ["24", "31250"] }]);
  });

  it("resolves 광주 by the province or a 구 written nearby", () => {
    expect(names("경기도 광주시 소재 기업")).toEqual(["경기도 광주시"]);
    expect(names("경기 광주 소재 기업")).toEqual(["경기도 광주시"]);
    expect(names("광주 광산구 소재 기업")).toEqual(["광주광역시 광산구"]);
    expect(names("[광주] 2026년 지원사업")).toEqual(["광주광역시"]);
    expect(names("[광주ㆍ전남] 시니어 인턴십")).toEqual(["광주광역시", "전라남도"]);
    expect(names("성남, 광주, 하남 지역")).toEqual([
      "경기도 성남시",
      "경기도 광주시",
      "경기도 하남시",
    ]);
  });

  it("resolves 중구 and 고성군 by their city or province", () => {
    expect(names("서울 중구와 부산 중구")).toEqual(["서울특별시 중구", "부산광역시 중구"]);
    expect(names("강원 고성군 관광")).toEqual(["강원특별자치도 고성군"]);
    expect(names("부산 해운대구에 이어 중구에도")).toEqual([
      "부산광역시 해운대구",
      "부산광역시 중구",
    ]);
    const bare = extractRegions("중구청에서 열린다");
    expect(bare.codes).toEqual([]);
    expect(bare.ambiguous[0]?.candidates.length).toBeGreaterThan(1);
    expect(extractRegions("고성군 농업인").ambiguous[0]?.candidates).toEqual(["32400", "38340"]);
  });

  it("reads former names", () => {
    expect(names("강원도 춘천시")).toEqual(["강원특별자치도 춘천시"]);
    expect(names("전라북도 지원사업")).toEqual(["전북특별자치도"]);
    expect(names("경북 군위군 소재")).toEqual(["대구광역시 군위군"]);
    expect(names("인천 동구 소재")).toEqual(["인천광역시 제물포구"]);
    expect(names("인천 남구")).toEqual(["인천광역시 미추홀구"]);
    const split = extractRegions("인천 중구 소재 기업");
    expect(split.codes).toEqual(["23"]);
    expect(split.ambiguous).toEqual([{ mention: "인천 중구", candidates: ["23110", "23120"] }]);
  });

  it("reads the merged 전남광주통합특별시 as both parts, or the part the text is about", () => {
    expect(codes("전남광주통합특별시 지원사업")).toEqual(["24", "36"]);
    expect(names("전남광주통합특별시 북구청장배")).toEqual(["광주광역시 북구"]);
    expect(names("[전남광주] 장성군 공고")).toEqual(["전라남도 장성군"]);
  });
});

const CORPUS = "/work/shared/corpus";

describe.skipIf(!existsSync(CORPUS))("real records", () => {
  const records = readdirSync(CORPUS)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) => readFileSync(`${CORPUS}/${f}`, "utf8").split("\n"))
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as { id: string; title: string | null; body: string });
  const results = records.map((r) => ({
    record: r,
    result: extractRegions(`${r.title ?? ""}\n${r.body}`),
  }));

  it("extracts known codes, without ancestors, and open mentions with real alternatives", () => {
    expect(records.length).toBeGreaterThan(1000);
    for (const { result } of results) {
      const ancestorsOfFound = new Set(result.codes.flatMap((c) => ancestors(c)));
      for (const code of result.codes) {
        expect(getRegion(code), code).toBeDefined();
        expect(ancestorsOfFound.has(code), code).toBe(false);
      }
      for (const open of result.ambiguous) {
        expect(open.candidates.length).toBeGreaterThan(1);
        for (const c of open.candidates) expect(getRegion(c), c).toBeDefined();
      }
    }
  });

  it("finds 나주시 in 나주시 press releases", () => {
    const naju = results.filter(({ record }) => record.id.startsWith("naju-"));
    const found = naju.filter(({ result }) => result.codes.includes(codeOf("나주시")));
    expect(naju.length).toBeGreaterThan(20);
    expect(found.length / naju.length).toBeGreaterThan(0.9);
  });

  it("finds the 시·군·구 of bizinfo titles tagged like [경기] 화성시", () => {
    const tagged = results.flatMap(({ record, result }) => {
      const m = /^\[([가-힣]{2})\] ([가-힣]{1,5}[시군구]) /.exec(record.title ?? "");
      const place = m ? lookupRegionName(`${m[1]} ${m[2]}`) : [];
      return place.length === 1 ? [{ code: place[0]?.code ?? "", result }] : [];
    });
    const hits = tagged.filter(({ code, result }) =>
      result.codes.some((c) => c === code || getRegion(c)?.parentCode === code),
    );
    expect(tagged.length).toBeGreaterThan(100);
    expect(hits.length / tagged.length).toBeGreaterThan(0.97);
  });
});
