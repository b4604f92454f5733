/**
 * The compiled regular expressions of the Korean date reader. One global expression finds the
 * first atom of every date expression; short sticky expressions then read what follows it
 * (weekday, time, range end, 까지/부터) at a known position, so no pattern ever backtracks over
 * the whole text. Every quantifier is bounded or separated by a literal, so none is catastrophic.
 */
import { escapeRegExp } from "../analysis/escape-regexp.ts";
import {
  DIRECTION_WORDS,
  MONTH_PARTS,
  MONTH_WORDS,
  NUMBER_UNITS,
  PREVIOUS_YEAR_WORDS,
  RELATIVE_WORDS,
  RELEASE_WORDS,
  SAME_DAY_WORDS,
  WEEKDAY_INDEX,
  WORD_END,
  YEAR_WORDS,
} from "./date-words.ts";

/** Horizontal whitespace only: a date never spans a line break. */
const H = "[^\\S\\r\\n]*";
const YEAR4 = "(?:19|20)\\d{2}";
const APOS = "['‘’`´]";
const TILDE = "[~∼～〜]";
/**
 * Words of the lexicon as one alternation, longest first ("초순" before "초"); a space in a word
 * matches `space` ("다음 주" matches "다음주" too).
 */
function wordsPattern(words: readonly string[], space: string): string {
  const bySquashed = new Map<string, string>();
  for (const w of words) {
    const squashed = w.replaceAll(" ", "");
    if (!bySquashed.has(squashed) || w.includes(" ")) bySquashed.set(squashed, w);
  }
  return [...bySquashed]
    .sort(([a], [b]) => b.length - a.length)
    .map(([, w]) => w.split(" ").map(escapeRegExp).join(space))
    .join("|");
}
const PART = `(?:${wordsPattern(Object.keys(MONTH_PARTS), H)})`;
const WEEKDAY_CLASS = `[${Object.keys(WEEKDAY_INDEX).join("")}]`;
const MONTH_WORD = wordsPattern(Object.keys(MONTH_WORDS), H);
const RELATIVE_WORD = wordsPattern(Object.keys(RELATIVE_WORDS), H);
const SAME_DAY_WORD = wordsPattern(SAME_DAY_WORDS, H);
/** First characters of the word atoms, for the leading class of ATOM_RE. */
const WORD_FIRST_CHARS = [
  ...new Set(
    [...Object.keys(RELATIVE_WORDS), ...Object.keys(MONTH_WORDS), ...SAME_DAY_WORDS].map(
      (w) => w[0],
    ),
  ),
].join("");
/** A trailing dot of "2026. 4. 30." belongs to the date unless it starts another number. */
const TRAIL_DOT = `(?:${H}\\.(?!\\d))?`;
const WEEKDAY_AHEAD = `(?=${H}\\\\?[(（]${H}${WEEKDAY_CLASS}${H}(?:요일)?${H}\\\\?[)）])`;

