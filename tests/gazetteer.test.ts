import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  allRegions,
  ancestors,
  descendants,
  getRegion,
  lookupRegionName,
  regionLabel,
  withAncestors,
} from "../src/data/gazetteer.ts";

const codesOf = (name: string) => lookupRegionName(name).map((r) => r.code);
const only = (name: string) => {
  const found = lookupRegionName(name);
  expect(found, name).toHaveLength(1);
  return found[0];
};

describe("the 시·도", () => {
  it("are the 17 current units with current names", () => {
    const names = allRegions()
      .filter((r) => r.level === "sido")
      .map((r) => r.name);
    expect(names).toEqual([
      "서울특별시",
      "부산광역시",
      "대구광역시",
      "인천광역시",
      "광주광역시",
      "대전광역시",
      "울산광역시",
      "세종특별자치시",
      "경기도",
      "강원특별자치도",
      "충청북도",
      "충청남도",
      "전북특별자치도",
      "전라남도",
      "경상북도",
      "경상남도",
      "제주특별자치도",
    ]);
  });

  it("answer to short, 시/도 and former names", () => {
    expect(codesOf("서울")).toEqual(["11"]);
    expect(codesOf("서울시")).toEqual(["11"]);
    expect(codesOf("충북")).toEqual(["33"]);
    expect(codesOf("충청북도")).toEqual(["33"]);
    expect(codesOf("세종시")).toEqual(["29"]);
    expect(codesOf("제주도")).toEqual(["39"]);
    expect(codesOf("강원도")).toEqual(["32"]);
    expect(codesOf("전라북도")).toEqual(["35"]);
    expect(only("강원")?.formerNames).toContain("강원도");
  });

  it("have current English names", () => {
    expect(getRegion("32")?.nameEn).toBe("Gangwon State");
    expect(getRegion("35")?.nameEn).toBe("Jeonbuk State");
    expect(getRegion("29")?.nameEn).toBe("Sejong");
  });
});

describe("changes since the 2018 source", () => {
  it("puts 군위군 under 대구, still found as 경북 군위군", () => {
    const gunwi = only("군위군");
    expect(gunwi?.parentCode).toBe("22");
    expect(gunwi?.fullName).toBe("대구광역시 군위군");
    expect(codesOf("경북 군위군")).toEqual([gunwi?.code]);
    expect(descendants("37")).not.toContain(gunwi?.code);
  });

  it("has the 2026 인천 구 and maps former names to their successors", () => {
    const incheon = descendants("23").map((c) => getRegion(c)?.name);
    expect(incheon).toEqual(
      expect.arrayContaining(["제물포구", "영종구", "검단구", "서구", "미추홀구"]),
    );
    expect(incheon).not.toContain("중구");
    expect(incheon).not.toContain("동구");
    expect(incheon).not.toContain("남구");
    expect(codesOf("인천 동구").map((c) => getRegion(c)?.name)).toEqual(["제물포구"]);
    expect(codesOf("인천 중구").map((c) => getRegion(c)?.name)).toEqual(["제물포구", "영종구"]);
    expect(codesOf("인천 남구").map((c) => getRegion(c)?.name)).toEqual(["미추홀구"]);
  });

  it("has the 일반구 of 부천 (2024) and 화성 (2026)", () => {
    const names = (city: string) =>
      descendants(only(city)?.code ?? "").map((c) => getRegion(c)?.name);
    expect(names("부천시")).toEqual(["원미구", "소사구", "오정구"]);
    expect(names("화성시")).toEqual(["만세구", "효행구", "병점구", "동탄구"]);
  });

  it("fixes 철원군's English name", () => {
    expect(only("철원군")?.nameEn).toBe("Cheorwon-gun");
    expect(codesOf("Cheorwon-gun")).toEqual([only("철원군")?.code]);
    expect(codesOf("Gongju-si").map((c) => getRegion(c)?.name)).toEqual(["공주시"]);
  });
});

describe("cities with 일반구", () => {
  it("resolves 고양특례시 to 고양시 under 경기도", () => {
    const goyang = only("고양특례시");
    expect(goyang?.name).toBe("고양시");
    expect(goyang?.code).toBe("31100");
    expect(ancestors("31100")).toEqual(["31"]);
  });

  it("makes the 일반구 children of a parent 시 whose code ends in 0", () => {
    const deogyang = only("고양시 덕양구");
    expect(deogyang).toMatchObject({
      name: "덕양구",
      shortName: "덕양",
      level: "gu",
      parentCode: "31100",
    });
    expect(deogyang?.fullName).toBe("경기도 고양시 덕양구");
    expect(ancestors(deogyang?.code ?? "")).toEqual(["31100", "31"]);
    for (const gu of allRegions().filter((r) => r.level === "gu")) {
      expect(gu.parentCode, gu.fullName).toBe(`${gu.code.slice(0, 4)}0`);
    }
  });

  it("labels a 일반구 with its city", () => {
    expect(regionLabel("31101", "ko")).toBe("고양시 덕양구");
    expect(regionLabel("31101", "en")).toBe("Deogyang-gu, Goyang-si");
    expect(regionLabel("37011", "ko")).toBe("포항시 남구");
  });
});

