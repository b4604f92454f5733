import { z } from "zod";
import { stripParticles } from "../analysis/particles.ts";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";
import { CATEGORIES } from "../extract/category-lexicon.ts";
import type { EventKind } from "../types.ts";
import { englishEntry, type GlossaryEntry, TOPIC_GLOSSARY, toGlossaryEntry } from "./glossary.ts";

/**
 * What question words mean, kept as data. A concept carries the category it filters on, the
 * event kind it asks about (if any) and the Korean words it searches for: "tariff" searches 관세.
 */
export interface Concept {
  /** The category it filters on, or null for a plain translation (small business → 소상공인). */
  category: string | null;
  eventKind: EventKind | null;
  /** Korean terms to rank by when the user's word is not itself in the articles' language. */
  korean: string[];
}

const EVENT_KINDS = ["seminar", "course", "ceremony", "meeting", "fair", "other"] as const;

const QuestionWordsFile = dataFile({
  english: z.array(englishEntry),
  koreanSynonyms: z.strictObject({
    note: z.string().optional(),
    groups: z.array(z.array(z.string().min(1)).min(2)),
  }),
  koreanSpecific: z.strictObject({
    note: z.string().optional(),
    words: z.record(
      z.string(),
      z.strictObject({ category: z.string().nullable(), korean: z.array(z.string().min(1)) }),
    ),
  }),
  eventKindOfCategory: z.record(z.string(), z.enum(EVENT_KINDS)),
});

/**
 * The question vocabulary (lexicons/question-words.json): the core English table (types, calls,
 * money, trade) and Korean synonyms. How a question is shaped (question words, fillers, deadline
 * and time words) is in lexicons/question-shape.json (question-shape.ts).
 */
const file = loadDataFile(
  new URL("./lexicons/question-words.json", import.meta.url),
  QuestionWordsFile,
);

/** Every English word or phrase jiwon understands: the core table, then the topic glossary. */
export const ENGLISH: readonly GlossaryEntry[] = [
  ...file.english.map(toGlossaryEntry),
  ...TOPIC_GLOSSARY,
];

const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map(
  file.koreanSynonyms.groups.flatMap((group) =>
    group.map((word) => [word, group.filter((other) => other !== word)] as const),
  ),
);

/** Other Korean words for the same thing (none for most words). */
export function synonymsOf(word: string): readonly string[] {
  return SYNONYMS.get(word) ?? [];
}

function buildConcepts(): Map<string, Concept> {
  const concepts = new Map<string, Concept>();
  const eventKind = (category: string | null) =>
    category ? (file.eventKindOfCategory[category] ?? null) : null;
  for (const category of CATEGORIES) {
    for (const word of category.queryWords) {
      concepts.set(word, {
        category: category.id,
        eventKind: eventKind(category.id),
        korean: [word],
      });
    }
  }
  for (const [words, category, korean] of ENGLISH) {
    for (const word of words)
      concepts.set(word, { category, eventKind: eventKind(category), korean });
  }
  for (const [word, specific] of Object.entries(file.koreanSpecific.words))
    concepts.set(word, { ...specific, eventKind: eventKind(specific.category) });
  return concepts;
}

export const CONCEPTS: ReadonlyMap<string, Concept> = buildConcepts();

/** True for a word that asks for a kind of event (설명회, 세미나를, seminars, 교육, trade show). */
export function namesEventKind(word: string): boolean {
  const lower = word.toLowerCase();
  const meaning = CONCEPTS.get(lower) ?? CONCEPTS.get(stripParticles(lower));
  return (meaning?.eventKind ?? null) !== null;
}
