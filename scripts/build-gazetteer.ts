/**
 * Builds src/data/gazetteer.generated.json from the KOSTAT 2018 region tables
 * (sido-2018.csv and sigungu-2018.csv, kept outside the repository), brought up to date with every
 * administrative change since then (as of 2026-11-28). The output is committed; re-run after
 * editing the tables below, naming the folder that holds the two tables:
 *
 *   node bin/run-ts.js scripts/build-gazetteer.ts REGIONS_DIR [OUTPUT]
 *
 * OUTPUT defaults to src/data/gazetteer.generated.json. The output is deterministic (no
 * timestamps), so an unchanged build leaves the file untouched.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { romanize } from "es-hangul";
import type { Region, RegionLevel } from "../src/data/gazetteer.ts";

const [sourceArg, outputArg] = process.argv.slice(2);
if (sourceArg === undefined) {
  console.error("usage: scripts/build-gazetteer.ts REGIONS_DIR [OUTPUT]");
  process.exit(2);
}
const SOURCE_DIR = pathToFileURL(`${resolve(sourceArg)}/`);
const OUTPUT =
  outputArg === undefined
    ? new URL("../src/data/gazetteer.generated.json", import.meta.url)
    : pathToFileURL(resolve(outputArg));
const AS_OF = "2026-11-28";

const HEADER = {
  title: "jiwon region gazetteer: Korean 시·도, 시·군·구 and 일반구",
  asOf: AS_OF,
  attribution:
    "Contains data from Statistics Korea (통계청, KOSTAT) SGIS administrative boundaries as of " +
    "2018-12-24, via github.com/southkorea/southkorea-maps (kostat/2018/json), licensed under " +
    "KOGL Type 1 (공공누리 제1유형, https://www.kogl.or.kr/info/license.do#01-tab). Modified: " +
    "updated for administrative changes through 2026-07-01, parent cities and new districts " +
    "added, English names corrected, aliases added.",
  license:
    "KOGL Type 1 (공공누리 제1유형): attribution required; commercial use and modification allowed",
  generatedBy: "scripts/build-gazetteer.ts",
  codes:
    "KOSTAT census codes of the 2018 source (2 digits for a 시·도, 5 for a 시·군·구). A city whose " +
    "일반구 the source lists separately (고양시덕양구 …) gets the code of its 일반구 with the last " +
    "digit set to 0 (고양시 31100 for 31101/31103/31104), the pattern of KOSTAT's own classification. " +
    "Units created after 2018 get project-assigned codes in free slots under their parent: 부천시 " +
    "일반구 31051–31053, 화성시 일반구 31241–31244, 대구 군위군 22320, 인천 제물포구 23110, " +
    "영종구 23120, 검단구 23130. A renamed unit keeps its code (인천 남구 → 미추홀구 23030). " +
    "Abolished codes are listed in formerRegions with their successors; a code never changes meaning.",
  changes: [
    "강원도 → 강원특별자치도 (2023-06-11), English Gangwon State",
    "전라북도 → 전북특별자치도 (2024-01-18), English Jeonbuk State",
    "군위군: 경상북도 37310 → 대구광역시 22320 (2023-07-01)",
    "인천 남구 → 미추홀구 (2018-07-01; the 2018-12 source still said 남구)",
    "부천시 일반구 원미구·소사구·오정구 (2024-01-01)",
    "화성시 일반구 만세구·효행구·병점구·동탄구 (2026)",
    "인천 중구·동구 → 제물포구·영종구, 서구 → 서구·검단구 (2026-07-01)",
    "특례시 names (수원·고양·용인·창원 2022-01-13, 화성 2025-01-01) as aliases",
    "세종: the source's single 시·군·구 row 29010 dropped; 세종특별자치시 has no 시·군·구",
    "English names: 철원군 Cheorwon-gun (source: Gongju-si), 세종 Sejong (source: Sejongsi)",
  ],
  unverified: [
    "전남광주통합특별시: 2026 notices name 광주광역시 and 전라남도 as one 전남광주통합특별시 " +
      "(reportedly from 2026-07-01). Not restructured here; its names are aliases of both 24 and 36 " +
      "and listed under unions.",
    "인천 서구 may be named 서해구 since 2026-07-01 (secondary sources only): kept as 서구 with 서해구 as an alias.",
  ],
};

interface SourceRow {
  code: string;
  sidoCode: string;
  name: string;
  nameEn: string;
  parentSi: string;
  parentSiEn: string;
}

interface SidoSpec {
  short: string;
  name?: string;
  nameEn?: string;
  formerNames?: string[];
  englishAliases: string[];
}

/** Every English form a user may type for a 시·도, beside the Korean-derived ones. */
const SIDO: Record<string, SidoSpec> = {
  "11": {
    short: "서울",
    englishAliases: ["seoul", "seoul city", "seoul special city", "seoul-si"],
  },
  "21": {
    short: "부산",
    englishAliases: ["busan", "busan city", "busan metropolitan city", "pusan"],
  },
  "22": {
    short: "대구",
    englishAliases: ["daegu", "daegu city", "daegu metropolitan city", "taegu"],
  },
  "23": {
    short: "인천",
    englishAliases: ["incheon", "incheon city", "incheon metropolitan city", "inchon"],
  },
  "24": {
    short: "광주",
    englishAliases: ["gwangju", "gwangju city", "gwangju metropolitan city", "kwangju"],
  },
  "25": {
    short: "대전",
    englishAliases: ["daejeon", "daejeon city", "daejeon metropolitan city", "taejon"],
  },
  "26": { short: "울산", englishAliases: ["ulsan", "ulsan city", "ulsan metropolitan city"] },
  "29": {
    short: "세종",
    nameEn: "Sejong",
    englishAliases: ["sejong", "sejong city", "sejong-si", "sejong special self-governing city"],
  },
  "31": {
    short: "경기",
    englishAliases: ["gyeonggi", "gyeonggi-do", "gyeonggi province", "kyonggi"],
  },
  "32": {
    short: "강원",
    name: "강원특별자치도",
    nameEn: "Gangwon State",
    formerNames: ["강원도"],
    englishAliases: [
      "gangwon",
      "gangwon state",
      "gangwon-do",
      "gangwon province",
      "gangwon special self-governing province",
      "kangwon",
    ],
  },
  "33": {
    short: "충북",
    englishAliases: [
      "chungbuk",
      "chungcheongbuk-do",
      "north chungcheong",
      "north chungcheong province",
    ],
  },
  "34": {
    short: "충남",
    englishAliases: [
      "chungnam",
      "chungcheongnam-do",
      "south chungcheong",
      "south chungcheong province",
    ],
  },
  "35": {
    short: "전북",
    name: "전북특별자치도",
    nameEn: "Jeonbuk State",
    formerNames: ["전라북도"],
    englishAliases: [
      "jeonbuk",
      "jeonbuk state",
      "jeollabuk-do",
      "north jeolla",
      "north jeolla province",
      "jeonbuk special self-governing province",
    ],
  },
  "36": {
    short: "전남",
    englishAliases: ["jeonnam", "jeollanam-do", "south jeolla", "south jeolla province"],
  },
  "37": {
    short: "경북",
    englishAliases: [
      "gyeongbuk",
      "gyeongsangbuk-do",
      "north gyeongsang",
      "north gyeongsang province",
    ],
  },
  "38": {
    short: "경남",
    englishAliases: [
      "gyeongnam",
      "gyeongsangnam-do",
      "south gyeongsang",
      "south gyeongsang province",
    ],
  },
  "39": {
    short: "제주",
    englishAliases: ["jeju", "jeju-do", "jeju island", "jeju province", "cheju"],
  },
};

