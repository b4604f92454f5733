import { addDays, daysInMonth, isValidYmd, parseYmd, weekday, ymd } from "../time/calendar.ts";
import { type TimeWordKind, timeWordKind } from "./question-shape.ts";

/** A window of calendar dates; `to` null means open-ended ("upcoming"). */
export interface TimeWindow {
  from: string;
  to: string | null;
  /** The phrase that set it, for the interpretation line. */
  label: string;
  /** Phrases like "closing soon" that also mean the user wants deadlines. */
  deadlines?: boolean;
}

const MONTHS_EN = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

function weekBounds(asOf: string, weeksAhead: number): { from: string; to: string } {
  // Korean weeks run Monday to Sunday.
  const monday = addDays(asOf, -((weekday(asOf) + 6) % 7) + 7 * weeksAhead);
  return { from: monday, to: addDays(monday, 6) };
}

function monthBounds(year: number, month: number): { from: string; to: string } {
  return { from: ymd(year, month, 1), to: ymd(year, month, daysInMonth(year, month)) };
}

/** A named month means its nearest occurrence: asked in December, 1월 is next January. */
function nearestMonth(asOf: string, month: number): { from: string; to: string } {
  const { year, month: current } = parseYmd(asOf);
  const delta = month - current;
  const targetYear = delta < -5 ? year + 1 : delta > 6 ? year - 1 : year;
  return monthBounds(targetYear, month);
}

/** The window each kind of explicit time word (question-shape.json) means against the as-of day. */
const WINDOWS: Record<TimeWordKind, (asOf: string) => Omit<TimeWindow, "label">> = {
  closingSoon: (a) => ({ from: a, to: addDays(a, 7), deadlines: true }),
  today: (a) => ({ from: a, to: a }),
  tomorrow: (a) => ({ from: addDays(a, 1), to: addDays(a, 1) }),
  thisWeek: (a) => weekBounds(a, 0),
  nextWeek: (a) => weekBounds(a, 1),
  thisMonth: (a) => monthBounds(parseYmd(a).year, parseYmd(a).month),
  nextMonth: (a) => {
    const { year, month } = parseYmd(a);
    return month === 12 ? monthBounds(year + 1, 1) : monthBounds(year, month + 1);
  },
  upcoming: (a) => ({ from: a, to: null }),
};

export function timeWindowOf(phrase: string, asOf: string): TimeWindow | null {
  const text = phrase.toLowerCase().replace(/\s+/g, " ").trim();
  const kind = timeWordKind(text);
  if (kind) return { ...WINDOWS[kind](asOf), label: phrase };
  const monthKo = /^(\d{1,2})월(?:에|의|까지|중)?$/.exec(text);
  if (monthKo) {
    const month = Number(monthKo[1]);
    if (month >= 1 && month <= 12) return { ...nearestMonth(asOf, month), label: phrase };
  }
  const monthEn = MONTHS_EN.findIndex((m) => text === m || text === m.slice(0, 3));
  if (monthEn !== -1) return { ...nearestMonth(asOf, monthEn + 1), label: phrase };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso && isValidYmd(Number(iso[1]), Number(iso[2]), Number(iso[3]))) {
    const date = ymd(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return { from: date, to: date, label: phrase };
  }
  return null;
}

/** "5월 13일" as one date, its year the nearest occurrence around the as-of date. */
export function monthDayWindow(month: number, day: number, asOf: string): TimeWindow | null {
  const { from } = nearestMonth(asOf, month);
  const year = parseYmd(from).year;
  if (!isValidYmd(year, month, day)) return null;
  const date = ymd(year, month, day);
  return { from: date, to: date, label: `${month}월 ${day}일` };
}
