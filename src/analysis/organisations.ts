/**
 * Organisations and Korean–Latin equivalences as data (lexicons/*.json): central government
 * bodies, support agencies, regional organisation families and the acronyms notices write in
 * place of Korean words. This module loads and validates them; aliases.ts turns them into alias
 * groups for every analysed text, src/query/organisations.ts reads English names in questions.
 */
import { z } from "zod";
import { allRegions, type Region, type RegionLevel } from "../data/gazetteer.ts";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";

const koreanForm = z.string().regex(/^\S+$/, "one word: an alias cannot bridge spaces");
const latinForm = z.string().regex(/^[A-Za-z0-9&+-]+$/, "Latin letters, digits, & + - only");

const organisation = z.strictObject({
  name: koreanForm,
  kind: z.enum(["부", "처", "청", "위원회", "실"]).optional(),
  /** Official and common Korean short forms. */
  short: z.array(koreanForm).default([]),
  /** English names as a user would type them, any case. */
  english: z.array(z.string().min(2)).default([]),
  /** Latin acronyms and short forms, written as single words. */
  latin: z.array(latinForm).default([]),
  /** Earlier names and their short forms: aliases of this body so older notices match. */
  former: z.array(z.string().min(2)).default([]),
  note: z.string().optional(),
  /** What the author is not sure of. */
  unsure: z.string().optional(),
});
export type Organisation = z.infer<typeof organisation>;

const family = z.strictObject({
  id: z.string().min(1),
  /** Suffixes that name a member after a region and the family itself (테크노파크). */
  korean: z.array(koreanForm).min(1),
  /** Short suffixes that name a member only after a region (경기신보; bare 신보 is another body). */
  regionalShort: z.array(koreanForm).default([]),
  latin: z.array(latinForm).default([]),
  english: z.array(z.string().min(2)).min(1),
  levels: z.array(z.enum(["sido", "sigungu"])).min(1),
  note: z.string().optional(),
  unsure: z.string().optional(),
});
export type OrganisationFamily = z.infer<typeof family>;

const equivalence = z.strictObject({
  korean: z.array(koreanForm).min(1),
  latin: z.array(latinForm),
  note: z.string().optional(),
});

const lexicon = (name: string) => new URL(`./lexicons/${name}`, import.meta.url);

export const GOVERNMENT_BODIES: readonly Organisation[] = loadDataFile(
  lexicon("government-bodies.json"),
  dataFile({ asOf: z.iso.date(), bodies: z.array(organisation) }),
).bodies;

export const SUPPORT_AGENCIES: readonly Organisation[] = loadDataFile(
  lexicon("support-agencies.json"),
  dataFile({ agencies: z.array(organisation) }),
).agencies;

export const ORGANISATION_FAMILIES: readonly OrganisationFamily[] = loadDataFile(
  lexicon("organisation-families.json"),
  dataFile({ families: z.array(family) }),
).families;

export const LATIN_EQUIVALENTS: readonly z.infer<typeof equivalence>[] = loadDataFile(
  lexicon("latin-equivalents.json"),
  dataFile({ equivalences: z.array(equivalence) }),
).equivalences;

/**
 * The Korean forms of a body or agency, which articles write as words: aliases of each other.
 * Its Latin acronyms are not: in notices they are mostly addresses (www.semas.or.kr,
 * kosmes.or.kr), and an alias would make every page with such a link "name" the agency (on the
 * judged set 소진공 지원사업 lost that way; bench/README.md). An acronym a user types is read as the
 * agency by src/query/organisations.ts.
 */
export function formsOf(org: Organisation): string[] {
  return [org.name, ...org.short, ...org.former];
}

/** A region's Korean forms that can stand before a family name: 경기, 경기도; 고양, 고양시, 고양특례시. */
export function regionPrefixes(region: Region): string[] {
  return [
    ...new Set(
      [region.shortName, region.name, ...region.koreanAliases].filter((f) => f.length >= 2),
    ),
  ];
}

/** The regions a family has members in. */
export function familyRegions(f: OrganisationFamily): Region[] {
  const levels = new Set<RegionLevel>(f.levels);
  return allRegions().filter((region) => levels.has(region.level));
}

/** One member's forms: every region prefix × every suffix and Latin short form (경기테크노파크, 경기TP). */
export function memberForms(f: OrganisationFamily, region: Region): string[] {
  const suffixes = [...f.korean, ...f.regionalShort, ...f.latin];
  return regionPrefixes(region).flatMap((prefix) => suffixes.map((suffix) => prefix + suffix));
}

/** The family's own forms, without a region (테크노파크, TP, technopark). */
export function familyForms(f: OrganisationFamily): string[] {
  return [...f.korean, ...f.latin, ...f.english.filter((e) => !/\s/.test(e))];
}