/** Provincial units that merged in 2026; see HEADER.unverified. */
const UNIONS = [
  {
    names: ["전남광주통합특별시", "전남광주"],
    codes: ["24", "36"],
    note: "광주광역시 and 전라남도 as one unit (2026); a mention covers both",
  },
];

const SPECIAL_CITIES = new Set(["수원시", "고양시", "용인시", "창원시", "화성시"]);

/** Units created after the 2018 source, under a parent that already exists by then. */
const NEW_UNITS: {
  code: string;
  parentCode: string;
  name: string;
  nameEn: string;
  formerNames?: string[];
}[] = [
  { code: "22320", parentCode: "22", name: "군위군", nameEn: "Gunwi-gun" },
  {
    code: "23110",
    parentCode: "23",
    name: "제물포구",
    nameEn: "Jemulpo-gu",
    formerNames: ["중구", "동구"],
  },
  {
    code: "23120",
    parentCode: "23",
    name: "영종구",
    nameEn: "Yeongjong-gu",
    formerNames: ["중구"],
  },
  { code: "23130", parentCode: "23", name: "검단구", nameEn: "Geomdan-gu" },
  { code: "31051", parentCode: "31050", name: "원미구", nameEn: "Wonmi-gu" },
  { code: "31052", parentCode: "31050", name: "소사구", nameEn: "Sosa-gu" },
  { code: "31053", parentCode: "31050", name: "오정구", nameEn: "Ojeong-gu" },
  { code: "31241", parentCode: "31240", name: "만세구", nameEn: "Manse-gu" },
  { code: "31242", parentCode: "31240", name: "효행구", nameEn: "Hyohaeng-gu" },
  { code: "31243", parentCode: "31240", name: "병점구", nameEn: "Byeongjeom-gu" },
  { code: "31244", parentCode: "31240", name: "동탄구", nameEn: "Dongtan-gu" },
];

