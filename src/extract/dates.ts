/**
 * Finds Korean date expressions in news and notices and resolves them to calendar dates.
 *
 * Precision over recall: an expression that cannot be pinned to one real calendar date is left
 * out rather than guessed. Month-only mentions ("2025년 4월") are deliberately ignored: they are
 * too coarse for a deadline and too often a reference month ("2025년 4월 기준").
 *
 * Years come from the text — written in the date, a year or known date earlier in the sentence,
 * 같은 해 / 이듬해 counted from the year last written (`yearContextOf`) — else from an anchor:
 * the publication date, or (when that is unknown) the first date written with its year in the
 * same text. See `textAnchor` and `pickNearest`. A date whose year was guessed into the past
 * also carries its `forward` reading, which schedule.ts takes for application dates and events.
 */
import {
  addDays,
  daysBetween,
  daysInMonth,
  isValidYmd,
  isYmd,
  parseYmd,
  seoulDate,
  weekday,
  ymd,
} from "../time/calendar.ts";
import {
  ATOM_RE,
  CONNECTOR_RE,
  DIRECTION_BEFORE,
  END_ATOM_RE,
  NUMBER_UNIT_AFTER,
  OPEN_START_BEFORE,
  PREVIOUS_YEAR_BEFORE,
  RELEASE_AFTER,
  SENTENCE_BREAK,
  SINCE_RE,
  TIME_END_RE,
  TIME_RE,
  UNTIL_RE,
  WEEKDAY_RE,
  YEAR_MENTION_RE,
  YEAR_WORD_BEFORE,
} from "./date-patterns.ts";
import {
  BARE_DAY_BAD_AFTER,
  BARE_DAY_BAD_BEFORE,
  BARE_DAY_WORD_END,
  DIRECTION_WORDS,
  type Direction,
  MONTH_PARTS,
  MONTH_WORDS,
  PREVIOUS_YEAR_WORDS,
  RELATIVE_WORDS,
  type RelativeWord,
  WEEKDAY_INDEX,
  YEAR_WORDS,
} from "./date-words.ts";

export interface DateMention {
  /** YYYY-MM-DD */
  start: string;
  /** Range end, YYYY-MM-DD, or null for a single day. */
  end: string | null;
  /** "14:20" of the start, if given. */
  time: string | null;
  /** Offset of the expression in the text. */
  index: number;
  length: number;
  text: string;
  /** 0..1 */
  confidence: number;
}

export interface DateContext {
  publishedAt: string | null;
}

/** A mention plus what the role assignment in schedule.ts needs to know about its grammar. */
export interface ScannedDate extends DateMention {
  /** Closes something: "까지" follows, or a bare "~" precedes it ("~ 2026.12.31"). */
  until: boolean;
  /** Opens something: "부터" follows and no end date does. */
  since: boolean;
  /** A range connector follows but no date ends it: "1. 8.(목) 09:00 ~ 예산 소진 시까지". */
  openRange: boolean;
  /** The year was written, not inferred. */
  explicitYear: boolean;
  /**
   * The same expression read as lying on or after the publication date, when its year (or
   * month) was a guess and the guess put it earlier: an application end or an announced event
   * takes this reading unless its sentence speaks of the past (see schedule.ts).
   */
  forward: { start: string; end: string | null } | null;
  /**
   * The same expression read as lying on or before the publication date, when its year or
   * month was a guess that put it later: a photo caption shows what has happened.
   */
  backward: { start: string; end: string | null } | null;
}

type MonthPart = { start: number; end: number };

type Spec =
  | { form: "full"; year: number; month: number; day: number }
  | { form: "month-day"; month: number; day: number }
  | { form: "day"; day: number; monthOffset: number | null }
  | {
      form: "part";
      year: number | null;
      month: number;
      monthOffset: number | null;
      part: MonthPart;
    }
  | { form: "relative"; word: RelativeWord }
  /** "이날": the day just named. */
  | { form: "same-day" };

interface Atom {
  spec: Spec;
  index: number;
  end: number;
  base: number;
  weekday: number | null;
  time: string | null;
  direction: Direction | null;
  yearOffset: number | null;
  /** "같은 해", "이듬해": the year relative to the one last written before the date. */
  previousYearOffset: number | null;
  rangeEnd: { spec: Spec; weekday: number | null } | null;
  until: boolean;
  since: boolean;
  openRange: boolean;
}

interface Resolved {
  start: string;
  end: string | null;
  confidence: number;
  explicitYear: boolean;
  /** The year came from the text (written, or from a year written before it), not a guess. */
  yearKnown?: boolean;
  forward?: { start: string; end: string | null } | null;
  backward?: { start: string; end: string | null } | null;
}

/**
 * What the text says about a date's year before the date itself: a year written earlier in
 * the same sentence ("2013년 교육 일정: 9월 20일"), or a date whose year is known, which a
 * month-day is read nearest to ("2025년 12월 20일 …, 1월 5일").
 */
interface YearContext {
  year: number;
  /** The known date the context comes from, or null for a bare year ("2013년"). */
  near: string | null;
}

interface Anchor {
  date: string;
  fromText: boolean;
}

/**
 * Base confidence by form. Explicit years are near certain; a bare day or a month part is a
 * guess about the writer's frame of reference.
 */