const ATOMS = [
  // 2026. 4. 30. / 2026-04-30 / 2026.04.30 / 2026/4/30 (same separator twice)
  `(?<![\\d.\\-/])(?<ymdY>${YEAR4})${H}(?<ymdS>[.\\-/])${H}(?<ymdM>\\d{1,2})${H}\\k<ymdS>${H}(?<ymdD>\\d{1,2})(?![\\d%])${TRAIL_DOT}`,
  // '26.4.30.
  `${APOS}(?<apY>\\d{2})${H}(?<apS>[.\\-/])${H}(?<apM>\\d{1,2})${H}\\k<apS>${H}(?<apD>\\d{1,2})(?![\\d%])${TRAIL_DOT}`,
  // 20260430: only 20xx with a real month and day, never inside a longer number or amount
  `(?<![\\d\\-.,/])(?<cpY>20\\d{2})(?<cpM>0[1-9]|1[0-2])(?<cpD>0[1-9]|[12]\\d|3[01])(?!\\d|[.,]\\d|%)`,
  // (2025년) 4월 30일; "4월 15" without 일 only counts when "~18일" follows (checked in code)
  `(?<![\\d.])(?:(?:(?<koY>${YEAR4})|${APOS}(?<koY2>\\d{2}))${H}년${H}(?:도${H})?)?(?<koM>\\d{1,2})${H}월${H}(?<koD>\\d{1,2})(?!\\d)(?<koIl>${H}일)?`,
  // (2025년) 5월 초 / 중순 / 말
  `(?<![\\d.])(?:(?<ptY>${YEAR4})${H}년${H})?(?<ptM>\\d{1,2})${H}월${H}(?<ptP>${PART})${WORD_END}`,
  // 이달 15일 / 다음 달 초 / 지난달 28일
  `(?<![가-힣])(?<mwW>${MONTH_WORD})${H}(?:(?<mwD>\\d{1,2})${H}일|(?<mwP>${PART})${WORD_END})`,
  // 4. 15.(화): a month-day without year is only trusted with its weekday
  `(?<![\\d.\\-/])(?<mdM>\\d{1,2})${H}[./]${H}(?<mdD>\\d{1,2})(?!\\d)${TRAIL_DOT}${WEEKDAY_AHEAD}`,
  // (~7.8): an open range's end, as in titles "모집 안내(~7.8)"
  `(?<![\\d.]${H})${TILDE}${H}(?<tlM>\\d{1,2})${H}[./]${H}(?<tlD>\\d{1,2})(?!\\d)${TRAIL_DOT}(?=${H}(?:$|[)）\\],\\s|]|까지))`,
  // 11. 30.까지: a dotted month-day with its trailing dot, closing something
  `(?<![\\d.\\-/])(?<ukM>\\d{1,2})${H}\\.${H}(?<ukD>\\d{1,2})${H}\\.(?=${H}까지)`,
  // 4.22~5.8: a dotted month-day range without weekdays, as schedule tables write it (vetted in code)
  `(?<![\\d.\\-/~∼～〜])(?<rdM>\\d{1,2})${H}\\.${H}(?<rdD>\\d{1,2})(?:${H}\\.)?(?=${H}${TILDE}${H}\\d{1,2}${H}\\.${H}\\d{1,2}(?!\\d))`,
  // 13일 / 15~18일 (bare start without 일 only when a day range follows)
  `(?<![\\d.\\-/:,])(?<bdD>\\d{1,2})(?:${H}(?<bdIl>일)|(?=${H}[~∼～〜\\-]${H}\\d{1,2}${H}일))`,
  // 오늘, 내일, 이번 주, 다음 달 …
  `(?<![가-힣])(?<rel>${RELATIVE_WORD})${WORD_END}`,
  // 이날: the day just named
  `(?<![가-힣])(?<same>${SAME_DAY_WORD})${WORD_END}`,
];

/**
 * Finds the first atom of each date expression. Global: always reset `lastIndex` before use.
 * The leading class lists every character an atom can start with, so the engine skips the
 * rest of the text without trying each alternative.
 */
export const ATOM_RE = new RegExp(
  `(?=[\\d'‘’\`´~∼～〜${WORD_FIRST_CHARS}])(?:${ATOMS.join("|")})`,
  "g",
);

/** "(화)", "(화요일)", "(목, 예정)", "\(목\)" from markdown, "(수).", "화요일". */
export const WEEKDAY_RE = new RegExp(
  `${H}(?:\\\\?[(（]${H}(?<wd>${WEEKDAY_CLASS})${H}(?:요일)?${H}(?:[,·]${H}[^)）\\n]{1,8})?\\\\?[)）](?:\\.(?!\\d))?|(?<wd2>${WEEKDAY_CLASS})요일)`,
  "y",
);

/** "오후 2시 20분", "14시", "18:00", optionally after a comma. "2시간" is a duration. */
export const TIME_RE = new RegExp(
  `${H},?${H}(?:(?:(?<ap>오전|오후|낮|밤|저녁|새벽|아침)${H})?(?<h>\\d{1,2})${H}시(?!간)(?:${H}(?<mi>\\d{1,2})${H}분|${H}(?<half>반))?|(?<h2>\\d{1,2}):(?<mi2>\\d{2})(?!\\d))`,
  "y",
);

