import {
  formsOf,
  GOVERNMENT_BODIES,
  ORGANISATION_FAMILIES,
  type Organisation,
  type OrganisationFamily,
  SUPPORT_AGENCIES,
} from "../analysis/organisations.ts";
import { stripParticles } from "../analysis/particles.ts";
import { lookupRegionName, type Region } from "../data/gazetteer.ts";

/**
 * Organisations named in a question: "Small Enterprise and Market Service", "Ministry of SMEs and
 * Startups", "Daegu Technopark", "경기 TP", "충북창조경제혁신센터에서". Single-word names and
 * acronyms (중진공, KOTRA, 경기TP as text) need nothing here: they are aliases of every form in
 * the analysis (src/analysis/aliases.ts). This reads what the aliases cannot: English names of
 * several words, and a region with a family name, whose region is a hint.
 *
 * A region inside an organisation's name ranks, it never filters: a national notice that names
 * 대구테크노파크 among its operators is tagged with no region or another one, and must still be
 * found. The caller adds the region's names as one more concept of the question, which an article
 * naming the organisation covers by the name itself.
 */
export interface NamedOrganisation {
  /** How many words of the question name it. */
  length: number;
  /** Korean names to search, the usual one first (aliases add the other forms). */
  korean: string[];
  /** Korean names of the region in the name (대구, 대구광역시), empty without one. */
  regionForms: string[];
}

/** Word key shared by names and questions: lower case, & as "and", punctuation dropped. */
function wordKey(word: string): string {
  const lower = word.normalize("NFKC").toLowerCase();
  return lower === "&" ? "and" : lower.replace(/[^\p{L}\p{N}&]/gu, "");
}

const phraseKeys = (phrase: string): string[] =>
  phrase
    .replace(/&/g, " & ")
    .split(/\s+/)
    .map(wordKey)
    .filter((k) => k.length > 0);

interface Phrase {
  keys: string[];
  korean: string[];
}

const LEADING_OPTIONAL = new Set(["the", "korea", "korean", "national"]);

function buildPhrases(): Map<string, Phrase[]> {
  const phrases: Phrase[] = [];
  const add = (english: string, korean: string[]) => {
    const keys = phraseKeys(english);
    if (keys.length < 2) return;
    phrases.push({ keys, korean });
    // Users drop "Korea" and "the" (Creative Content Agency, Ministry …).
    if (LEADING_OPTIONAL.has(keys[0] as string) && keys.length > 2)
      phrases.push({ keys: keys.slice(1), korean });
  };
  for (const org of [...GOVERNMENT_BODIES, ...SUPPORT_AGENCIES])
    for (const english of org.english) add(english, [org.name, ...org.short]);
  for (const family of ORGANISATION_FAMILIES)
    for (const english of family.english) add(english, family.korean);
  const byFirst = new Map<string, Phrase[]>();
  for (const phrase of phrases) {
    const first = phrase.keys[0] as string;
    byFirst.set(first, [...(byFirst.get(first) ?? []), phrase]);
  }
  return byFirst;
}

let phrasesByFirst: Map<string, Phrase[]> | null = null;

const startsWith = (words: readonly string[], at: number, keys: readonly string[]): boolean =>
  keys.every((key, k) => words[at + k] === key);

function longestPhrase(words: readonly string[], at: number): Phrase | null {
  phrasesByFirst ??= buildPhrases();
  let best: Phrase | null = null;
  for (const phrase of phrasesByFirst.get(words[at] ?? "") ?? []) {
    if (startsWith(words, at, phrase.keys) && phrase.keys.length > (best?.keys.length ?? 0))
      best = phrase;
  }
  return best;
}

const inFamily = (family: OrganisationFamily, regions: Region[]): Region[] =>
  regions.filter((r) => (family.levels as string[]).includes(r.level));

function member(family: OrganisationFamily, regions: Region[], length: number): NamedOrganisation {
  return {
    length,
    korean: [...new Set(regions.map((r) => `${r.shortName}${family.korean[0]}`))],
    regionForms: [...new Set(regions.flatMap((r) => [r.shortName, r.name]))],
  };
}