const BASE = {
  full: 0.95,
  apostropheYear: 0.9,
  compact: 0.85,
  monthDay: 0.85,
  monthDayDotted: 0.85,
  /** "11. 30.까지" without a weekday: its trailing dot and 까지 make it a date. */
  monthDayDotUntil: 0.75,
  /** "4.22~5.8" without weekdays: a schedule table's range, but numbers look the same. */
  monthDayDotRange: 0.7,
  openEndDotted: 0.6,
  daySupported: 0.75,
  dayInRange: 0.7,
  dayBare: 0.55,
  part: 0.45,
  relativeDay: 0.6,
  relativePeriod: 0.4,
  /** "이날" right after a date it refers to (times that date's own confidence). */
  sameDayAfterDate: 0.9,
  /** The last day of a month: "2월 말일", "5월 말까지". */
  monthEnd: 0.85,
} as const;

/** Confidence multipliers applied while resolving. */
const FACTOR = {
  weekdayConfirms: 1.05,
  weekdayMovedYear: 0.75,
  weekdayContradicts: 0.5,
  directionImpossible: 0.7,
  textAnchor: 0.9,
  endDropped: 0.7,
  endWeekdayContradicts: 0.7,
} as const;

/** Korean month-days are only resolved within a year of the anchor, bare days within a month. */
const YEAR_SPAN = [-1, 0, 1] as const;
const MONTH_SPAN = [-1, 0, 1] as const;
/** Days from the anchor within which a weekday may move a date to another year. */
const WEEKDAY_MOVE_REACH = 240;
/**
 * A guessed date this close before publication stands as written (an article posted a few days
 * after the event it announces, a caption under yesterday's photo); only a guess farther back
 * gets the forward reading. Bare days are always within this reach, so only month-days move.
 */
const FORWARD_GRACE_DAYS = 30;
/** How far back a bare day may take its month from an earlier date in the same sentence. */
const CONTEXT_REACH = 100;

export function findDates(text: string, ctx: DateContext): DateMention[] {
  return scanDates(text, ctx).map(({ start, end, time, index, length, text: t, confidence }) => ({
    start,
    end,
    time,
    index,
    length,
    text: t,
    confidence,
  }));
}

/** Every resolvable date expression in text order, with its grammatical flags. */
export function scanDates(text: string, ctx: DateContext): ScannedDate[] {
  const atoms = readAtoms(text);
  if (atoms.length === 0) return [];
  const anchor = anchorOf(text, atoms, ctx.publishedAt);
  const years = new YearMentions(text);
  const out: ScannedDate[] = [];
  /** Per date in `out`: it is the release's own date ("1일 밝혔다"). */
  const release: boolean[] = [];
  /** The last date whose year came from the text. */
  let lastKnown: ScannedDate | null = null;
  for (const atom of atoms) {
    const previous = out.at(-1);
    const context =
      previous && sameSentence(text, previous.index + previous.length, atom.index)
        ? previous
        : null;
    const yearContext = yearContextOf(text, atom, previous ?? null, lastKnown, years, anchor);
    const named = lastNamedDay(out, release);
    const resolved = resolveAtom(atom, anchor, context, yearContext, named);
    if (!resolved) continue;
    release.push(RELEASE_AFTER.test(text.slice(atom.end, atom.end + 12)));
    const date: ScannedDate = {
      start: resolved.start,
      end: resolved.end,
      time: atom.time,
      index: atom.index,
      length: atom.end - atom.index,
      text: text.slice(atom.index, atom.end),
      confidence: Math.round(Math.min(1, resolved.confidence) * 100) / 100,
      until: atom.until,
      since: atom.since,
      openRange: atom.openRange,
      explicitYear: resolved.explicitYear,
      forward: resolved.forward ?? null,
      backward: resolved.backward ?? null,
    };
    out.push(date);
    if (resolved.explicitYear || resolved.yearKnown) lastKnown = date;
  }
  return out;
}

/** Year mentions ("2026년", "’26년도") in text order, looked up by position. */
class YearMentions {
  private found: Array<{ index: number; end: number; year: number }> | null = null;

  constructor(private readonly text: string) {}

  private scan(): Array<{ index: number; end: number; year: number }> {
    const found: Array<{ index: number; end: number; year: number }> = [];
    const text = this.text;
    YEAR_MENTION_RE.lastIndex = 0;
    for (let m = YEAR_MENTION_RE.exec(text); m !== null; m = YEAR_MENTION_RE.exec(text)) {
      const g = m.groups ?? {};
      const year = g.y ? Number(g.y) : 2000 + Number(g.y2);
      found.push({ index: m.index, end: m.index + m[0].length, year });
    }
    return found;
  }