/** The end of a time range ("10:00 ~ 17:00"), skipped so its "~" is not read as a date range. */
export const TIME_END_RE = new RegExp(
  `${H}[~∼～〜\\-–]${H}(?:(?:오전|오후)${H})?\\d{1,2}(?::\\d{2}|${H}시(?!간)(?:${H}\\d{1,2}${H}분)?)`,
  "y",
);

/** "~", "부터", optionally followed by a short aside: "~ (잠정) 12월 18일". */
export const CONNECTOR_RE = new RegExp(
  `${H}(?:(?<sym>[~∼～〜–—\\-])|(?<from>부터))${H}(?:[(（][^)）\\d\\n]{1,6}[)）]${H})?`,
  "y",
);

/** The second date of a range, in every form that may follow a connector. */
export const END_ATOM_RE = new RegExp(
  [
    `(?<eY>${YEAR4})${H}(?<eS>[.\\-/])${H}(?<eM>\\d{1,2})${H}\\k<eS>${H}(?<eD>\\d{1,2})(?![\\d%])${TRAIL_DOT}`,
    `${APOS}(?<eaY>\\d{2})${H}(?<eaS>[.\\-/])${H}(?<eaM>\\d{1,2})${H}\\k<eaS>${H}(?<eaD>\\d{1,2})(?![\\d%])${TRAIL_DOT}`,
    `(?<ecY>20\\d{2})(?<ecM>0[1-9]|1[0-2])(?<ecD>0[1-9]|[12]\\d|3[01])(?!\\d)`,
    // "05월 08(금)": 일 may be dropped before a weekday
    `(?:(?:(?<ekY>${YEAR4})|${APOS}(?<ekY2>\\d{2}))${H}년${H})?(?<ekM>\\d{1,2})${H}월${H}(?<ekD>\\d{1,2})(?:${H}일|(?!\\d)${WEEKDAY_AHEAD})`,
    `(?<edM>\\d{1,2})${H}[./]${H}(?<edD>\\d{1,2})(?![\\d%])${TRAIL_DOT}`,
    `(?<ebD>\\d{1,2})${H}일`,
    // "4. 13.(월) ~ 27.(월)": a dotted bare day, trusted only with its weekday
    `(?<ebD2>\\d{1,2})${H}\\.${WEEKDAY_AHEAD}`,
  ].join("|"),
  "y",
);

export const UNTIL_RE = new RegExp(`${H}까지`, "y");
export const SINCE_RE = new RegExp(`${H}부터`, "y");

/** A tilde right before a date with nothing dated before it: "~ 2026.12.31", "(~7.8)". */
export const OPEN_START_BEFORE = new RegExp(`${TILDE}${H}$`);

export const DIRECTION_BEFORE = new RegExp(
  `(?:^|[^가-힣])(${wordsPattern(Object.keys(DIRECTION_WORDS), H)})\\s*$`,
);
export const PREVIOUS_YEAR_BEFORE = new RegExp(
  `(?:^|[^가-힣])(${wordsPattern(Object.keys(PREVIOUS_YEAR_WORDS), "\\s?")})\\s*$`,
);
export const YEAR_WORD_BEFORE = new RegExp(
  `(?:^|[^가-힣])(${wordsPattern(Object.keys(YEAR_WORDS), "\\s?")})\\s*$`,
);

/** "2026년", "2026년 3월", "’26년": a year in the text, the anchor of last resort. */
export const YEAR_MENTION_RE = new RegExp(
  `(?<![\\d.])(?:(?<y>${YEAR4})|${APOS}(?<y2>\\d{2}))${H}년(?:도)?(?:${H}(?<m>\\d{1,2})${H}월)?`,
  "g",
);

/** Right after a dotted range, a unit that makes it numbers ("1.5~2배수"). */
export const NUMBER_UNIT_AFTER = new RegExp(`^${H}(?:${wordsPattern(NUMBER_UNITS, H)})`);

/** Right after a date, words that make it the press release's own date ("1일 밝혔다"). */
export const RELEASE_AFTER = new RegExp(`^[^\\S\\r\\n]*(?:${wordsPattern(RELEASE_WORDS, H)})`);

/** A sentence ends between two dates: then the earlier date's month is no context for a bare day. */
export const SENTENCE_BREAK = /\n|[가-힣)][.!?](?=\s|$)/;
