import { allRegions } from "../extract/gazetteer.ts";

/**
 * Names that mean the same thing but share no characters, so neither stems nor bigrams can
 * bridge them: agency abbreviations and region name variants. Every form of a group is emitted
 * for every other, so a query in any form finds text in any form. Kept as data.
 */
const AGENCY_GROUPS: string[][] = [
  ["중진공", "중소벤처기업진흥공단", "중소기업진흥공단"],
  ["중기부", "중소벤처기업부", "중소기업벤처부"],
  ["과기정통부", "과학기술정보통신부", "과기부"],
  ["소진공", "소상공인시장진흥공단", "소상공인진흥공단"],
  ["산업부", "산업통상자원부", "산자부"],
  ["고용부", "고용노동부", "노동부"],
  ["기재부", "기획재정부"],
  ["행안부", "행정안전부"],
  ["농식품부", "농림축산식품부"],
  ["문체부", "문화체육관광부"],
  ["국토부", "국토교통부"],
  ["복지부", "보건복지부", "복지부"],
  ["해수부", "해양수산부"],
  ["코트라", "kotra", "대한무역투자진흥공사"],
  ["무역협회", "한국무역협회", "kita"],
  ["신보", "신용보증기금"],
  ["기보", "기술보증기금"],
  ["창진원", "창업진흥원"],
  ["중기중앙회", "중소기업중앙회"],
  ["정보통신산업진흥원", "nipa"],
  ["한국산업기술진흥원", "kiat", "산기진"],
  ["중소기업기술정보진흥원", "tipa", "기정원"],
  ["한국콘텐츠진흥원", "콘진원", "kocca"],
  ["무보", "한국무역보험공사", "k-sure", "ksure"],
  ["테크노파크", "tp"],
  ["성남산업진흥원", "snip"],
  ["fta", "자유무역협정"],
  ["mou", "업무협약", "협약"],
];

let table: Map<string, readonly string[]> | null = null;

function addGroup(map: Map<string, string[]>, forms: string[]): void {
  const group = [...new Set(forms.map((f) => f.normalize("NFKC").toLowerCase()))];
  for (const form of group) {
    const existing = map.get(form) ?? [];
    for (const other of group)
      if (other !== form && !existing.includes(other)) existing.push(other);
    map.set(form, existing);
  }
}

function buildTable(): Map<string, readonly string[]> {
  const map = new Map<string, string[]>();
  for (const group of AGENCY_GROUPS) addGroup(map, group);
  // 고양 / 고양시 / 고양특례시: every Korean form of a region is an alias of the others. Forms shared
  // by several regions (중구, 광주) are still fine here: this widens matching, it does not resolve.
  for (const region of allRegions()) {
    addGroup(
      map,
      [region.name, region.shortName, ...region.koreanAliases].filter((f) => f.length >= 2),
    );
  }
  return map;
}

/** Other forms of the same name (lower-case NFKC), or an empty list. */
export function aliasesOf(term: string): readonly string[] {
  table ??= buildTable();
  return table.get(term) ?? [];
}