  /** The last mention ending at or before `pos`. */
  before(pos: number): { index: number; end: number; year: number } | null {
    this.found ??= this.scan();
    const found = this.found;
    let lo = 0;
    let hi = found.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((found[mid] as { end: number }).end <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? null : (found[lo - 1] ?? null);
  }
}

/**
 * The year the text gives a date without one (see YearContext). "같은 해", "이듬해" count from
 * the year last written anywhere before (the publication year when there is none); otherwise
 * only a year or a known date earlier in the same sentence counts, whichever is nearer.
 */
function yearContextOf(
  text: string,
  atom: Atom,
  previous: ScannedDate | null,
  known: ScannedDate | null,
  years: YearMentions,
  anchor: Anchor | null,
): YearContext | null {
  const s = atom.spec;
  const needsYear =
    s.form === "month-day" || (s.form === "part" && s.year === null && s.monthOffset === null);
  if (!needsYear || atom.yearOffset !== null) return null;
  const mention = years.before(atom.index);
  if (atom.previousYearOffset !== null) {
    const fromDate = known ? parseYmd(known.start).year : null;
    const base =
      mention && (!known || mention.index >= known.index)
        ? mention.year
        : (fromDate ?? (anchor && !anchor.fromText ? parseYmd(anchor.date).year : null));
    return base === null ? null : { year: base + atom.previousYearOffset, near: null };
  }
  const lastKnownInSentence =
    previous &&
    previous === known &&
    sameSentence(text, previous.index + previous.length, atom.index)
      ? previous
      : null;
  const mentionInSentence =
    mention &&
    (!previous || mention.index >= previous.index + previous.length) &&
    sameSentence(text, mention.end, atom.index)
      ? mention
      : null;
  if (mentionInSentence) return { year: mentionInSentence.year, near: null };
  if (lastKnownInSentence) {
    const near = lastKnownInSentence.end ?? lastKnownInSentence.start;
    return { year: parseYmd(near).year, near };
  }
  return null;
}

/**
 * The day "이날" refers back to: the last single date that is not the release's own (periods
 * such as "이달부터" name no day).
 */
function lastNamedDay(
  out: readonly ScannedDate[],
  release: readonly boolean[],
): ScannedDate | null {
  for (let i = out.length - 1; i >= 0; i--) {
    const d = out[i] as ScannedDate;
    if (!release[i] && d.end === null) return d;
  }
  return null;
}

function anchorOf(text: string, atoms: Atom[], publishedAt: string | null): Anchor | null {
  const published = publicationDate(publishedAt);
  if (published) return { date: published, fromText: false };
  const fallback = textAnchor(text, atoms);
  return fallback ? { date: fallback, fromText: true } : null;
}

/**
 * "2025-12-05" is taken as written; a timestamp ("2025-12-05T09:00:00+09:00", "…Z") is read
 * as the calendar date in Seoul at that instant.
 */
export function publicationDate(value: string | null): string | null {
  if (!value) return null;
  if (isYmd(value)) return value;
  const instant = new Date(value);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(instant.getTime())
    ? seoulDate(instant)
    : null;
}

// ---------------------------------------------------------------------------------------------
// Reading: text → atoms (no calendar knowledge yet)
// ---------------------------------------------------------------------------------------------

function readAtoms(text: string): Atom[] {
  const atoms: Atom[] = [];
  ATOM_RE.lastIndex = 0;
  for (let m = ATOM_RE.exec(text); m !== null; m = ATOM_RE.exec(text)) {
    const { atom, end } = readAtom(text, m);
    if (atom) atoms.push(atom);
    // A vetoed expression is skipped whole: in "매월 1일 ~ 20일" the "20일" is no deadline either.
    ATOM_RE.lastIndex = Math.max(end, m.index + m[0].length);
  }
  return atoms;
}

interface Head {
  spec: Spec;
  base: number;
  index: number;
  /** "4월 15" / "15" before "~18일": only valid as the start of a day range. */
  needsDayRange: boolean;
  /** A bare day: vetted against count and duration words before acceptance. */
  bare: boolean;
  /** "4.22~5.8": only valid as the start of a dotted month-day range not followed by a unit. */
  needsDotRange?: boolean;
}

function readHead(m: RegExpExecArray): Head | null {
  const g = m.groups ?? {};
  const at = m.index;
  if (g.ymdY) return full(g.ymdY, g.ymdM, g.ymdD, BASE.full, at);
  if (g.apY) return full(`20${g.apY}`, g.apM, g.apD, BASE.apostropheYear, at);
  if (g.cpY) return full(g.cpY, g.cpM, g.cpD, BASE.compact, at);
  if (g.koM) {
    const year = g.koY ?? (g.koY2 ? `20${g.koY2}` : undefined);
    const needsDayRange = !g.koIl;
    if (year) return { ...full(year, g.koM, g.koD, BASE.full, at), needsDayRange };
    return {
      spec: { form: "month-day", month: Number(g.koM), day: Number(g.koD) },
      base: BASE.monthDay,
      index: at,
      needsDayRange,
      bare: false,
    };
  }
  if (g.ptM && g.ptP) return part(g.ptY ? Number(g.ptY) : null, Number(g.ptM), null, g.ptP, at);
  if (g.mwW) {
    const offset = MONTH_WORDS[normalizeSpace(g.mwW)] ?? 0;
    if (g.mwP) return part(null, 0, offset, g.mwP, at);
    const spec: Spec = { form: "day", day: Number(g.mwD), monthOffset: offset };
    return { spec, base: BASE.daySupported, index: at, needsDayRange: false, bare: true };
  }
  if (g.mdM) {
    const spec: Spec = { form: "month-day", month: Number(g.mdM), day: Number(g.mdD) };
    return { spec, base: BASE.monthDayDotted, index: at, needsDayRange: false, bare: false };
  }
  if (g.ukM) {
    const spec: Spec = { form: "month-day", month: Number(g.ukM), day: Number(g.ukD) };
    return { spec, base: BASE.monthDayDotUntil, index: at, needsDayRange: false, bare: false };
  }
  if (g.rdM) {
    const spec: Spec = { form: "month-day", month: Number(g.rdM), day: Number(g.rdD) };
    return {
      spec,
      base: BASE.monthDayDotRange,
      index: at,
      needsDayRange: false,
      bare: false,
      needsDotRange: true,
    };
  }
  if (g.tlM) {
    const spec: Spec = { form: "month-day", month: Number(g.tlM), day: Number(g.tlD) };
    const index = at + m[0].search(/\d/);
    return { spec, base: BASE.openEndDotted, index, needsDayRange: false, bare: false };
  }
  if (g.bdD) {
    const spec: Spec = { form: "day", day: Number(g.bdD), monthOffset: null };
    return { spec, base: BASE.dayBare, index: at, needsDayRange: !g.bdIl, bare: true };
  }
  if (g.same) {
    const spec: Spec = { form: "same-day" };
    return { spec, base: BASE.relativeDay, index: at, needsDayRange: false, bare: false };
  }
  if (g.rel) {
    const word = RELATIVE_WORDS[normalizeSpace(g.rel)];
    if (!word) return null;
    const base = word.unit === "day" ? BASE.relativeDay : BASE.relativePeriod;
    return { spec: { form: "relative", word }, base, index: at, needsDayRange: false, bare: false };
  }
  return null;
}

function full(
  y: string,
  mo: string | undefined,
  d: string | undefined,
  base: number,
  at: number,
): Head {
  const spec: Spec = { form: "full", year: Number(y), month: Number(mo), day: Number(d) };
  return { spec, base, index: at, needsDayRange: false, bare: false };
}

function part(
  year: number | null,
  month: number,
  monthOffset: number | null,
  word: string,
  at: number,
): Head | null {
  const range = MONTH_PARTS[word];
  if (!range) return null;
  const spec: Spec = { form: "part", year, month, monthOffset, part: range };
  return { spec, base: BASE.part, index: at, needsDayRange: false, bare: false };
}

function readAtom(text: string, m: RegExpExecArray): { atom: Atom | null; end: number } {
  const head = readHead(m);
  if (!head) return { atom: null, end: 0 };
  const headEnd = m.index + m[0].length;
  const before = text.slice(Math.max(0, head.index - 10), head.index);
  const startTail = readTail(text, headEnd);
  let pos = startTail.pos;
  let rangeEnd: Atom["rangeEnd"] = null;
  let until = false;
  let since = false;

  const range = readRange(text, pos);
  if (range?.end) {
    rangeEnd = { spec: range.end.spec, weekday: range.end.weekday };
    pos = range.pos;
    until = matchAt(UNTIL_RE, text, pos) !== null;
    if (until) pos = UNTIL_RE.lastIndex;
  } else if (range?.from) {
    since = true;
    pos = range.pos;
  } else {
    if (matchAt(UNTIL_RE, text, pos)) {
      until = true;
      pos = UNTIL_RE.lastIndex;
    } else if (matchAt(SINCE_RE, text, pos)) {
      since = true;
      pos = SINCE_RE.lastIndex;
    }
  }
  if (!rangeEnd && OPEN_START_BEFORE.test(before)) until = true;
  const openRange =
    !rangeEnd && !since && !until && range === null && matchAt(CONNECTOR_RE, text, pos) !== null;

  // "4월 15" stands without 일 before "~18일", or before its weekday: "05월 08(금)"
  const needsDayRange = head.needsDayRange && startTail.weekday === null;
  const rejected =
    (needsDayRange && rangeEnd?.spec.form !== "day") ||
    (head.needsDotRange === true &&
      (rangeEnd?.spec.form !== "month-day" || NUMBER_UNIT_AFTER.test(text.slice(pos, pos + 4)))) ||
    (head.bare && !bareDayAccepted(text, head, headEnd, startTail, before)) ||
    (rangeEnd?.spec.form === "day" && !dayEndAccepted(text, range?.endDayPos ?? pos));
  if (rejected) return { atom: null, end: pos };

  const direction = directionBefore(before);
  const yearOffset = yearOffsetBefore(before);
  const previousYearOffset = previousYearOffsetBefore(before);
  const supported =
    startTail.weekday !== null ||
    direction !== null ||
    (head.spec.form === "day" && head.spec.monthOffset !== null);
  let base = head.base;
  if (head.bare && head.spec.form === "day" && head.spec.monthOffset === null) {
    base = supported
      ? BASE.daySupported
      : rangeEnd || until || since
        ? BASE.dayInRange
        : BASE.dayBare;
  }
  const atom: Atom = {
    spec: head.spec,
    index: head.index,
    end: pos,
    base,
    weekday: startTail.weekday,
    time: startTail.time,
    direction,
    yearOffset,
    previousYearOffset,
    rangeEnd,
    until,
    since,
    openRange,
  };
  return { atom, end: pos };
}

interface Tail {
  weekday: number | null;
  time: string | null;
  pos: number;
}

/** Weekday, time and the end of a time range after a date, in that order, each optional. */
function readTail(text: string, from: number): Tail {
  let pos = from;
  let wd: number | null = null;
  let time: string | null = null;
  const w = matchAt(WEEKDAY_RE, text, pos);
  if (w) {
    wd = WEEKDAY_INDEX[w.groups?.wd ?? w.groups?.wd2 ?? ""] ?? null;
    pos = WEEKDAY_RE.lastIndex;
  }
  const t = matchAt(TIME_RE, text, pos);
  if (t) {
    time = clockTime(t.groups ?? {});
    if (time !== null) {
      pos = TIME_RE.lastIndex;
      if (matchAt(TIME_END_RE, text, pos)) pos = TIME_END_RE.lastIndex;
    }
  }
  return { weekday: wd, time, pos };
}

function clockTime(g: Record<string, string | undefined>): string | null {
  let hour = Number(g.h ?? g.h2);
  const minute = g.half ? 30 : Number(g.mi ?? g.mi2 ?? 0);
  const period = g.ap;
  if (period === "오후" || period === "저녁" || period === "밤") {
    if (hour < 12) hour += 12;
  } else if (period === "낮" && hour < 6) hour += 12;
  if (!Number.isInteger(hour) || hour > 24 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

interface RangeRead {
  /** "부터" was the connector (true even when no end date follows it). */
  from: boolean;
  end: { spec: Spec; weekday: number | null } | null;
  pos: number;
  /** Where the text after a bare-day end's "일" starts, for the duration veto. */
  endDayPos: number | null;
}

function readRange(text: string, from: number): RangeRead | null {
  const c = matchAt(CONNECTOR_RE, text, from);
  if (!c) return null;
  const isFrom = c.groups?.from !== undefined;
  const afterConnector = CONNECTOR_RE.lastIndex;
  const e = matchAt(END_ATOM_RE, text, afterConnector);
  if (!e) return isFrom ? { from: true, end: null, pos: afterConnector, endDayPos: null } : null;
  const endAtomEnd = END_ATOM_RE.lastIndex;
  const spec = endSpec(e.groups ?? {});
  if (!spec) return null;
  const tail = readTail(text, endAtomEnd);
  return {
    from: isFrom,
    end: { spec, weekday: tail.weekday },
    pos: tail.pos,
    endDayPos: spec.form === "day" ? endAtomEnd : null,
  };
}

function endSpec(g: Record<string, string | undefined>): Spec | null {
  const num = Number;
  if (g.eY) return { form: "full", year: num(g.eY), month: num(g.eM), day: num(g.eD) };
  if (g.eaY) return { form: "full", year: 2000 + num(g.eaY), month: num(g.eaM), day: num(g.eaD) };
  if (g.ecY) return { form: "full", year: num(g.ecY), month: num(g.ecM), day: num(g.ecD) };
  if (g.ekM) {
    const year = g.ekY ? num(g.ekY) : g.ekY2 ? 2000 + num(g.ekY2) : null;
    if (year !== null) return { form: "full", year, month: num(g.ekM), day: num(g.ekD) };
    return { form: "month-day", month: num(g.ekM), day: num(g.ekD) };
  }
  if (g.edM) return { form: "month-day", month: num(g.edM), day: num(g.edD) };
  if (g.ebD) return { form: "day", day: num(g.ebD), monthOffset: null };
  if (g.ebD2) return { form: "day", day: num(g.ebD2), monthOffset: null };
  return null;
}

/** A bare "N일" is a date only when nothing around it makes it a count, duration or recurrence. */
function bareDayAccepted(
  text: string,
  head: Head,
  headEnd: number,
  tail: Tail,
  before: string,
): boolean {
  if (tail.weekday === null && BARE_DAY_BAD_BEFORE.test(before)) return false;
  if (head.needsDayRange) return true; // "15~18일": the range end is vetted instead
  // "지난달 28일 150만 원 상당": a month word or 지난/오는 makes it a date whatever follows
  const anchored =
    (head.spec.form === "day" && head.spec.monthOffset !== null) || DIRECTION_BEFORE.test(before);
  return dayEndAccepted(text, headEnd, tail.time !== null || anchored);
}

/** `numberMayFollow`: a time was read after the day, or the day is anchored by a word. */
function dayEndAccepted(text: string, afterIl: number, numberMayFollow = false): boolean {
  const rest = text.slice(afterIl, afterIl + 12);
  if (!BARE_DAY_WORD_END.test(rest)) return false;
  const next = rest.trimStart();
  if (BARE_DAY_BAD_AFTER.test(next)) return false;
  // "1일 2회": a number right after a bare day is a count
  return numberMayFollow || !/^\d/.test(next);
}

function directionBefore(before: string): Direction | null {
  const m = DIRECTION_BEFORE.exec(before);
  return m?.[1] ? (DIRECTION_WORDS[m[1]] ?? null) : null;
}

function yearOffsetBefore(before: string): number | null {
  const m = YEAR_WORD_BEFORE.exec(before);
  return m?.[1] ? (YEAR_WORDS[normalizeSpace(m[1])] ?? null) : null;
}

function previousYearOffsetBefore(before: string): number | null {
  const m = PREVIOUS_YEAR_BEFORE.exec(before);
  return m?.[1] ? (PREVIOUS_YEAR_WORDS[normalizeSpace(m[1])] ?? null) : null;
}

// ---------------------------------------------------------------------------------------------
// Resolving: atom + anchor → calendar dates
// ---------------------------------------------------------------------------------------------

/**
 * The anchor when the publication date is unknown: the first full date of the text, which in a
 * notice is nearly always its own date ("2026년 3월 5일 ○○부 장관") or its first call.
 * Later dates are worse anchors: a "사용기한 2026년 12월 31일" would pull "2월 9일" into 2027.
 * Without any, the first year written ("2026년 … 지원사업 공고" in most notice titles) anchors at
 * mid-year (mid-month for "2026년 3월"), so any month-day resolves into that year. Later bare
 * years are too often reference years ("2024년 매출액 기준").
 */
function textAnchor(text: string, atoms: Atom[]): string | null {
  for (const a of atoms) {
    const s = a.spec;
    if (s.form === "full" && isValidYmd(s.year, s.month, s.day)) return ymd(s.year, s.month, s.day);
  }
  YEAR_MENTION_RE.lastIndex = 0;
  const m = YEAR_MENTION_RE.exec(text);
  if (!m) return null;
  const g = m.groups ?? {};
  const year = g.y ? Number(g.y) : 2000 + Number(g.y2);
  const month = Number(g.m);
  return isValidYmd(year, month, 15) ? ymd(year, month, 15) : ymd(year, 7, 1);
}

function sameSentence(text: string, from: number, to: number): boolean {
  if (to - from > CONTEXT_REACH) return false;
  return !SENTENCE_BREAK.test(text.slice(from, to));
}

function resolveAtom(
  atom: Atom,
  anchor: Anchor | null,
  context: ScannedDate | null,
  yearContext: YearContext | null,
  named: ScannedDate | null,
): Resolved | null {
  const start = resolveStart(atom, anchor, context, yearContext, named);
  if (!start) return null;
  const read = withRangeEnd(atom, start.start, start.end, start.confidence);
  if (!read) return null;
  const resolved: Resolved = {
    start: read.start,
    end: read.end,
    confidence: read.confidence,
    explicitYear: start.explicitYear,
    yearKnown: start.yearKnown === true,
    forward: null,
  };
  // The forward reading only replaces a guess that put the whole expression well in the past.
  if (
    start.forward &&
    anchor &&
    !anchor.fromText &&
    (read.end ?? read.start) < addDays(anchor.date, -FORWARD_GRACE_DAYS)
  ) {
    const f = withRangeEnd(atom, start.forward.start, start.forward.end, start.confidence);
    if (f && f.start !== read.start) resolved.forward = { start: f.start, end: f.end };
  }
  if (start.backward && anchor && !anchor.fromText && read.start > anchor.date) {
    const b = withRangeEnd(atom, start.backward.start, start.backward.end, start.confidence);
    if (b && b.start !== read.start) resolved.backward = { start: b.start, end: b.end };
  }
  return resolved;
}

/** The expression's range end, read from its start; null when the end is no calendar date. */
function withRangeEnd(
  atom: Atom,
  start: string,
  ownEnd: string | null,
  confidence: number,
): { start: string; end: string | null; confidence: number } | null {
  if (!atom.rangeEnd) return { start, end: ownEnd, confidence };
  const e = resolveEnd(atom.rangeEnd.spec, start);
  if (e === null) return null; // "2월 30일"-like end: the whole expression is suspect
  if (e === start) return { start, end: null, confidence }; // "4. 15. 10:00 ~ 4. 15. 17:00"
  // An explicit end before its start: keep only the start.
  if (e < start) return { start, end: null, confidence: confidence * FACTOR.endDropped };
  const wd = atom.rangeEnd.weekday;
  const factor = wd !== null && weekday(e) !== wd ? FACTOR.endWeekdayContradicts : 1;
  return { start, end: e, confidence: confidence * factor };
}

function resolveStart(
  atom: Atom,
  anchor: Anchor | null,
  context: ScannedDate | null,
  yearContext: YearContext | null,
  named: ScannedDate | null,
): Resolved | null {
  const s = atom.spec;
  const anchorFactor = anchor?.fromText ? FACTOR.textAnchor : 1;
  switch (s.form) {
    case "full": {
      if (!isValidYmd(s.year, s.month, s.day)) return null;
      const date = ymd(s.year, s.month, s.day);
      const factor = weekdayFactorFixed(date, atom.weekday);
      return { start: date, end: null, confidence: atom.base * factor, explicitYear: true };
    }
    case "month-day": {
      if (yearContext) return monthDayInYear(atom, s, yearContext);
      if (!anchor) return null;
      const a = parseYmd(anchor.date);
      const years =
        atom.yearOffset !== null ? [a.year + atom.yearOffset] : YEAR_SPAN.map((d) => a.year + d);
      const candidates = years
        .filter((y) => isValidYmd(y, s.month, s.day))
        .map((y) => ymd(y, s.month, s.day));
      const direction = atom.yearOffset !== null ? null : atom.direction;
      const picked = pickNearest(candidates, anchor.date, direction, atom.weekday);
      if (!picked) return null;
      const bonus = atom.direction !== null || atom.yearOffset !== null ? 1.05 : 1;
      const resolved = single(picked.date, atom.base * picked.factor * anchorFactor * bonus);
      if (atom.yearOffset === null && direction === null) {
        resolved.forward = forwardPick(candidates, anchor, atom.weekday, picked);
        resolved.backward = backwardPick(candidates, anchor, atom.weekday, picked);
      } else {
        resolved.yearKnown = atom.yearOffset !== null;
      }
      return resolved;
    }
    case "day":
      return resolveDay(atom, s, anchor, context);
    case "part":
      return resolvePart(atom, s, anchor, yearContext);
    case "relative":
      // A relative word needs the real publication date; another date in the text is no "today".
      if (!anchor || anchor.fromText) return null;
      return resolveRelative(s.word, anchor.date, atom.base, atom.weekday);
    case "same-day":
      if (named) return single(named.start, named.confidence * BASE.sameDayAfterDate);
      if (!anchor || anchor.fromText) return null;
      return single(anchor.date, atom.base);
  }
}

/**
 * The first candidate on or after the publication date, when it differs from the guess and
 * fits the written weekday at least as well.
 */
function forwardPick(
  candidates: string[],
  anchor: Anchor,
  wd: number | null,
  picked: { date: string; factor: number },
): { start: string; end: null } | null {
  if (anchor.fromText || picked.date >= anchor.date) return null;
  const f = pickNearest(candidates, anchor.date, "forward", wd);
  return f && f.date !== picked.date && f.factor >= picked.factor
    ? { start: f.date, end: null }
    : null;
}

/**
 * The last candidate on or before the publication date, when the guess lies after it and the
 * candidate fits the written weekday at least as well.
 */
function backwardPick(
  candidates: string[],
  anchor: Anchor,
  wd: number | null,
  picked: { date: string; factor: number },
): { start: string; end: null } | null {
  if (anchor.fromText || picked.date <= anchor.date) return null;
  const b = pickNearest(candidates, anchor.date, "backward", wd);
  return b && b.date !== picked.date && b.factor >= picked.factor
    ? { start: b.date, end: null }
    : null;
}

/** A month-day in the year the text gives it (see YearContext). */
function monthDayInYear(
  atom: Atom,
  s: { month: number; day: number },
  context: YearContext,
): Resolved | null {
  if (context.near === null) {
    if (!isValidYmd(context.year, s.month, s.day)) return null;
    const date = ymd(context.year, s.month, s.day);
    const resolved = single(date, atom.base * weekdayFactorFixed(date, atom.weekday));
    resolved.yearKnown = true;
    return resolved;
  }
  const candidates = YEAR_SPAN.map((d) => context.year + d)
    .filter((y) => isValidYmd(y, s.month, s.day))
    .map((y) => ymd(y, s.month, s.day));
  const picked = pickNearest(candidates, context.near, null, atom.weekday);
  if (!picked) return null;
  const resolved = single(picked.date, atom.base * picked.factor);
  resolved.yearKnown = true;
  return resolved;
}

function single(date: string, confidence: number): Resolved {
  return { start: date, end: null, confidence, explicitYear: false };
}

function resolveDay(
  atom: Atom,
  s: { day: number; monthOffset: number | null },
  anchor: Anchor | null,
  context: ScannedDate | null,
): Resolved | null {
  if (s.monthOffset !== null) {
    if (!anchor || anchor.fromText) return null;
    const { year, month } = shiftMonth(anchor.date, s.monthOffset);
    if (!isValidYmd(year, month, s.day)) return null;
    const date = ymd(year, month, s.day);
    return single(date, atom.base * weekdayFactorFixed(date, atom.weekday));
  }
  // "4월 15일(화) 설명회, 17일(목) 상담회": a later day continues the month just named. An
  // earlier day ("11월 27일 … 개최했다고 1일 밝혔다") does not: it is resolved like any bare day.
  const c = context ? parseYmd(context.end ?? context.start) : null;
  if (c && atom.direction === null && s.day >= c.day) {
    if (!isValidYmd(c.year, c.month, s.day)) return null;
    const date = ymd(c.year, c.month, s.day);
    return single(date, atom.base * weekdayFactorFixed(date, atom.weekday));
  }
  if (!anchor) return null;
  const candidates: string[] = [];
  for (const d of MONTH_SPAN) {
    const { year, month } = shiftMonth(anchor.date, d);
    if (isValidYmd(year, month, s.day)) candidates.push(ymd(year, month, s.day));
  }
  // "30일까지" in news is a coming deadline; a past one would be written "지난 30일까지".
  const direction = atom.direction ?? (atom.until ? "forward" : null);
  const picked = pickNearest(candidates, anchor.date, direction, atom.weekday);
  if (!picked) return null;
  const factor = anchor.fromText ? FACTOR.textAnchor : 1;
  const resolved = single(picked.date, atom.base * picked.factor * factor);
  if (direction === null) {
    resolved.forward = forwardPick(candidates, anchor, atom.weekday, picked);
    resolved.backward = backwardPick(candidates, anchor, atom.weekday, picked);
  }
  return resolved;
}

/**
 * A part of a month: a range of days at low confidence ("5월 초", "3월 중": the whole month),
 * too vague for a deadline or an event date, except where it names one day: the month's last
 * ("2월 말일", and "말까지", by the end of the month).
 */
function resolvePart(
  atom: Atom,
  s: { year: number | null; month: number; monthOffset: number | null; part: MonthPart },
  anchor: Anchor | null,
  yearContext: YearContext | null,
): Resolved | null {
  let year: number;
  let month = s.month;
  let forward: { start: string; end: null } | null = null;
  const firstDay = Math.max(1, s.part.start);
  if (s.year !== null) {
    year = s.year;
  } else if (s.monthOffset !== null) {
    if (!anchor || anchor.fromText) return null;
    ({ year, month } = shiftMonth(anchor.date, s.monthOffset));
  } else if (yearContext) {
    if (month < 1 || month > 12) return null;
    year = yearContext.year;
    if (yearContext.near !== null) {
      const firstDays = YEAR_SPAN.map((d) => ymd(yearContext.year + d, month, firstDay));
      const picked = pickNearest(firstDays, yearContext.near, null, null);
      if (!picked) return null;
      year = parseYmd(picked.date).year;
    }
  } else {
    if (!anchor || month < 1 || month > 12) return null;
    const a = parseYmd(anchor.date);
    const firstDays = YEAR_SPAN.map((d) => ymd(a.year + d, month, firstDay));
    const picked = pickNearest(firstDays, anchor.date, atom.direction, null);
    if (!picked) return null;
    year = parseYmd(picked.date).year;
    if (atom.direction === null) forward = forwardPick(firstDays, anchor, null, picked);
  }
  if (month < 1 || month > 12) return null;
  const last = daysInMonth(year, month);
  const startDay = s.part.start === 0 ? last : s.part.start;
  const endDay = s.part.end === 0 ? last : s.part.end;
  const factor = anchor?.fromText ? FACTOR.textAnchor : 1;
  const yearKnown = s.year !== null || yearContext !== null;
  const shape = (from: number, to: number, base: number): Resolved => ({
    start: ymd(year, month, from),
    end: from === to ? null : ymd(year, month, to),
    confidence: base * factor,
    explicitYear: s.year !== null,
    yearKnown,
    forward: forward && {
      start: shiftYearKeepingDay(forward.start, from),
      end: from === to ? null : shiftYearKeepingDay(forward.start, to),
    },
  });
  // "5월 말까지", "하순까지": by the month's last day; "~4월 중" stays the whole month
  if (startDay === endDay || (atom.until && s.part.end === 0 && s.part.start > 1)) {
    return shape(endDay, endDay, BASE.monthEnd);
  }
  return shape(startDay, endDay, atom.base);
}

/** `day` of the month that `date` (a first day of a part) lies in; the last day if too short. */
function shiftYearKeepingDay(date: string, day: number): string {
  const { year, month } = parseYmd(date);
  return ymd(year, month, Math.min(day, daysInMonth(year, month)));
}

function resolveRelative(
  word: RelativeWord,
  published: string,
  base: number,
  wd: number | null,
): Resolved {
  if (word.unit === "day") return single(addDays(published, word.offset), base);
  if (word.unit === "week") {
    const monday = addDays(published, -((weekday(published) + 6) % 7) + 7 * word.offset);
    // "다음 주 화요일": the day, not the week
    if (wd !== null) return single(addDays(monday, (wd + 6) % 7), BASE.relativeDay);
    return { start: monday, end: addDays(monday, 6), confidence: base, explicitYear: false };
  }
  const { year, month } = shiftMonth(published, word.offset);
  return {
    start: ymd(year, month, 1),
    end: ymd(year, month, daysInMonth(year, month)),
    confidence: base,
    explicitYear: false,
  };
}

/** A range end inherits what it omits from its start, moving forward when it would go back. */
function resolveEnd(spec: Spec, start: string): string | null {
  const s = parseYmd(start);
  switch (spec.form) {
    case "full":
      return isValidYmd(spec.year, spec.month, spec.day)
        ? ymd(spec.year, spec.month, spec.day)
        : null;
    case "month-day": {
      if (!isValidYmd(s.year, spec.month, spec.day)) {
        return isValidYmd(s.year + 1, spec.month, spec.day) && spec.month < s.month
          ? ymd(s.year + 1, spec.month, spec.day)
          : null;
      }
      const same = ymd(s.year, spec.month, spec.day);
      if (same >= start) return same;
      return isValidYmd(s.year + 1, spec.month, spec.day)
        ? ymd(s.year + 1, spec.month, spec.day)
        : null;
    }
    case "day": {
      if (spec.day >= s.day) {
        return isValidYmd(s.year, s.month, spec.day) ? ymd(s.year, s.month, spec.day) : null;
      }
      const next = shiftMonth(start, 1);
      return isValidYmd(next.year, next.month, spec.day)
        ? ymd(next.year, next.month, spec.day)
        : null;
    }
    default:
      return null;
  }
}

/**
 * Year (or month) inference. Among candidate dates around the anchor: "오는" takes the first on
 * or after it, "지난" the last on or before it, otherwise the nearest one (so a month-day lands
 * within about six months of publication, and a late-December article's "1월 5일" is next
 * year's). A weekday in parentheses that the pick contradicts moves it to the nearest candidate
 * it fits within about eight months, at lower confidence; when none fits, the pick stays and
 * its confidence halves (below what role assignment accepts).
 */
function pickNearest(
  candidates: string[],
  anchor: string,
  direction: Direction | null,
  wd: number | null,
): { date: string; factor: number } | null {
  if (candidates.length === 0) return null;
  let pool = candidates;
  let factor = 1;
  if (direction === "forward") pool = candidates.filter((c) => c >= anchor);
  else if (direction === "backward") pool = candidates.filter((c) => c <= anchor);
  if (pool.length === 0) {
    pool = candidates;
    factor = FACTOR.directionImpossible;
  }
  const best = choose(pool, anchor, direction);
  if (wd === null) return { date: best, factor };
  if (weekday(best) === wd) return { date: best, factor: factor * FACTOR.weekdayConfirms };
  // A weekday may move a date to the neighbouring year only within reach of the anchor: "5월
  // 14일(금)" in a notice dated 2026-04-20 is a typo for 2026, not a call for May 2027.
  const fitting = pool.filter(
    (c) => weekday(c) === wd && Math.abs(daysBetween(anchor, c)) <= WEEKDAY_MOVE_REACH,
  );
  if (fitting.length > 0) {
    return { date: choose(fitting, anchor, direction), factor: factor * FACTOR.weekdayMovedYear };
  }
  return { date: best, factor: factor * FACTOR.weekdayContradicts };
}

function choose(pool: string[], anchor: string, direction: Direction | null): string {
  const sorted = [...pool].sort();
  if (direction === "forward") return sorted[0] as string;
  if (direction === "backward") return sorted[sorted.length - 1] as string;
  let best = sorted[0] as string;
  let bestDistance = Math.abs(daysBetween(anchor, best));
  for (const c of sorted) {
    const d = Math.abs(daysBetween(anchor, c));
    if (d <= bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function weekdayFactorFixed(date: string, wd: number | null): number {
  if (wd === null) return 1;
  return weekday(date) === wd ? FACTOR.weekdayConfirms : FACTOR.weekdayContradicts;
}

function shiftMonth(date: string, offset: number): { year: number; month: number } {
  const { year, month } = parseYmd(date);
  const zeroBased = year * 12 + (month - 1) + offset;
  return { year: Math.floor(zeroBased / 12), month: (zeroBased % 12) + 1 };
}

function matchAt(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

function normalizeSpace(s: string): string {
  return s.replace(/\s+/g, " ");
}
