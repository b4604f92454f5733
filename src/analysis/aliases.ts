import { z } from "zod";
import { allRegions } from "../data/gazetteer.ts";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";

/**
 * Names that mean the same thing but share no characters, so neither stems nor bigrams can
 * bridge them: agency abbreviations (lexicons/name-aliases.json) and region name variants (the
 * gazetteer). Every form of a group is emitted for every other, so a query in any form finds text
 * in any form.
 */
const NameAliasesFile = dataFile({ groups: z.array(z.array(z.string().min(1)).min(2)) });

const names = loadDataFile(
  new URL("./lexicons/name-aliases.json", import.meta.url),
  NameAliasesFile,
);

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
  for (const group of names.groups) addGroup(map, group);
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
