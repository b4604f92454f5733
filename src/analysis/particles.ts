/**
 * Particles (조사) and the predicate endings that follow Korean content words in news text, loaded
 * from lexicons/particles.json: the project's one particle list. Stripping the longest one gives a
 * stem that matches the bare word (설명회를 → 설명회, 개최한다고 → 개최); the region reader asks
 * which of them may follow a place name (고양시는, 평택에서). The file's notes say what each list
 * holds and why the two users differ.
 */
import { z } from "zod";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";

const wordList = z
  .array(z.string().regex(/^[가-힣]+$/, "Hangul syllables only"))
  .min(1)
  .refine((list) => new Set(list).size === list.length, { message: "a word is listed twice" });
const noted = z.strictObject({ note: z.string().min(1), words: wordList });

/** The particle file's schema (exported for its tests). */
export const PARTICLES_SCHEMA = dataFile({
  particles: noted,
  notStripped: noted,
  notAfterPlaces: noted,
  endings: noted,
  joining: noted,
}).superRefine((data, ctx) => {
  const particles = new Set(data.particles.words);
  const outside = (list: "notStripped" | "notAfterPlaces" | "joining", words: string[]) => {
    for (const word of words.filter((w) => !particles.has(w))) {
      ctx.addIssue({ code: "custom", path: [list], message: `${word} is not among the particles` });
    }
  };
  outside("notStripped", data.notStripped.words);
  outside("notAfterPlaces", data.notAfterPlaces.words);
  const afterPlaces = new Set(data.notAfterPlaces.words);
  outside("joining", data.joining.words);
  for (const word of data.joining.words.filter((w) => afterPlaces.has(w))) {
    ctx.addIssue({ code: "custom", path: ["joining"], message: `${word} never follows a place` });
  }
  for (const word of data.endings.words.filter((w) => particles.has(w))) {
    ctx.addIssue({ code: "custom", path: ["endings"], message: `${word} is a particle too` });
  }
});

const lexicon = loadDataFile(
  new URL("./lexicons/particles.json", import.meta.url),
  PARTICLES_SCHEMA,
);

const without = (words: string[], left: string[]): string[] =>
  words.filter((word) => !left.includes(word));

/** What the stemmer strips: particles and endings. */
const SUFFIXES = [
  ...without(lexicon.particles.words, lexicon.notStripped.words),
  ...lexicon.endings.words,
];

/** Particles and copulas a place name takes (no verb endings: 용인된, 강화하는 are verbs). */
export const PLACE_PARTICLES: ReadonlySet<string> = new Set(
  without(lexicon.particles.words, lexicon.notAfterPlaces.words),
);

/** Particles that join two names in a list: 서울과 경기, 광주나 전남. */
export const JOINING_PARTICLES: ReadonlySet<string> = new Set(lexicon.joining.words);

const BY_LENGTH: Set<string>[] = [];
for (const suffix of SUFFIXES) {
  const sameLength = BY_LENGTH[suffix.length] ?? new Set<string>();
  sameLength.add(suffix);
  BY_LENGTH[suffix.length] = sameLength;
}
const MAX_SUFFIX = BY_LENGTH.length - 1;

/** Minimum syllables a stem must keep: one-syllable stems (회의 → 회) match far too much. */
export const MIN_STEM_SYLLABLES = 2;

/** The word without its longest trailing particle or ending, or the word itself. */
export function stripParticles(word: string): string {
  for (let len = Math.min(MAX_SUFFIX, word.length - MIN_STEM_SYLLABLES); len >= 1; len--) {
    if (BY_LENGTH[len]?.has(word.slice(word.length - len))) return word.slice(0, word.length - len);
  }
  return word;
}