describe("lookupRegionName", () => {
  it("finds English and romanised names in any case", () => {
    for (const name of ["Goyang", "goyang-si", "GOYANG SI", "goyangsi", "Goyang Special City"]) {
      expect(codesOf(name), name).toEqual(["31100"]);
    }
    expect(codesOf("Gyeonggi")).toEqual(["31"]);
    expect(codesOf("gyeonggi-do")).toEqual(["31"]);
    expect(codesOf("Seoul")).toEqual(["11"]);
    expect(codesOf("Busan")).toEqual(["21"]);
    expect(codesOf("Pusan")).toEqual(["21"]);
    expect(codesOf("jeonbuk state")).toEqual(["35"]);
  });

  it("returns every candidate of an ambiguous name", () => {
    expect(codesOf("광주").sort()).toEqual(["24", "31250"]);
    expect(codesOf("고성").map((c) => regionLabel(c, "ko"))).toEqual([
      "강원 고성군",
      "경남 고성군",
    ]);
    expect(codesOf("중구")).toHaveLength(5);
    expect(codesOf("Gwangju").sort()).toEqual(["24", "31250"]);
  });

  it("narrows a name by the region written with it", () => {
    expect(codesOf("서울 중구")).toEqual(["11020"]);
    expect(codesOf("부산 중구")).toEqual(["21010"]);
    expect(codesOf("경기 광주")).toEqual(["31250"]);
    expect(codesOf("Jung-gu, Seoul")).toEqual(["11020"]);
    expect(codesOf("서울 설명회")).toEqual([]);
  });

  it("keeps 제주 for the province and strips no particles", () => {
    expect(codesOf("제주")).toEqual(["39"]);
    expect(codesOf("제주시")).toEqual(["39010"]);
    expect(codesOf("jeju")).toEqual(["39"]);
    expect(codesOf("고양시는")).toEqual([]);
    expect(codesOf("")).toEqual([]);
  });
});

describe("labels and hierarchy", () => {
  it("qualifies names that several regions share", () => {
    expect(regionLabel("31100", "ko")).toBe("고양시");
    expect(regionLabel("31100", "en")).toBe("Goyang-si");
    expect(regionLabel("11020", "ko")).toBe("서울 중구");
    expect(regionLabel("11020", "en")).toBe("Jung-gu, Seoul");
    expect(regionLabel("31250", "ko")).toBe("경기 광주시");
    expect(regionLabel("24", "ko")).toBe("광주광역시");
    expect(regionLabel("39010", "ko")).toBe("제주시");
    expect(regionLabel("no-such-code", "ko")).toBe("no-such-code");
  });

  it("adds ancestors once and lists descendants", () => {
    expect(withAncestors(["31101", "31103", "11"])).toEqual([
      "31101",
      "31100",
      "31",
      "31103",
      "11",
    ]);
    expect(descendants("31100")).toEqual(["31101", "31103", "31104"]);
    expect(descendants("31")).toContain("31101");
  });

  it("is a consistent tree with unique codes and lower-case English aliases", () => {
    const regions = allRegions();
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);
    for (const region of regions) {
      const chain = ancestors(region.code);
      expect(getRegion(chain.at(-1) ?? region.code)?.level, region.code).toBe("sido");
      expect(region.nameEn, region.code).toMatch(/^[A-Z][a-z]+(?:-(?:si|gun|gu|do)| State)?$/);
      for (const alias of region.englishAliases) expect(alias).toBe(alias.toLowerCase());
      for (const alias of region.koreanAliases) expect(alias).not.toMatch(/\s/);
    }
  });

  it("carries the KOGL attribution in the committed data", () => {
    const file = JSON.parse(
      readFileSync(new URL("../src/data/gazetteer.generated.json", import.meta.url), "utf8"),
    );
    expect(file.header.attribution).toMatch(/KOGL Type 1/);
    expect(file.header.attribution).toMatch(/KOSTAT/);
    expect(file.header.asOf).toBe("2026-11-28");
  });
});
