import { z } from "zod";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";

/**
<<<<<<< HEAD
 * The topic glossary: English words and phrases → category (rarely) → the Korean words to search.
 *
 * How it was derived: the Hangul words of every article title in ../shared/corpus (with the seed
 * articles of index-data/), tokenised with `analyze` (src/analysis/tokenize.ts), were counted by
 * document frequency over titles, with the most frequent two-word title phrases alongside. From
 * the top of that list (about the first 1,500 words, down to a title frequency of 2–3) the TOPIC
 * words were kept — industries, technologies, programme types, target groups, policy areas,
 * foreign markets — and checked to be used in article bodies too. Generic words (지원, 사업, 모집,
 * 공고, 기업…), Korean region names (the gazetteer handles them) and agency names were left out,
 * as were words the corpus rarely uses. No query set was consulted.
 *
 * Each Korean word gets the English a user would type for it: singular and plural, spelling
 * variants, one- and two-word phrases (parse.ts matches phrases as word pairs only, so longer
 * phrases are not listed). Words that articles themselves write in Latin letters (AI, ESG, IoT,
 * IP, DX, PoC, FTA, MICE, TIPS…) are absent: they search as typed. A category is given only
 * where the English clearly asks for that type (a loan, a trade mission, a trade-fair pavilion);
 * most topic words have none. English words here must not be fillers or question words
 * (question-shape.json), must not be defined in
 * lexicon.ts's core table too (tests/glossary.test.ts checks both), and must not be region or
 * time words (those are read first and would never reach the glossary).
=======
 * The topic glossary (lexicons/glossary.json): English words and phrases → category (rarely) →
 * the Korean words to search, derived from the corpus's titles; how is in the file's `source`.
>>>>>>> main
 */
export type GlossaryEntry = [words: string[], category: string | null, korean: string[]];

/** One English entry of a lexicon: the words a user may type, its category, the Korean to search. */
export const englishEntry = z.strictObject({
  note: z.string().optional(),
  english: z.array(z.string().min(1)).min(1),
  category: z.string().min(1).nullable(),
  korean: z.array(z.string().min(1)).min(1),
});

export const toGlossaryEntry = (entry: z.infer<typeof englishEntry>): GlossaryEntry => [
  entry.english,
  entry.category,
  entry.korean,
];

const GlossaryFile = dataFile({
  sections: z.array(z.strictObject({ title: z.string(), entries: z.array(englishEntry) })),
});

const file = loadDataFile(new URL("./lexicons/glossary.json", import.meta.url), GlossaryFile);

export const TOPIC_GLOSSARY: readonly GlossaryEntry[] = file.sections.flatMap((section) =>
  section.entries.map(toGlossaryEntry),
);
