/**
 * The region gazetteer: Korea's 시·도, 시·군·구 and 일반구 as of 2026-11-28, loaded from the
 * committed gazetteer.generated.json (built by scripts/build-gazetteer.ts from KOSTAT data under
 * KOGL Type 1; the attribution is in the file's header).
 *
 * Codes are KOSTAT census codes (2 digits for a 시·도, 5 below). A city split into 일반구 has the
 * code of its 일반구 with the last digit 0 (고양시 31100 over 31101/31103/31104); units created
 * after 2018 have project-assigned codes listed in the file's header. A code never changes meaning.
 */
import { readFileSync } from "node:fs";

/** 시·도; 시·군·구 (including the autonomous 구 of the 광역시); 일반구 of a large 시. */
export type RegionLevel = "sido" | "sigungu" | "gu";

export interface Region {
  code: string;
  /** Current official name: 고양시, 경기도, 덕양구. */
  name: string;
  /** 경기도 고양시, 경기도 고양시 덕양구. */
  fullName: string;
  /** 고양, 경기, 덕양; names with a one-syllable stem keep their suffix (중구). */
  shortName: string;
  /** Goyang-si, Gyeonggi-do. */
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Every unambiguous Korean form, without spaces: 고양특례시, 고양, 고양시; 인천중구 for a former name. */
  koreanAliases: string[];
  /** Lower-case English forms: goyang, goyang-si, goyang si. */
  englishAliases: string[];
  /** Bare names the unit or part of it carried before (중구, 강원도); may be shared with other units. */
  formerNames: string[];
}

/** Names that cover several regions at once (a merged unit), not alternatives between them. */
export interface RegionUnion {
  names: string[];
  codes: string[];
  note: string;
}

interface GazetteerFile {
  regions: Region[];
  unions: RegionUnion[];
  formerParents: { code: string; parents: string[] }[];
}

const file = JSON.parse(
  readFileSync(new URL("./gazetteer.generated.json", import.meta.url), "utf8"),
) as GazetteerFile;

const REGIONS: readonly Region[] = Object.freeze(file.regions);
const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));
const CHILDREN = groupChildren(REGIONS);
const FORMER_PARENTS = new Map(file.formerParents.map((f) => [f.code, f.parents]));

function groupChildren(regions: readonly Region[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const region of regions) {
    if (region.parentCode === null) continue;
    const siblings = children.get(region.parentCode) ?? [];
    siblings.push(region.code);
    children.set(region.parentCode, siblings);
  }
  return children;
}

export function allRegions(): readonly Region[] {
  return REGIONS;
}

export function getRegion(code: string): Region | undefined {
  return BY_CODE.get(code);
}

export function regionUnions(): readonly RegionUnion[] {
  return file.unions;
}

/** 시·도 a unit belonged to before it moved (경북 for 대구 군위군), for reading older articles. */
export function formerParents(code: string): readonly string[] {
  return FORMER_PARENTS.get(code) ?? [];
}

/** Parent first, up to the 시·도. */
export function ancestors(code: string): string[] {
  const chain: string[] = [];
  for (
    let parent = BY_CODE.get(code)?.parentCode;
    parent;
    parent = BY_CODE.get(parent)?.parentCode
  ) {
    chain.push(parent);
  }
  return chain;
}

/** The codes plus all their ancestors, each once, in first-seen order. */
export function withAncestors(codes: string[]): string[] {
  const seen = new Set<string>();
  for (const code of codes) {
    seen.add(code);
    for (const ancestor of ancestors(code)) seen.add(ancestor);
  }
  return [...seen];
}