/**
 * The words after a region that name a family: its English forms, Korean suffixes, Latin short
 * forms. Worked out once: a question reads them at every region word it has.
 */
const familyTails: (family: OrganisationFamily) => string[][] = (() => {
  const tails = new Map<OrganisationFamily, string[][]>();
  return (family) => {
    let keys = tails.get(family);
    if (keys === undefined) {
      const forms = [...family.english, ...family.korean, ...family.regionalShort, ...family.latin];
      keys = forms.map(phraseKeys);
      tails.set(family, keys);
    }
    return keys;
  };
})();

/** "Daegu Technopark", "goyang si chamber of commerce", "경기 TP", "충북 창조경제혁신센터". */
function regionThenFamily(words: readonly string[], at: number): NamedOrganisation | null {
  for (const regionLength of [2, 1]) {
    const name = words.slice(at, at + regionLength);
    if (name.length < regionLength) continue;
    const regions = lookupRegionName(name.join(" "));
    if (regions.length === 0) continue;
    let found: NamedOrganisation | null = null;
    for (const family of ORGANISATION_FAMILIES) {
      const members = inFamily(family, regions);
      if (members.length === 0) continue;
      for (const tail of familyTails(family)) {
        const length = regionLength + tail.length;
        const last = words[at + length - 1];
        const fits =
          startsWith(words, at + regionLength, tail.slice(0, -1)) &&
          last !== undefined &&
          (last === tail.at(-1) || stripParticles(last) === tail.at(-1));
        if (fits && length > (found?.length ?? 0)) found = member(family, members, length);
      }
    }
    if (found) return found;
  }
  return null;
}

/** 경기tp, 대구테크노파크에서, 충북창조경제혁신센터: a region and a family name in one word. */
function regionFamilyWord(word: string): NamedOrganisation | null {
  const stem = stripParticles(word);
  for (const candidate of stem === word ? [word] : [word, stem]) {
    for (const family of ORGANISATION_FAMILIES) {
      for (const suffix of [...family.korean, ...family.regionalShort, ...family.latin]) {
        const lower = suffix.toLowerCase();
        if (!candidate.endsWith(lower) || candidate.length === lower.length) continue;
        const members = inFamily(family, lookupRegionName(candidate.slice(0, -lower.length)));
        if (members.length > 0) return member(family, members, 1);
      }
    }
  }
  return null;
}

/**
 * A reader of the organisations a question's words (lower-cased as typed) name: `at` gives the
 * one named from word `at`, or null. The longest reading wins: "chamber of commerce" over
 * "chamber". The words' keys are worked out once for all positions.
 */
export function organisationsIn(
  words: readonly string[],
): (at: number) => NamedOrganisation | null {
  const keys = words.map(wordKey);
  return (at) => organisationAt(words, keys, at);
}

function organisationAt(
  words: readonly string[],
  keys: readonly string[],
  at: number,
): NamedOrganisation | null {
  const byRegion = regionThenFamily(keys, at);
  if (byRegion) return byRegion;
  const phrase = longestPhrase(keys, at);
  if (phrase) return { length: phrase.keys.length, korean: phrase.korean, regionForms: [] };
  const first = words[at];
  if (first === undefined) return null;
  if (/[가-힣]/.test(first)) return regionFamilyWord(wordKey(first));
  const org = BY_ACRONYM.get(wordKey(first));
  return org ? { length: 1, korean: [org.name, ...org.short, first], regionForms: [] } : null;
}

/** KOTRA, SEMAS, MSIT: the acronym as typed is searched too, beside the Korean names. */
const BY_ACRONYM: ReadonlyMap<string, Organisation> = new Map(
  [...GOVERNMENT_BODIES, ...SUPPORT_AGENCIES].flatMap((org) =>
    org.latin.map((latin) => [wordKey(latin), org] as const),
  ),
);

/** Every Korean and Latin form of the bodies and agencies (for tests and checks). */
export const ORGANISATION_FORMS: readonly string[][] = [
  ...GOVERNMENT_BODIES,
  ...SUPPORT_AGENCIES,
].map(formsOf);