const FORMER_REGIONS = [
  {
    code: "23010",
    name: "중구",
    fullName: "인천광역시 중구",
    until: "2026-06-30",
    successors: ["23110", "23120"],
  },
  {
    code: "23020",
    name: "동구",
    fullName: "인천광역시 동구",
    until: "2026-06-30",
    successors: ["23110"],
  },
  {
    code: "37310",
    name: "군위군",
    fullName: "경상북도 군위군",
    until: "2023-06-30",
    successors: ["22320"],
  },
  {
    code: "29010",
    name: "세종시",
    fullName: "세종특별자치시 세종시",
    until: null,
    successors: ["29"],
  },
];
const DROPPED_CODES = new Set(FORMER_REGIONS.map((f) => f.code));

/** Source rows whose own name is out of date; the code stays. */
const RENAMED: Record<string, { name: string; nameEn: string; formerNames: string[] }> = {
  "23030": { name: "미추홀구", nameEn: "Michuhol-gu", formerNames: ["남구"] },
};

/** Units that moved to another 시·도: "경북 군위군" in older articles still means them. */
const FORMER_PARENTS: Record<string, string[]> = { "22320": ["37"] };

/** Possible current names not yet confirmed from a primary source (HEADER.unverified). */
const EXTRA_ALIASES: Record<string, string[]> = { "23080": ["서해구"] };

const ENGLISH_FIXES: Record<string, string> = { "32360": "Cheorwon-gun" };

/**
 * Official romanisations that differ from es-hangul's automatic Revised Romanization: the
 * library inserts ㄴ before 양/영 (덕양 → deongnyang) where the official names do not.
 */
const OFFICIAL_ROMANISATIONS: Record<string, string> = {
  덕양: "deogyang",
  안양: "anyang",
  남양주: "namyangju",
  단양: "danyang",
  청양: "cheongyang",
  담양: "damyang",
  통영: "tongyeong",
  밀양: "miryang",
  함양: "hamyang",
};

function readCsv(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(new URL(file, SOURCE_DIR), "utf8")
    .split(/\r?\n/)
    .filter((line) => line.length > 0);
  const columns = (head ?? "").split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ""]));
  });
}

function sourceRows(): SourceRow[] {
  return readCsv("sigungu-2018.csv").map((row) => ({
    code: row.code ?? "",
    sidoCode: row.sido_code ?? "",
    name: row.name ?? "",
    nameEn: row.name_eng_clean ?? "",
    parentSi: row.parent_si ?? "",
    parentSiEn: row.parent_si_eng ?? "",
  }));
}

/** 고양시 → 고양, 중구 → 중구: a one-syllable stem is no name on its own. */
function shortOf(name: string): string {
  const stem = name.replace(/[시군구]$/, "");
  return stem.length >= 2 ? stem : name;
}

function englishBase(nameEn: string): { base: string; suffix: string } {
  const m = /^(.*?)-(si|gun|gu|do)$/.exec(nameEn);
  return m ? { base: m[1] ?? nameEn, suffix: m[2] ?? "" } : { base: nameEn, suffix: "" };
}

/** `bare` is false where the bare base means something else: jung (중구), jeju (the province). */
function englishAliasesOf(nameEn: string, specialCity: boolean, bare: boolean): string[] {
  const { base, suffix } = englishBase(nameEn);
  const b = base.toLowerCase();
  const forms = bare ? [b] : [];
  if (suffix) forms.push(`${b}-${suffix}`, `${b} ${suffix}`, `${b}${suffix}`);
  if (suffix === "si") forms.push(`${b} city`);
  if (specialCity) forms.push(`${b} special city`);
  return forms;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v.length > 0))];
}

