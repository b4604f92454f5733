/**
 * Word lists behind the Korean date reader (src/extract/dates.ts), kept as data so a reviewer can
 * see at a glance which words move a date and which words veto one.
 */

/** Weekday syllable as written in "(화)" → 0 = Sunday … 6 = Saturday (as `calendar.weekday`). */
export const WEEKDAY_INDEX: Readonly<Record<string, number>> = {
  일: 0,
  월: 1,
  화: 2,
  수: 3,
  목: 4,
  금: 5,
  토: 6,
};

/** Whether the writer points forward or backward from the publication date. */
export type Direction = "forward" | "backward";

/** Words directly before a date that fix its direction ("오는 15일", "지난 8일"). */
export const DIRECTION_WORDS: Readonly<Record<string, Direction>> = {
  오는: "forward",
  다가오는: "forward",
  지난: "backward",
  앞선: "backward",
};

/** Words directly before a month-day that name its year relative to publication. */
export const YEAR_WORDS: Readonly<Record<string, number>> = {
  올해: 0,
  올: 0,
  금년: 0,
  금년도: 0,
  내년: 1,
  내년도: 1,
  명년: 1,
  이듬해: 1,
  작년: -1,
  지난해: -1,
  "지난 해": -1,
  전년: -1,
  전년도: -1,
};

/** Words that name a month relative to publication ("이달 15일", "다음 달 초", "지난달 28일"). */
export const MONTH_WORDS: Readonly<Record<string, number>> = {
  이달: 0,
  "이번 달": 0,
  이번달: 0,
  금월: 0,
  "다음 달": 1,
  다음달: 1,
  내달: 1,
  지난달: -1,
  "지난 달": -1,
  전월: -1,
};

/**
 * Relative day and period words, resolved against the publication date. `days` is an offset;
 * `week`/`month` select the whole calendar week (Monday–Sunday) or month, offset by the count.
 */
export type RelativeWord =
  | { unit: "day"; offset: number }
  | { unit: "week"; offset: number }
  | { unit: "month"; offset: number };

export const RELATIVE_WORDS: Readonly<Record<string, RelativeWord>> = {
  오늘: { unit: "day", offset: 0 },
  금일: { unit: "day", offset: 0 },
  내일: { unit: "day", offset: 1 },
  익일: { unit: "day", offset: 1 },
  모레: { unit: "day", offset: 2 },
  "이번 주": { unit: "week", offset: 0 },
  이번주: { unit: "week", offset: 0 },
  "다음 주": { unit: "week", offset: 1 },
  다음주: { unit: "week", offset: 1 },
  "이번 달": { unit: "month", offset: 0 },
  이번달: { unit: "month", offset: 0 },
  이달: { unit: "month", offset: 0 },
  "다음 달": { unit: "month", offset: 1 },
  다음달: { unit: "month", offset: 1 },
  내달: { unit: "month", offset: 1 },
};

/** Part of a month ("5월 초", "중순", "말") → the day range it covers; `end: 0` = last day. */
export const MONTH_PARTS: Readonly<Record<string, { start: number; end: number }>> = {
  초: { start: 1, end: 10 },
  초순: { start: 1, end: 10 },
  상순: { start: 1, end: 10 },
  중순: { start: 11, end: 20 },
  하순: { start: 21, end: 0 },
  말: { start: 21, end: 0 },
  말경: { start: 21, end: 0 },
};

/**
 * What may follow a relative word or a month part for it to be a date and not the start of a
 * longer word: "내일꿈제작소" is a place, "오늘날" means "nowadays", "5월 초청" is an invitation.
 */
export const WORD_END =
  "(?=$|[^가-힣]|부터|까지|에|께|경|쯤|중|은|는|도|의|안|내|로|엔|이며|이고|이다)";

/**
 * Words right before a bare day that make it a count or a recurring day rather than a date:
 * "매월 20일까지", "익월 10일까지", "총 44일", "최대 7일", "주 2일".
 */
export const BARE_DAY_BAD_BEFORE =
  /(?:^|[^가-힣])(?:매월|매달|매주|매년|매|익월|총|약|최대|최소|최장|최단|최근|향후|평균|연|주|월|월은|월는|월에는|년|개월|하루|기간|각|전|후|만|내|무려|단)\s*$/;

/**
 * Words right after "N일" that make it a duration or a count: "44일 동안", "30일 이내",
 * "7일 전까지", "10일 이상", "3일간", "1일 2회".
 */
export const BARE_DAY_BAD_AFTER =
  /^(?:동안|이내|이상|이하|미만|초과|만에|마다|정도|가량|이후|이전|경과|단위|평균|연속|근무|소요|짜리|(?:간|전|후|만|째|분|치|내|차|여|씩)(?:까지|부터|에|의|이|을|는|은|도|으로|간)?(?![가-힣]))/;

/** After "일" the next character must end the word (a particle is fine, "일자리" is not a date). */
export const BARE_DAY_WORD_END =
  /^(?:$|[^가-힣]|부터|까지|에|께|경|쯤|자|의|은|는|과|와|로|엔|도|이며|이고|이다|이었|였|하루|오전|오후)/;
