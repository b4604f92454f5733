import { z } from "zod";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";

/**
 * The topic glossary (lexicons/glossary.json): English words and phrases → category (rarely) →
 * the Korean words to search, derived from the corpus's titles; how is in the file's `source`.
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