/** Fixed key order, so every line of the committed file reads the same way. */
function makeRegion(
  fields: Omit<Region, "koreanAliases" | "englishAliases" | "formerNames"> & Partial<Region>,
): Region {
  return {
    code: fields.code,
    name: fields.name,
    fullName: fields.fullName,
    shortName: fields.shortName,
    nameEn: fields.nameEn,
    level: fields.level,
    parentCode: fields.parentCode,
    koreanAliases: fields.koreanAliases ?? [],
    englishAliases: fields.englishAliases ?? [],
    formerNames: fields.formerNames ?? [],
  };
}

function buildSido(): Region[] {
  return readCsv("sido-2018.csv").map((row) => {
    const code = row.code ?? "";
    const spec = SIDO[code];
    if (!spec) throw new Error(`no SIDO entry for ${code}`);
    const name = spec.name ?? row.name ?? "";
    const metropolitan = name.endsWith("시");
    const formerNames = spec.formerNames ?? [];
    return makeRegion({
      code,
      name,
      fullName: name,
      shortName: spec.short,
      nameEn: spec.nameEn ?? row.name_eng ?? "",
      level: "sido",
      parentCode: null,
      koreanAliases: unique([
        name,
        spec.short,
        metropolitan ? `${spec.short}시` : `${spec.short}도`,
        ...formerNames,
      ]),
      englishAliases: spec.englishAliases,
      formerNames,
    });
  });
}

/** The 시·군·구 and 일반구 of the source, parent cities created, renamed rows applied. */
function buildMunicipal(sido: Map<string, Region>): Region[] {
  const regions = new Map<string, Region>();
  for (const row of sourceRows()) {
    if (DROPPED_CODES.has(row.code)) continue;
    const province = sido.get(row.sidoCode);
    if (!province) throw new Error(`unknown 시·도 ${row.sidoCode} in ${row.code}`);
    const nameEn = ENGLISH_FIXES[row.code] ?? row.nameEn;
    if (!row.parentSi) {
      const renamed = RENAMED[row.code];
      regions.set(
        row.code,
        makeRegion({
          code: row.code,
          name: renamed?.name ?? row.name,
          fullName: `${province.name} ${renamed?.name ?? row.name}`,
          shortName: shortOf(renamed?.name ?? row.name),
          nameEn: renamed?.nameEn ?? nameEn,
          level: "sigungu",
          parentCode: province.code,
          formerNames: renamed?.formerNames ?? [],
        }),
      );
      continue;
    }
    const cityCode = `${row.code.slice(0, 4)}0`;
    if (!regions.has(cityCode)) {
      regions.set(
        cityCode,
        makeRegion({
          code: cityCode,
          name: row.parentSi,
          fullName: `${province.name} ${row.parentSi}`,
          shortName: shortOf(row.parentSi),
          nameEn: row.parentSiEn,
          level: "sigungu",
          parentCode: province.code,
        }),
      );
    }
    const guName = row.name.slice(row.parentSi.length);
    regions.set(
      row.code,
      makeRegion({
        code: row.code,
        name: guName,
        fullName: `${province.name} ${row.parentSi} ${guName}`,
        shortName: shortOf(guName),
        nameEn: nameEn.split(" ").at(-1) ?? nameEn,
        level: "gu",
        parentCode: cityCode,
      }),
    );
  }
  return [...regions.values()];
}

function addNewUnits(byCode: Map<string, Region>): void {
  for (const unit of NEW_UNITS) {
    if (byCode.has(unit.code)) throw new Error(`code ${unit.code} already in use`);
    const parent = byCode.get(unit.parentCode);
    if (!parent) throw new Error(`no parent ${unit.parentCode} for ${unit.name}`);
    const level: RegionLevel = parent.level === "sido" ? "sigungu" : "gu";
    byCode.set(
      unit.code,
      makeRegion({
        code: unit.code,
        name: unit.name,
        fullName: `${parent.fullName} ${unit.name}`,
        shortName: shortOf(unit.name),
        nameEn: unit.nameEn,
        level,
        parentCode: parent.code,
        formerNames: unit.formerNames ?? [],
      }),
    );
  }
}

