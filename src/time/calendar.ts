/**
 * Korean calendar arithmetic on `YYYY-MM-DD` strings. All maths is done on UTC midnights of the
 * calendar date itself, which is independent of the process's time zone: the only place a real
 * instant becomes a date is `seoulDate`, which fixes the zone to Asia/Seoul.
 */

/**
 * Seoul's wall clock: the only readings of an instant in the project. Dates take the date-only
 * format (read per article at ingest, where `format` is cheaper than `formatToParts`).
 */
const SEOUL_DATE = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Seoul",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

const SEOUL_TIME = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Seoul",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

interface SeoulTime {
  date: string;
  hour: string;
  minute: string;
  second: string;
}

function seoulTime(instant: Date): SeoulTime {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of SEOUL_TIME.formatToParts(instant)) part[type] = value;
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    hour: part.hour ?? "00",
    minute: part.minute ?? "00",
    second: part.second ?? "00",
  };
}

/** The calendar date in Seoul at the given instant. */
export function seoulDate(instant: Date): string {
  return SEOUL_DATE.format(instant);
}

/** The hour (0–23) in Seoul at the given instant. */
export function seoulHour(instant: Date): number {
  return Number(seoulTime(instant).hour);
}

/**
 * "2026-05-01 09:30": a Seoul date and time to the minute, for status lines. A stored ISO text
 * that is not an instant is returned as it is.
 */
export function seoulDateTime(instant: Date | string): string {
  const at = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(at.getTime())) return String(instant);
  const { date, hour, minute } = seoulTime(at);
  return `${date} ${hour}:${minute}`;
}

/** "14:03:22 KST": a time of day in Seoul, to the second. */
export function seoulClockTime(instant: Date): string {
  const { hour, minute, second } = seoulTime(instant);
  return `${hour}:${minute}:${second} KST`;
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function parseYmd(date: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function isYmd(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

function toEpochDay(date: string): number {
  const { year, month, day } = parseYmd(date);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

function fromEpochDay(epochDay: number): string {
  const d = new Date(epochDay * 86_400_000);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** 0 = Sunday … 6 = Saturday, for the calendar date itself. */
export function weekday(date: string): number {
  return new Date(toEpochDay(date) * 86_400_000).getUTCDay();
}

/** "D-day", "D-3"; past dates give "D+2". */
export function ddayLabel(asOf: string, end: string): string {
  const d = daysBetween(asOf, end);
  if (d === 0) return "D-day";
  return d > 0 ? `D-${d}` : `D+${-d}`;
}