export function descendants(code: string): string[] {
  const found: string[] = [];
  const visit = (parent: string) => {
    for (const child of CHILDREN.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(code);
  return found;
}

const sidoOf = (region: Region): Region =>
  region.level === "sido" ? region : (BY_CODE.get(ancestors(region.code).at(-1) ?? "") ?? region);

/** 중구, 고성군, 경기 광주시: names that another region (not an ancestor) also answers to. */
const NEEDS_QUALIFIER = new Set(
  (() => {
    const holders = new Map<string, Set<string>>();
    for (const region of REGIONS) {
      for (const name of [region.name, region.shortName]) {
        const codes = holders.get(name) ?? new Set();
        codes.add(region.code);
        holders.set(name, codes);
      }
    }
    return REGIONS.filter((region) => {
      if (region.level !== "sigungu") return false;
      const own = new Set([region.code, ...ancestors(region.code)]);
      return [region.name, region.shortName].some((name) =>
        [...(holders.get(name) ?? [])].some((code) => !own.has(code)),
      );
    }).map((r) => r.code);
  })(),
);

/** 고양시 / Goyang-si; 고양시 덕양구 / Deogyang-gu, Goyang-si; 서울 중구 / Jung-gu, Seoul. */
export function regionLabel(code: string, locale: "ko" | "en"): string {
  const region = BY_CODE.get(code);
  if (!region) return code;
  const qualifier =
    region.level === "gu"
      ? BY_CODE.get(region.parentCode ?? "")
      : NEEDS_QUALIFIER.has(code)
        ? sidoOf(region)
        : undefined;
  if (!qualifier) return locale === "ko" ? region.name : region.nameEn;
  if (locale === "en") return `${region.nameEn}, ${qualifier.nameEn}`;
  const prefix = qualifier.level === "sido" ? qualifier.shortName : qualifier.name;
  return `${prefix} ${region.name}`;
}

const koreanKey = (name: string): string => name.normalize("NFC").replace(/\s+/g, "");
/** Goyang-si, goyang si, GOYANG SI and goyangsi are one key; diacritics of older romanisations drop. */
const englishKey = (name: string): string =>
  name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
const isLatin = (name: string): boolean => /[A-Za-z]/.test(name);

function buildIndex(): Map<string, Region[]> {
  const index = new Map<string, Region[]>();
  const add = (key: string, region: Region) => {
    if (!key) return;
    const list = index.get(key) ?? [];
    if (!list.includes(region)) list.push(region);
    index.set(key, list);
  };
  for (const region of REGIONS) {
    for (const form of [region.name, region.fullName, ...region.koreanAliases])
      add(koreanKey(form), region);
    for (const form of [region.nameEn, ...region.englishAliases]) add(englishKey(form), region);
  }
  return index;
}

const NAME_INDEX = buildIndex();

function exactLookup(name: string): Region[] {
  const key = isLatin(name) ? englishKey(name) : koreanKey(name);
  return [...(NAME_INDEX.get(key) ?? [])];
}

const isWithin = (region: Region, container: Region): boolean =>
  ancestors(region.code).includes(container.code) ||
  formerParents(region.code).includes(container.code);

/** "서울 중구", "경기 광주", "Jung-gu, Seoul": one part names the place, every other part encloses it. */
function compoundLookup(name: string): Region[] {
  const parts = name.split(/[\s,]+/).filter((p) => p.length > 0);
  if (parts.length < 2) return [];
  const candidates = parts.map(exactLookup);
  if (candidates.some((c) => c.length === 0)) return [];
  const found = new Set<Region>();
  candidates.forEach((own, i) => {
    for (const region of own) {
      const enclosed = candidates.every(
        (other, j) => j === i || other.some((container) => isWithin(region, container)),
      );
      if (enclosed) found.add(region);
    }
  });
  return [...found];
}

/**
 * Exact lookup of a name a user or article may use: Korean with or without suffix (고양, 고양시,
 * 고양특례시, 경기, 경기도, 충북, 충청북도), English or romanised in any case, with or without
 * hyphen/space/suffix (Goyang, goyang-si, goyang si, Gyeonggi, Seoul), or a place with its
 * enclosing region (서울 중구, Jung-gu, Seoul). Returns every candidate region (several for
 * ambiguous names like 광주, 중구, 고성). No particle stripping here.
 */
export function lookupRegionName(name: string): Region[] {
  const trimmed = name.trim();
  if (!trimmed) return [];
  const exact = exactLookup(trimmed);
  return exact.length > 0 ? exact : compoundLookup(trimmed);
}

/**
 * The regions a region filter names: a code (41, 31100) as picked from autocomplete, or a name as
 * typed (고양, Goyang, 광주: every region of that name); none when the gazetteer knows neither.
 * The one reading of a filter value: the command's check, the codes the domain filters on and a
 * reply's label all go through it. Page ids, subscriptions and alerts keep the value as the member
 * gave it and it is read here when used, so one saved before a change of the gazetteer (군위군
 * moved from 경상북도 to 대구 in 2023) names today's regions.
 */
export function regionsOfFilter(value: string): Region[] {
  const text = value.trim();
  const byCode = getRegion(text);
  return byCode ? [byCode] : lookupRegionName(text);
}