/** 인천중구, 경북군위군: former names only make sense with their old parent attached. */
function qualifiedFormerNames(region: Region, byCode: Map<string, Region>): string[] {
  const parents = [region.parentCode ?? "", ...(FORMER_PARENTS[region.code] ?? [])];
  const forms: string[] = [];
  for (const parentCode of parents) {
    const parent = byCode.get(parentCode);
    if (!parent) continue;
    for (const former of region.formerNames.length > 0 ? region.formerNames : [region.name]) {
      if (former === region.name && parentCode === region.parentCode) continue;
      forms.push(`${parent.shortName}${former}`, `${parent.name}${former}`);
    }
  }
  return forms;
}

function fillMunicipalAliases(region: Region, byCode: Map<string, Region>): void {
  const parent = byCode.get(region.parentCode ?? "");
  const specialCity = SPECIAL_CITIES.has(region.name) && region.level === "sigungu";
  // 제주 is the province; the city is 제주시 (Jeju-si), never the bare name.
  const isProvinceNamesake = parent?.level === "sido" && parent.shortName === region.shortName;
  region.koreanAliases = unique([
    region.name,
    isProvinceNamesake ? "" : region.shortName,
    specialCity ? `${region.shortName}특례시` : "",
    region.level === "gu" && parent ? `${parent.name}${region.name}` : "",
    ...qualifiedFormerNames(region, byCode),
    ...(EXTRA_ALIASES[region.code] ?? []),
  ]);
  const bare = !isProvinceNamesake && region.shortName !== region.name;
  region.englishAliases = unique(englishAliasesOf(region.nameEn, specialCity, bare));
}

function addUnionAliases(byCode: Map<string, Region>): void {
  for (const union of UNIONS) {
    for (const code of union.codes) {
      const region = byCode.get(code);
      if (!region) throw new Error(`union member ${code} missing`);
      region.koreanAliases = unique([...region.koreanAliases, ...union.names]);
    }
  }
}

/** Fails the build on an English name that does not romanise its Korean name. */
function checkEnglishNames(regions: Region[]): void {
  const problems: string[] = [];
  for (const region of regions) {
    if (region.level === "sido") continue;
    const stem = region.name.replace(/[시군구]$/, "");
    const expected =
      OFFICIAL_ROMANISATIONS[stem] ??
      romanize(stem)
        .toLowerCase()
        .replace(/[^a-z]/g, "");
    const actual = englishBase(region.nameEn)
      .base.toLowerCase()
      .replace(/[^a-z]/g, "");
    if (expected !== actual)
      problems.push(`${region.code} ${region.name}: ${region.nameEn} (expected ${expected})`);
  }
  if (problems.length > 0) throw new Error(`English names to check:\n${problems.join("\n")}`);
}

function checkTree(regions: Region[], byCode: Map<string, Region>): void {
  const sidoCount = regions.filter((r) => r.level === "sido").length;
  if (sidoCount !== 17) throw new Error(`expected 17 시·도, got ${sidoCount}`);
  for (const region of regions) {
    if (region.parentCode !== null && !byCode.has(region.parentCode)) {
      throw new Error(`${region.code} has unknown parent ${region.parentCode}`);
    }
  }
}

function build(): { regions: Region[] } {
  const sido = buildSido();
  const byCode = new Map<string, Region>(sido.map((r) => [r.code, r]));
  for (const region of buildMunicipal(byCode)) byCode.set(region.code, region);
  addNewUnits(byCode);
  const regions = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const region of regions) if (region.level !== "sido") fillMunicipalAliases(region, byCode);
  addUnionAliases(byCode);
  checkTree(regions, byCode);
  checkEnglishNames(regions);
  return { regions };
}

/** One region per line keeps diffs of the committed file readable. */
function render(regions: Region[]): string {
  const lines = (items: unknown[]) =>
    items.map((item) => `    ${JSON.stringify(item)}`).join(",\n");
  const formerParents = Object.entries(FORMER_PARENTS).map(([code, parents]) => ({
    code,
    parents,
  }));
  return [
    "{",
    `  "header": ${JSON.stringify(HEADER, null, 2).replace(/\n/g, "\n  ")},`,
    `  "regions": [\n${lines(regions)}\n  ],`,
    `  "unions": [\n${lines(UNIONS)}\n  ],`,
    `  "formerParents": [\n${lines(formerParents)}\n  ],`,
    `  "formerRegions": [\n${lines(FORMER_REGIONS)}\n  ]`,
    "}",
    "",
  ].join("\n");
}

const { regions } = build();
writeFileSync(OUTPUT, render(regions));
console.log(`wrote ${regions.length} regions to ${OUTPUT.pathname}`);
