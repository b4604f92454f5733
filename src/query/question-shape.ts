/**
 * The shape of a question, as opposed to its topic, loaded from lexicons/question-shape.json:
 * question words (언제야, 어디서, when), fillers (알려줘, 뭐 있어, please), conversational
 * endings cut from content words (창업하려면 → 창업), deadline words, "open now" phrases and the
 * explicit time words. Question words ask for a fact about the answers and never filter; only
 * time words restrict time.
 */
import { z } from "zod";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";

export type Asks = "when" | "where" | "what";

const word = z.string().min(1);
const wordList = z.array(word).min(1);
const question = z.strictObject({
  stems: z.array(word).min(1),
  words: z.array(word),
  searched: z.array(word),
});
const TIME_KINDS = [
  "closingSoon",
  "today",
  "tomorrow",
  "thisWeek",
  "nextWeek",
  "thisMonth",
  "nextMonth",
  "upcoming",
] as const;
export type TimeWordKind = (typeof TIME_KINDS)[number];

const schema = dataFile({
  questions: z.strictObject({ when: question, where: question, what: question }),
  questionEndings: z.array(z.string()).min(1),
  fillers: z.strictObject({ note: z.string(), words: wordList }),
  conversationalEndings: z.strictObject({ note: z.string(), endings: wordList }),
  deadlineWords: z.strictObject({ note: z.string(), words: wordList }),
  openNow: z.strictObject({ note: z.string(), phrases: wordList }),
  timeWords: z.strictObject({
    note: z.string(),
    closingSoon: wordList,
    today: wordList,
    tomorrow: wordList,
    thisWeek: wordList,
    nextWeek: wordList,
    thisMonth: wordList,
    nextMonth: wordList,
    upcoming: wordList,
  }),
});

const data = loadDataFile(new URL("./lexicons/question-shape.json", import.meta.url), schema);

/** Phrases are compared without spaces ("다음 주" = "다음주"), lower-cased. */
export function phraseKey(phrase: string): string {
  return phrase.toLowerCase().replace(/\s+/g, "");
}

/** Every question word: a stem with each ending (언제 + 야), and the whole words (when, 일정). */
const QUESTIONS = new Map<string, { asks: Asks; searched: boolean }>();
for (const asks of ["when", "where", "what"] as const) {
  const { stems, words, searched } = data.questions[asks];
  for (const stem of stems)
    for (const ending of data.questionEndings)
      QUESTIONS.set(`${stem}${ending}`, { asks, searched: false });
  for (const w of words) QUESTIONS.set(w.toLowerCase(), { asks, searched: false });
  for (const w of searched) QUESTIONS.set(w.toLowerCase(), { asks, searched: true });
}

/** What a question word asks, and whether it is still searched (일정 is, 언제 is not). */
export function questionWord(lower: string): { asks: Asks; searched: boolean } | null {
  return QUESTIONS.get(lower) ?? null;
}

const FILLERS = new Set(data.fillers.words.map((w) => w.toLowerCase()));

/** A word that shapes a question and names no topic (알려줘, 있어, please). */
export function isFiller(lower: string): boolean {
  return FILLERS.has(lower);
}

const DEADLINE_WORDS = new Set(data.deadlineWords.words.map((w) => w.toLowerCase()));

/** A word that asks for application deadlines. */
export function isDeadlineWord(lower: string): boolean {
  return DEADLINE_WORDS.has(lower);
}

/** Syllables a content word keeps when a conversational ending is cut (할 in 역할 stays). */
export const MIN_CONTENT_SYLLABLES = 2;
const ENDINGS = [...new Set(data.conversationalEndings.endings)].sort(
  (a, b) => b.length - a.length,
);

/** The word without its longest conversational ending (창업하려면 → 창업), or the word itself. */
export function withoutConversationalEnding(text: string): string {
  if (!/^[가-힣]+$/.test(text)) return text;
  for (const ending of ENDINGS) {
    if (text.length - ending.length >= MIN_CONTENT_SYLLABLES && text.endsWith(ending))
      return text.slice(0, text.length - ending.length);
  }
  return text;
}

const OPEN_NOW = new Set(data.openNow.phrases.map(phraseKey));
const OPEN_NOW_TOKENS = Math.max(...data.openNow.phrases.map((p) => p.split(/\s+/).length)) + 1;

/**
 * How many of the words from `start` say "open now" (접수 중인, 마감 안 된, open for
 * applications), the longest match; 0 when they do not. Spacing does not matter (접수중인).
 */
export function openNowLength(words: readonly string[], start: number): number {
  for (let length = Math.min(OPEN_NOW_TOKENS, words.length - start); length >= 1; length--) {
    if (OPEN_NOW.has(phraseKey(words.slice(start, start + length).join("")))) return length;
  }
  return 0;
}

const TIME_WORDS = new Map<string, TimeWordKind>();
for (const kind of TIME_KINDS) {
  for (const phrase of data.timeWords[kind]) TIME_WORDS.set(phraseKey(phrase), kind);
}

/** Which explicit time word a phrase is ("이번 주", "이번주", "this week"), or null. */
export function timeWordKind(phrase: string): TimeWordKind | null {
  return TIME_WORDS.get(phraseKey(phrase)) ?? null;
}
