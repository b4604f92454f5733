/**
 * Publication times as feeds and APIs write them: RFC 822 (`Tue, 01 Apr 2025 09:00:00 +0900`,
 * also with `KST` or `GMT`), ISO 8601 with or without an offset, bare `2025-04-01 09:00(:00)`,
 * `2025.04.01`, `20250401`. A time without an offset is Korean time — never the process's zone.
 * The result is an ISO instant (`…Z`) when a time was given, a `YYYY-MM-DD` Seoul date when only
 * a day was, or null.
 */
import { isYmd } from "../time/calendar.ts";

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Zone names seen in feeds, in minutes east of UTC. */
const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  kst: 540,
  jst: 540,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

const KST_MINUTES = 540;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function validDay(year: number, month: number, day: number): boolean {
  return isYmd(`${pad(year, 4)}-${pad(month)}-${pad(day)}`);
}

/** An instant from wall-clock parts at an offset (minutes east of UTC); null if out of range. */
function instant(
  parts: { year: number; month: number; day: number; hour: number; minute: number; second: number },
  offsetMinutes: number,
): string | null {
  const { year, month, day, hour, minute, second } = parts;
  if (!validDay(year, month, day) || hour > 24 || minute > 59 || second > 60) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function offsetOf(zone: string | undefined): number | null {
  if (zone === undefined || zone === "") return KST_MINUTES;
  const numeric = zone.match(/^([+-])(\d{2}):?(\d{2})$/);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
    return numeric[1] === "-" ? -minutes : minutes;
  }
  return ZONES[zone.toLowerCase()] ?? null;
}

const RFC822 =
  /^(?:[A-Za-z]{3},?\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?$/;
const ISO_LIKE =
  /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{3})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;

/** Parses a publication time; see the module comment for what comes out. */
export function parseFeedDate(raw: string | null | undefined): string | null {
  const text = raw?.trim().replace(/\s+/g, " ");
  if (!text) return null;
  const rfc = text.match(RFC822);
  if (rfc) {
    const [, day, mon, yearText, hour, minute, second, zone] = rfc;
    const month = MONTHS[(mon as string).toLowerCase()];
    const offset = offsetOf(zone);
    if (month === undefined || offset === null) return null;
    let year = Number(yearText);
    if (year < 100) year += year < 50 ? 2000 : 1900;
    return instant(
      {
        year,
        month,
        day: Number(day),
        hour: Number(hour),
        minute: Number(minute),
        second: Number(second ?? 0),
      },
      offset,
    );
  }
  const iso = text.match(ISO_LIKE) ?? text.match(COMPACT);
  if (iso) {
    const [, y, m, d, hour, minute, second, zone] = iso;
    const year = Number(y);
    const month = Number(m);
    const day = Number(d);
    if (hour === undefined) {
      return validDay(year, month, day) ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : null;
    }
    const offset = offsetOf(zone);
    if (offset === null) return null;
    return instant(
      {
        year,
        month,
        day,
        hour: Number(hour),
        minute: Number(minute),
        second: Number(second ?? 0),
      },
      offset,
    );
  }
  return null;
}
