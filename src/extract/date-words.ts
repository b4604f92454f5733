/**
 * The word lists behind the Korean date reader (src/extract/dates.ts), loaded from
 * lexicons/date-words.json, and the look-arounds built from them. The grammar stays in code
 * (date-patterns.ts, dates.ts); which words move a date and which veto one is data.
 */
import { z } from "zod";
import { escapeRegExp } from "../analysis/escape-regexp.ts";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";

/** Whether the writer points forward or backward from the publication date. */
export type Direction = "forward" | "backward";

/**
 * Relative day and period words, resolved against the publication date. `days` is an offset;
 * `week`/`month` select the whole calendar week (Monday–Sunday) or month, offset by the count.
 */
export type RelativeWord =
  | { unit: "day"; offset: number }
  | { unit: "week"; offset: number }
  | { unit: "month"; offset: number };

const word = z.string().min(1);
const wordList = z.array(word).min(1);
const notedList = z.strictObject({ note: z.string(), words: wordList });

const schema = dataFile({
  weekdays: z.record(word, z.number().int().min(0).max(6)),
  directions: z.record(word, z.enum(["forward", "backward"])),
  years: z.record(word, z.number().int()),
  previousYears: z.record(word, z.number().int()),
  months: z.record(word, z.number().int()),
  relative: z.record(
    word,
    z.strictObject({ unit: z.enum(["day", "week", "month"]), offset: z.number().int() }),
  ),
  monthParts: z.record(
    word,
    z.strictObject({
      start: z.number().int().min(0).max(31),
      end: z.number().int().min(0).max(31),
    }),
  ),
  sameDay: notedList,
  releaseWords: notedList,
  wordFollowers: notedList,
  numberUnits: notedList,
  bareDay: z.strictObject({
    note: z.string(),
    countWordsBefore: notedList,
    durationWordsAfter: notedList,
    unitSyllablesAfter: z.strictObject({ note: z.string(), words: wordList, particles: wordList }),
    followers: notedList,
  }),
});

const data = loadDataFile(new URL("./lexicons/date-words.json", import.meta.url), schema);

/** Weekday syllable as written in "(화)" → 0 = Sunday … 6 = Saturday (as `calendar.weekday`). */
export const WEEKDAY_INDEX: Readonly<Record<string, number>> = data.weekdays;

/** Words directly before a date that fix its direction ("오는 15일", "지난 8일"). */
export const DIRECTION_WORDS: Readonly<Record<string, Direction>> = data.directions;

/** Words directly before a month-day that name its year relative to publication. */
export const YEAR_WORDS: Readonly<Record<string, number>> = data.years;

/**
 * Words before a month-day that name its year relative to the year last written before it:
 * "2013년 3월 … 같은 해 9월 9일", "이듬해 2월".
 */
export const PREVIOUS_YEAR_WORDS: Readonly<Record<string, number>> = data.previousYears;

/** Words for "the day just named" ("이날"). */
export const SAME_DAY_WORDS: readonly string[] = data.sameDay.words;

/** Words after a date that make it the press release's own date ("1일 밝혔다"). */
export const RELEASE_WORDS: readonly string[] = data.releaseWords.words;

/** Units after a dotted range that make it numbers ("1.5~2배수"). */
export const NUMBER_UNITS: readonly string[] = data.numberUnits.words;

/** Words that name a month relative to publication ("이달 15일", "다음 달 초", "지난달 28일"). */
export const MONTH_WORDS: Readonly<Record<string, number>> = data.months;

export const RELATIVE_WORDS: Readonly<Record<string, RelativeWord>> = data.relative;

/**
 * Part of a month ("5월 초", "중순", "말", "말일", "중") → the day range it covers; 0 = the last
 * day of the month.
 */
export const MONTH_PARTS: Readonly<Record<string, { start: number; end: number }>> =
  data.monthParts;

const alternatives = (words: readonly string[]): string => words.map(escapeRegExp).join("|");

/**
 * What may follow a relative word or a month part for it to be a date and not the start of a
 * longer word (a look-ahead).
 */
export const WORD_END = `(?=$|[^가-힣]|${alternatives(data.wordFollowers.words)})`;

/** Words right before a bare day that make it a count or a recurring day rather than a date. */
export const BARE_DAY_BAD_BEFORE = new RegExp(
  `(?:^|[^가-힣])(?:${alternatives(data.bareDay.countWordsBefore.words)})\\s*$`,
);

/** Words right after "N일" that make it a duration or a count. */
export const BARE_DAY_BAD_AFTER = new RegExp(
  `^(?:${alternatives(data.bareDay.durationWordsAfter.words)}|(?:${alternatives(
    data.bareDay.unitSyllablesAfter.words,
  )})(?:${alternatives(data.bareDay.unitSyllablesAfter.particles)})?(?![가-힣]))`,
);

/** After "일" the next character must end the word (a particle is fine, "일자리" is not a date). */
export const BARE_DAY_WORD_END = new RegExp(
  `^(?:$|[^가-힣]|${alternatives(data.bareDay.followers.words)})`,
);
