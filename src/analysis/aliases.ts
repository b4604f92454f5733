import { allRegions } from "../data/gazetteer.ts";
import {
  familyForms,
  familyRegions,
  formsOf,
  GOVERNMENT_BODIES,
  LATIN_EQUIVALENTS,
  memberForms,
  ORGANISATION_FAMILIES,
  SUPPORT_AGENCIES,
} from "./organisations.ts";

/**
 * Names that mean the same thing but share no characters, so neither stems nor bigrams can
 * bridge them: government bodies and support agencies with their short forms, acronyms and former
 * names; each regional organisation (경기테크노파크 = 경기TP); Korean–Latin equivalences
 * (인공지능 = AI); region name variants (the gazetteer). Every form of a group is emitted for
 * every other, so a query in any form finds text in any form. The lists are data (organisations.ts).
 */
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
  for (const org of [...GOVERNMENT_BODIES, ...SUPPORT_AGENCIES]) addGroup(map, formsOf(org));
  for (const family of ORGANISATION_FAMILIES) {
    addGroup(map, familyForms(family));
    for (const region of familyRegions(family)) addGroup(map, memberForms(family, region));
  }
  for (const { korean, latin } of LATIN_EQUIVALENTS) addGroup(map, [...korean, ...latin]);
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
