/**
 * Gives each date in an article a role (application period, event, announcement, nothing) and
 * condenses them into the article's application and events.
 *
 * Role assignment: the cue words of the date's own sentence (quoted titles and speech excluded)
 * compete by distance, and the nearest wins, with two grammatical biases: a label naming the
 * period ("신청 기간은", "교육 기간:") binds hardest to the date right after it, and a date that
 * closes something ("…까지", "~ 4. 30.") leans towards application cues, because in "4월 30일까지
 * 설명회 참가 신청" the deadline belongs to 신청, not to the nearer 설명회. A date whose sentence has
 * no cue may take one from a short heading line above it. Dates with no cue get no role.
 *
 * Before the application is chosen: a guessed year moves forward for application dates and
 * announced events (`readForward`), and a date an extension replaces hands its role to the new
 * one (`withReplacements`). Open-ended applications and precedence: see `chooseApplication`;
 * integrated notices and programmes with their own periods vary (`integratedVaries`,
 * `programmesVary`).
 */
import { escapeRegExp } from "../analysis/escape-regexp.ts";
import type { Application, ApplicationStatus, ArticleEvent, EventKind } from "../types.ts";
import { type DateContext, publicationDate, type ScannedDate, scanDates } from "./dates.ts";
import {
  ARROW_BETWEEN,
  CHANGED_FROM,
  CHANGED_TO,
  CUE_GROUPS,
  type CueGroup,
  type CueRole,
  EVENT_CANCELLED,
  EXTENSION_TITLE,
  FUTURE_NOTICES,
  HARD_STOP_GAP,
  INTEGRATED_TITLE,
  LATER_STEP,
  NOT_PROGRAMME,
  OPEN_ENDED_FIRST_CHARS,
  OPEN_ENDED_PHRASES,
  PAST_TENSE,
  PERIODS_DIFFER,
  PHOTO_CAPTION,
  PROGRAMMES_DIFFER,
  REPLACEMENT_BEFORE,
  REPORTED_SPEECH,
  ROUND_HEADING,
  SUPERSEDED_BEFORE,
  TRACK_HEADING,
} from "./schedule-cues.ts";
import {
  evidence,
  insideAny,
  quotedSpans,
  type Span,
  type TableCell,
  TextLayout,
} from "./schedule-text.ts";

export interface Schedule {
  application: Application;
  events: ArticleEvent[];
}

/** A date with the role it was given, for callers that want to explain or measure. */
export interface RoledDate {
  date: ScannedDate;
  role: CueRole | null;
  kind: EventKind | null;
  /** The cue that decided, as written. */
  cue: string | null;
  /** 3 = labelled period or heading, 2.5 = bracketed cue, 2 = cue in the sentence, 0 = no role. */
  strength: number;
  /** The evidence span ("" when the date got no role). */
  text: string;
}

/** Dates below this confidence (month parts, weekday-contradicted guesses) never set a role. */
const MIN_CONFIDENCE = 0.5;
/** Beyond this weighted distance a cue is too far to govern a date in the same sentence. */
const MAX_CUE_DISTANCE = 100;
const WEIGHT = {
  /** "신청 기간: DATE" — a label right before the date. */
  labelBefore: 0.2,
  /** "DATE까지 … 신청": deadlines lean towards application cues … */
  applicationForDeadline: 0.35,
  /** … and away from events, which need a start date anyway. */
  eventForDeadline: 3,
} as const;
/** How close a label must precede a date or phrase to make it a labelled (strength 3) period. */
const LABEL_REACH = 25;

// ---------------------------------------------------------------------------------------------
// Cue scanning
// ---------------------------------------------------------------------------------------------

interface CueHit extends Span {
  group: CueGroup;
  quoted: boolean;
  /** Inside a quoted name, at its end: the name's head noun ("‘… 세무 설명회’"). */
  quotedHead: boolean;
  written: string;
}

const DOTS = "·ㆍ‧・•․";
const MIDDLE_DOT = `[^\\S\\r\\n]*[${DOTS}]?[^\\S\\r\\n]*`;
const SPACES_AND_DOTS = new RegExp(`[\\s${DOTS}]`, "g");
/** Within a line only: "…창업교육⏎신청기간" must not read as "교육 신청". */
const SPACE = "[^\\S\\r\\n]*";

function escapeChar(ch: string): string {
  if (ch === " ") return SPACE;
  if (ch === "·") return MIDDLE_DOT;
  return escapeRegExp(ch);
}

/** The word after its first character, with the group's vetoes; the first is factored out. */
function wordTail(word: string, group: CueGroup): string {
  const body = word.slice(1).split("").map(escapeChar).join("");
  const after = group.notFollowedBy ? `(?!${group.notFollowedBy})` : "";
  const required = group.followedBy ? `(?=${group.followedBy})` : "";
  return `${body}${after}${required}`;
}

/** Cue key: the word without spaces or dots, so "신청기간" and "신청 기간" find the same group. */
function cueKey(written: string): string {
  return written.replace(SPACES_AND_DOTS, "");
}

const CUE_BY_KEY = new Map<string, CueGroup>();

/**
 * One expression for all cue words, factored by first character ("신(?:청 기간|청|…)") so the
 * engine dispatches on one character instead of trying ~250 words at every position. Within a
 * first character the longest word comes first, so "신청 기간" wins over "신청" and "교육생 모집"
 * over "교육". Words with a look-behind veto cannot be factored and follow their group.
 */
const CUE_RE = (() => {
  const entries: Array<{ word: string; group: CueGroup; length: number }> = [];
  for (const group of CUE_GROUPS) {
    for (const word of group.words) {
      const key = cueKey(word);
      if (CUE_BY_KEY.has(key)) throw new Error(`cue word listed twice: ${word}`);
      CUE_BY_KEY.set(key, group);
      entries.push({ word, group, length: key.length });
    }
  }
  entries.sort((a, b) => b.length - a.length);
  const factored = new Map<string, string[]>();
  const guarded: string[] = [];
  for (const { word, group } of entries) {
    const first = escapeChar(word[0] ?? "");
    if (group.notPrecededBy) {
      guarded.push(`(?<!${group.notPrecededBy})${first}${wordTail(word, group)}`);
      continue;
    }
    const tails = factored.get(first) ?? [];
    tails.push(wordTail(word, group));
    factored.set(first, tails);
  }
  const groups = [...factored].map(([first, tails]) => `${first}(?:${tails.join("|")})`);
  return new RegExp([...groups, ...guarded].join("|"), "g");
})();

/** What may stand between a quoted name's head noun and the closing quote: "보고회(4차)’". */
const HEAD_TO_QUOTE_END = /^\s*(?:\([^)]{0,10}\))?\s*[’”'"」』》〉]/;

function findCues(text: string, quotes: readonly Span[]): CueHit[] {
  const hits: CueHit[] = [];
  CUE_RE.lastIndex = 0;
  for (let m = CUE_RE.exec(text); m !== null; m = CUE_RE.exec(text)) {
    const group = CUE_BY_KEY.get(cueKey(m[0]));
    if (!group) continue;
    const end = m.index + m[0].length;
    const quoted = insideAny(quotes, m.index);
    hits.push({
      start: m.index,
      end,
      group,
      quoted,
      quotedHead: quoted && HEAD_TO_QUOTE_END.test(text.slice(end, end + 14)),
      written: m[0],
    });
  }
  return hits;
}

const OPEN_RE = new RegExp(
  `(?=[${OPEN_ENDED_FIRST_CHARS}])(?:${OPEN_ENDED_PHRASES.map((p, i) => `(?<o${i}>${p.pattern})`).join("|")})`,
  "g",
);

interface OpenHit extends Span {
  status: Exclude<ApplicationStatus, "dated" | "none">;
  labelOnly: boolean;
}

function findOpenPhrases(text: string): OpenHit[] {
  const hits: OpenHit[] = [];
  OPEN_RE.lastIndex = 0;
  for (let m = OPEN_RE.exec(text); m !== null; m = OPEN_RE.exec(text)) {
    const i = OPEN_ENDED_PHRASES.findIndex((_, k) => m?.groups?.[`o${k}`] !== undefined);
    const phrase = OPEN_ENDED_PHRASES[i];
    if (phrase) {
      const end = m.index + m[0].length;
      const start = wordStart(text, m.index);
      hits.push({ start, end, status: phrase.status, labelOnly: phrase.labelOnly === true });
    }
  }
  return hits;
}

/** Back to the start of the word a phrase begins inside ("세부사업|별 상이"). */
function wordStart(text: string, pos: number): number {
  let start = pos;
  while (start > 0 && pos - start < 8 && /[가-힣]/.test(text[start - 1] ?? "")) start--;
  return start;
}

// ---------------------------------------------------------------------------------------------
// Role assignment
// ---------------------------------------------------------------------------------------------

interface Doc {
  text: string;
  layout: TextLayout;
  quotes: Span[];
  cues: CueHit[];
  /** Specific event kind named in the first line (the title, when the caller prepends it). */
  titleKind: EventKind | null;
}

interface Decision {
  cue: CueHit;
  strength: number;
}

/**
 * The cue that governs `span`: in a table, see `tableCue`; otherwise the nearest by weighted
 * distance within its sentence, or a label heading the line above. Null when nothing governs.
 */
function governingCue(doc: Doc, span: Span, closes: boolean): Decision | null {
  const table = doc.layout.tableCellAt(span.start);
  if (table) return tableCue(doc, table, span, closes);
  const sentence = doc.layout.sentenceAt(span.start);
  const inSentence = cuesNear(doc, sentence, span).filter((c) => !c.quoted);
  const colon = colonLabel(doc, inSentence, span);
  if (colon) return { cue: colon, strength: 3 };
  const nearest = nearestCue(inSentence, span, closes);
  if (nearest) return { cue: nearest, strength: strengthOf(doc, inSentence, nearest, span) };
  if (!startsLine(doc, span.start)) return null;
  // The heading may stand above a run of sibling items: "□ 신청 기간⏎◦ (A) …⏎◦ (B) …"
  const marker = listMarker(doc, span.start);
  let pos = span.start;
  for (let up = 0; up < SIBLING_REACH; up++) {
    const heading = doc.layout.headingAbove(pos);
    if (!heading) return null;
    const label = headingLabel(doc, heading);
    if (label) return { cue: label, strength: 3 };
    if (marker === null || listMarker(doc, heading.start) !== marker) return null;
    pos = heading.start;
  }
  return null;
}

/** How many sibling list items a heading may stand above. */
const SIBLING_REACH = 4;

function headingLabel(doc: Doc, heading: Span): CueHit | null {
  const label = cuesNear(doc, heading, heading)
    .filter((c) => !c.quoted && c.group.label)
    .at(-1);
  // In a long line only a label that ends it is a heading ("… 교육일정⏎2025.7.10.")
  const longLine = heading.start > doc.layout.lineStart(heading.end - 1);
  if (!label || (longLine && heading.end - label.end > 3)) return null;
  return label;
}

/** The list marker a line opens with ("◦", "-", "▪"), or null. */
function listMarker(doc: Doc, pos: number): string | null {
  const start = doc.layout.lineStart(pos);
  const m = /^[\s-]*([◦○●•▪■□▶▷➢※*ㅇ])/.exec(doc.text.slice(start, start + 8));
  return m?.[1] ?? null;
}

/**
 * In a markdown table a date is governed by its own cell, else by the row's first cell
 * ("|신청기간|~9.30|"), else by its column's header ("|접수기간|" over "|4. 23.(목) ~ 5. 18.|"),
 * else by the nearest cue in its row ("|MEGA US 엑스포 2026|2026.08.26.-08.28|").
 */
function tableCue(doc: Doc, table: TableCell, span: Span, closes: boolean): Decision | null {
  const within = (s: Span, focus: Span) => cuesNear(doc, s, focus).filter((c) => !c.quoted);
  const inCell = within(table.cell, span);
  const nearest = nearestCue(inCell, span, closes);
  if (nearest) return { cue: nearest, strength: strengthOf(doc, inCell, nearest, span) };
  for (const header of [table.rowHeader, table.columnHeader]) {
    if (!header) continue;
    const cue = within(header, header)
      .filter((c) => !c.group.weak)
      .at(-1);
    if (cue) return { cue, strength: cue.group.label ? 3 : 2.5 };
  }
  const inRow = within(doc.layout.sentenceAt(span.start), span);
  const nearestInRow = nearestCue(inRow, span, closes);
  return nearestInRow ? { cue: nearestInRow, strength: 2 } : null;
}

/**
 * "사업기간: 협약일 ~ 2026. 11. 30.까지 (신청기업은 …)": a label followed by a colon names the
 * period written right after it, whatever cue follows the date. The last label before the span,
 * within LABEL_REACH, with a colon between.
 */
function colonLabel(doc: Doc, cues: CueHit[], span: Span): CueHit | null {
  let label: CueHit | null = null;
  for (const c of cues) {
    if (c.end > span.start) break;
    if (c.group.label) label = c;
  }
  if (!label || span.start - label.end > LABEL_REACH) return null;
  return COLON_AFTER_LABEL.test(doc.text.slice(label.end, span.start)) ? label : null;
}

/** After a label: a colon (maybe after a closing bracket), then at most a few words ("협약일 ~"). */
const COLON_AFTER_LABEL = /^[^\S\n]*[)）\]]?[^\S\n]*[:：][^\n※*,;]{0,12}$/;

/** Only list markers, numbering or spaces stand before `pos` on its line. */
function startsLine(doc: Doc, pos: number): boolean {
  const lineStart = doc.layout.lineStart(pos);
  if (pos - lineStart > 40) return false;
  // a bracketed tag may stand before the date too: "▪(기존) 2026. 4. 2. ~", "◦ (한-중국 …) 2026."
  const prefix = doc.text.slice(lineStart, pos).replace(/[(（[][^)）\]\n]{1,24}[)）\]]/g, "");
  return (
    prefix.length <= 12 &&
    /^[\s\-*•·○◦●□■▪▶▷➢※>|#()0-9.:：가나다라마바사아자차카타파하]*$/.test(prefix)
  );
}

/** `cues`: the candidates of one sentence (or cell) near the span, in text order. */
function nearestCue(cues: CueHit[], span: Span, closes: boolean): CueHit | null {
  let best: CueHit | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  const namesEvent = cues.some(isEventNoun);
  for (const c of cues) {
    if (c.group.weak && !namesEvent) continue;
    let score: number;
    if (c.end <= span.start) {
      score = span.start - c.end;
      if (c.group.label) score *= WEIGHT.labelBefore;
    } else if (c.start >= span.end) {
      score = c.start - span.end;
    } else if (c.group.role === "application") {
      score = 0; // the cue is part of the phrase itself ("상시 접수")
    } else {
      continue; // "공고별 상이" is not about an announcement
    }
    if (closes && c.group.role === "application") score *= WEIGHT.applicationForDeadline;
    if (closes && c.group.role === "event") score *= WEIGHT.eventForDeadline;
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return bestScore <= MAX_CUE_DISTANCE ? best : null;
}

/**
 * 3 when a label of the winner's role sits just before the span ("신청기간 :"); 2.5 when another
 * cue is made a label by a bracket or colon ("(제출마감) 9월 23일"), which in notices often heads
 * a later step rather than the call itself; else 2.
 */
function strengthOf(doc: Doc, cues: CueHit[], winner: CueHit, span: Span): number {
  const labelled = cues.some(
    (c) =>
      c.group.label &&
      c.group.role === winner.group.role &&
      c.end <= span.start &&
      span.start - c.end <= LABEL_REACH,
  );
  if (labelled) return 3;
  // "접수기간) 상시": a cue ending in a colon or bracket right before the span labels it too.
  return /^\s*[:：)）\]|]/.test(doc.text.slice(winner.end, span.start)) &&
    winner.end <= span.start &&
    span.start - winner.end <= 4
    ? 2.5
    : 2;
}

function isEventNoun(c: CueHit): boolean {
  return c.group.role === "event" && !c.group.weak && c.group.kind !== undefined;
}

/** Raw distance beyond which no cue can win, whatever its weight. */
const CUE_REACH = MAX_CUE_DISTANCE / WEIGHT.labelBefore;

/**
 * The cues inside `within` and no farther than CUE_REACH from `focus`, found by binary search
 * (cues are in text order), so a long one-line notice costs no more per date than a short one.
 */
function cuesNear(doc: Doc, within: Span, focus: Span): CueHit[] {
  const lo = Math.max(within.start, focus.start - CUE_REACH);
  const hi = Math.min(within.end, focus.end + CUE_REACH);
  const out: CueHit[] = [];
  for (let i = firstAtOrAfter(doc.cues, lo); i < doc.cues.length; i++) {
    const c = doc.cues[i] as CueHit;
    if (c.start >= hi) break;
    if (c.end <= hi) out.push(c);
  }
  return out;
}

/** Index of the first span starting at or after `pos` in spans sorted by start. */
function firstAtOrAfter(spans: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as Span).start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An event cue names its own kind; a generic one ("개최", "일시") borrows the nearest noun. */
function eventKind(doc: Doc, cue: CueHit): EventKind {
  if (cue.group.kind && cue.group.kind !== "other") return cue.group.kind;
  const sentence = doc.layout.sentenceAt(cue.start);
  let best: EventKind | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of cuesNear(doc, sentence, cue)) {
    if (c.quoted && !c.quotedHead) continue; // "‘나주미래교육소통한마당’" is no course
    const kind = c.group.role === "event" ? c.group.kind : undefined;
    if (!kind || kind === "other") continue;
    const d = Math.abs(c.start - cue.start);
    if (d < bestDistance) {
      best = kind;
      bestDistance = d;
    }
  }
  return best ?? doc.titleKind ?? "other";
}

function firstLineKind(text: string, cues: CueHit[]): EventKind | null {
  const lineEnd = text.indexOf("\n");
  const end = lineEnd < 0 ? text.length : lineEnd;
  for (const c of cues) {
    if (c.start >= end) break;
    if (c.quoted && !c.quotedHead) continue;
    const kind = c.group.role === "event" ? c.group.kind : undefined;
    if (kind && kind !== "other") return kind;
  }
  return null;
}

function buildDoc(text: string): Doc {
  const quotes = quotedSpans(text);
  const cues = findCues(text, quotes);
  return {
    text,
    layout: new TextLayout(text),
    quotes,
    cues,
    titleKind: firstLineKind(text, cues),
  };
}

function roleDate(doc: Doc, date: ScannedDate): RoledDate {
  const span = { start: date.index, end: date.index + date.length };
  // A date inside quotes is a title's or a speaker's ("“오늘 같은 자리”"), not the article's.
  const eligible = date.confidence >= MIN_CONFIDENCE && !insideAny(doc.quotes, date.index);
  // Only a lone closing date leans to application: a range "…부터 …까지" may be a course.
  const decision = eligible ? governingCue(doc, span, date.until && !date.end) : null;
  if (!decision) return { date, role: null, kind: null, cue: null, strength: 0, text: "" };
  const text = evidence(doc.text, doc.layout.sentenceAt(date.index), span);
  const { cue, strength } = decision;
  const role = cue.group.role;
  const kind = role === "event" ? eventKind(doc, cue) : null;
  return { date, role, kind, cue: cue.written, strength, text };
}

/**
 * An application date or an announced event lies on or after the publication date unless its
 * sentence speaks of the past: where the year (or month) was a guess that put it earlier, the
 * forward reading replaces it ("2차 신청은 10월 3일까지" in a notice of 12 February).
 */
function readForward(doc: Doc, r: RoledDate): RoledDate {
  const backward = r.date.backward;
  // A photo caption shows what has happened: "[사진=나주시] 29일 기탁식" under a 14 December
  // article is 29 November, though 29 December is as near.
  if (backward && r.role === "event" && isCaption(doc, r.date.index)) {
    return { ...r, date: { ...r.date, start: backward.start, end: backward.end } };
  }
  const forward = r.date.forward;
  if (!forward || (r.role !== "application" && r.role !== "event")) return r;
  if (speaksOfThePast(doc, r.date.index)) return r;
  return { ...r, date: { ...r.date, start: forward.start, end: forward.end } };
}

/** The date's sentence is in the past tense, or its line is a photo caption. */
function speaksOfThePast(doc: Doc, pos: number): boolean {
  const sentence = doc.layout.sentenceAt(pos);
  const text = doc.text.slice(sentence.start, sentence.end).replace(REPORTED_SPEECH, "$1");
  return PAST_TENSE.test(text) || isCaption(doc, pos);
}

/** The date's line is a photo caption ("[사진=나주시] …", "▲ …"). */
function isCaption(doc: Doc, pos: number): boolean {
  const line = doc.text.slice(doc.layout.lineStart(pos), doc.layout.lineEnd(pos));
  return PHOTO_CAPTION.test(line);
}

/** How close before a date a marker ("(당초)", "(변경)") must stand to mark it. */
const MARKER_REACH = 16;
/** How far after an old date its replacement may stand ("(기존) … ⏎ (연장) …"). */
const REPLACEMENT_REACH = 240;
/** How far apart two dates joined by an arrow may stand. */
const ARROW_REACH = 30;

/**
 * A date an extension or correction replaces — marked as the old value ("(당초)", "(기존)") or
 * followed by an arrow to another date — loses its role, and never becomes the deadline; its
 * replacement (after the arrow, or marked "(변경)", "(연장)") takes the role if it has none or
 * a weaker one.
 */
function withReplacements(doc: Doc, roled: RoledDate[]): RoledDate[] {
  const out = [...roled];
  for (let i = 0; i < out.length; i++) {
    const old = out[i] as RoledDate;
    const next = out[i + 1];
    const arrow = next !== undefined && changedInto(doc, old.date, next.date);
    if (!arrow && !SUPERSEDED_BEFORE.test(markerText(doc, old.date.index))) continue;
    const j = arrow ? i + 1 : replacementAfter(doc, out, i);
    const replacement = j >= 0 ? out[j] : undefined;
    if (replacement && old.role && (!replacement.role || replacement.strength < old.strength)) {
      out[j] = {
        ...replacement,
        role: old.role,
        kind: old.kind,
        cue: old.cue,
        strength: old.strength,
        text: evidence(doc.text, doc.layout.sentenceAt(replacement.date.index), {
          start: replacement.date.index,
          end: replacement.date.index + replacement.date.length,
        }),
      };
    }
    out[i] = { date: old.date, role: null, kind: null, cue: null, strength: 0, text: "" };
  }
  return out;
}

/** `next` replaces `old` right after it: "4월 17일 → 5월 1일", "4월 17일에서 5월 1일로 연장". */
function changedInto(doc: Doc, old: ScannedDate, next: ScannedDate): boolean {
  const oldEnd = old.index + old.length;
  if (next.index - oldEnd > ARROW_REACH) return false;
  const between = doc.text.slice(oldEnd, next.index);
  if (ARROW_BETWEEN.test(between)) return true;
  const nextEnd = next.index + next.length;
  return CHANGED_FROM.test(between) && CHANGED_TO.test(doc.text.slice(nextEnd, nextEnd + 20));
}

function markerText(doc: Doc, pos: number): string {
  return doc.text.slice(Math.max(doc.layout.lineStart(pos), pos - MARKER_REACH), pos);
}

function replacementAfter(doc: Doc, roled: RoledDate[], i: number): number {
  const from = (roled[i] as RoledDate).date.index;
  for (let k = i + 1; k < roled.length; k++) {
    const pos = (roled[k] as RoledDate).date.index;
    if (pos - from > REPLACEMENT_REACH) break;
    if (REPLACEMENT_BEFORE.test(markerText(doc, pos))) return k;
  }
  return -1;
}

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end < 0 ? text : text.slice(0, end);
}

// ---------------------------------------------------------------------------------------------
// Application and events
// ---------------------------------------------------------------------------------------------

interface Candidate {
  status: ApplicationStatus;
  start: string | null;
  end: string | null;
  strength: number;
  confidence: number;
  index: number;
  /** Start of the candidate's sentence, to pair a dated start with an open end beside it. */
  sentence: number;
  text: string;
}

export function extractSchedule(text: string, ctx: DateContext): Schedule {
  const dates = scanDates(text, ctx);
  // Without dates, an article with no open phrase has nothing to read: exit before the cues.
  // With dates, open phrases only count under an application cue, so scan only if one exists.
  const openFirst = dates.length === 0 ? findOpenPhrases(text) : null;
  const head = firstLine(text);
  if (openFirst?.length === 0 && !INTEGRATED_TITLE.test(head)) {
    return { application: NO_APPLICATION, events: [] };
  }
  const doc = buildDoc(text);
  const opens =
    openFirst ??
    (doc.cues.some((c) => c.group.role === "application") ? findOpenPhrases(text) : []);
  const roled = withReplacements(
    doc,
    dates.map((d) => readForward(doc, roleDate(doc, d))),
  );
  const open = openEnded(doc, opens, roled);
  const openCandidates = open.filter((c) => c.status !== "dated");
  const firstCome = openCandidates.some((c) => c.status === "first-come");
  const dated = [
    ...datedCandidates(doc, roled, opens),
    ...open.filter((c) => c.status === "dated"),
  ];
  const extension = EXTENSION_TITLE.test(head);
  const application =
    integratedVaries(doc, head, dated, openCandidates) ??
    programmesVary(doc, dated) ??
    chooseApplication(dated, openCandidates, firstCome, {
      extension,
      published: publicationDate(ctx.publishedAt),
    });
  return { application, events: eventsOf(roled) };
}

const NO_APPLICATION: Application = {
  status: "none",
  start: null,
  end: null,
  text: "",
  firstCome: false,
};

/**
 * One event per date span, the first mention's: a title and its lead usually name the same
 * event, and the title's wording is the more deliberate ("‘…소통한마당’ 오는 13일 개최").
 */
function eventsOf(roled: RoledDate[]): ArticleEvent[] {
  const events: ArticleEvent[] = [];
  const seen = new Set<string>();
  for (const r of roled) {
    // "캠페인을 31일까지 운영": an event needs its start; an end alone is not one.
    if (r.role !== "event" || !r.kind || (r.date.until && !r.date.end)) continue;
    if (EVENT_CANCELLED.test(r.text)) continue; // "협약식 약속을 불이행", "행사가 연기됐다"
    const key = `${r.date.start}|${r.date.end ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    events.push({ kind: r.kind, start: r.date.start, end: r.date.end, text: r.text });
  }
  return events;
}

/**
 * Open-ended phrases governed by an application cue, as candidates; one with a hard stop right
 * after it ("예산 소진 시까지 (종료일: 2026.11.30.)") is a dated deadline instead.
 */
function openEnded(doc: Doc, opens: OpenHit[], roled: RoledDate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const o of opens) {
    const decision = governingCue(doc, o, true);
    if (decision?.cue.group.role !== "application") continue;
    if (o.labelOnly && decision.strength < 3) continue;
    const stop = hardStopAfter(doc, roled, o);
    out.push({
      status: stop ? "dated" : o.status,
      start: null,
      end: stop,
      strength: decision.strength,
      confidence: 1,
      index: o.start,
      sentence: doc.layout.sentenceAt(o.start).start,
      text: evidence(doc.text, doc.layout.sentenceAt(o.start), o),
    });
  }
  return out;
}

/** "2025.3.27.(목) ~ 예산소진시까지": a dated start whose range ends in an open phrase. */
const OPEN_TAIL_GAP =
  /^[^\S\n]*[~∼～〜\-–][^\S\n]*(?:(?:\d{4}|['‘’]\d{2})\s*년도?\s*)?(?:[(（][^)）\n]{0,8}[)）]\s*)?$/;

/** How far after an open phrase its hard stop may stand. */
const HARD_STOP_REACH = 25;

/** The date that stops an open-ended period right after its phrase, if any. */
function hardStopAfter(doc: Doc, roled: RoledDate[], phrase: Span): string | null {
  for (const r of roled) {
    if (r.date.index < phrase.end) continue;
    if (r.date.index - phrase.end > HARD_STOP_REACH) break;
    const gap = doc.text.slice(phrase.end, r.date.index);
    if (!HARD_STOP_GAP.test(gap) || r.date.confidence < MIN_CONFIDENCE) return null;
    // the stop ends an application period, whatever cue is nearest to it
    const d = readForward(doc, { ...r, role: "application" }).date;
    return d.end ?? d.start;
  }
  return null;
}

/**
 * An integrated notice (통합 공고) that gives no labelled period of its own: its programmes'
 * periods differ (`varies`), or it only announces their notices to come and gives no period at
 * all (`tba`), or it refers to its programmes' own notices (`varies`).
 */
function integratedVaries(
  doc: Doc,
  head: string,
  dated: Candidate[],
  open: Candidate[],
): Application | null {
  if (!INTEGRATED_TITLE.test(head)) return null;
  if ([...dated, ...open].some((c) => c.strength >= 3)) return null;
  const differ = PERIODS_DIFFER.exec(doc.text);
  if (differ) return statusFrom(doc, "varies", differ);
  const future = FUTURE_NOTICES.exec(doc.text);
  const anyPeriod = open.length > 0 || dated.some((c) => c.end !== null);
  if (future && !anyPeriod) return statusFrom(doc, "tba", future);
  const refer = PROGRAMMES_DIFFER.exec(doc.text) ?? future;
  return refer ? statusFrom(doc, "varies", refer) : null;
}

function statusFrom(doc: Doc, status: "varies" | "tba", m: RegExpExecArray): Application {
  const span = { start: m.index, end: m.index + m[0].length };
  return {
    status,
    start: null,
    end: null,
    text: evidence(doc.text, doc.layout.sentenceAt(m.index), span),
    firstCome: false,
  };
}

/**
 * The application varies when the strongest dated periods end on different days for different
 * programmes: each named in a bracket right before it, or each in its own column of one table
 * row. Rounds (1차, 2차) and old or new values are no programmes.
 */
function programmesVary(doc: Doc, dated: Candidate[]): Application | null {
  const withEnd = dated.filter((c) => c.status === "dated" && c.end !== null);
  const top = Math.max(...withEnd.map((c) => c.strength));
  const strongest = withEnd.filter((c) => c.strength === top);
  const byProgramme = new Map<string, Candidate>();
  for (const c of strongest) {
    const name = programmeOf(doc, c.index);
    if (name && !byProgramme.has(name)) byProgramme.set(name, c);
  }
  const ends = new Set([...byProgramme.values()].map((c) => c.end));
  if (ends.size < 2) return null;
  const first = [...byProgramme.values()].sort((a, b) => a.index - b.index)[0] as Candidate;
  return { status: "varies", start: null, end: null, text: first.text, firstCome: false };
}

/** A bracket right before a date on its line: "◦ (한-중국 국제공동연구) 2026. 4. 29. ~". */
const BRACKET_BEFORE = /[(（]([^)）\n]{2,24})[)）][^\S\n]*$/;

/**
 * The programme a period belongs to: a bracket right before it, its table column's header, the
 * words before the label on its line ("사업자 신청기간 :"), or a track heading above it.
 */
function programmeOf(doc: Doc, pos: number): string | null {
  const bracket = BRACKET_BEFORE.exec(doc.text.slice(doc.layout.lineStart(pos), pos))?.[1];
  if (bracket && named(bracket)) return bracket;
  const cell = doc.layout.tableCellAt(pos);
  if (cell) {
    const header = cell.columnHeader && cell.rowHeader ? cell.columnHeader : null;
    const label = header ? doc.text.slice(header.start, header.end).trim() : "";
    return named(label) ? `${cell.rowHeader?.start}|${label}` : null;
  }
  // "◦ (신청기간) 2026. 4. 27. ~": a bracket naming the period itself leaves the line's words
  // and the headings above to name the programme.
  const prefix = labelPrefix(doc, pos);
  return prefix && named(prefix.slice(prefix.indexOf("|") + 1))
    ? prefix
    : trackHeadingAbove(doc, pos);
}

function named(label: string): boolean {
  return label !== "" && !NOT_PROGRAMME.test(label);
}

/** List markers, numbering and brackets around a line's first words. */
const LINE_MARKERS = /^[\s\-*•·○◦●□■▪▶▷➢ㅇ※>#]*(?:(?:\d{1,2}|[가-하①-⑳])\s*[.)]\s*)?/;
const PREFIX_NOISE = /[[\]()（）:：\s]+/g;

/** "◦ 사업자 신청기간 : …" → "사업자": the words before the first application label on the line. */
function labelPrefix(doc: Doc, pos: number): string | null {
  const lineStart = doc.layout.lineStart(pos);
  const label = doc.cues
    .slice(firstAtOrAfter(doc.cues, lineStart))
    .find((c) => c.start >= pos || (c.group.label && c.group.role === "application"));
  if (!label || label.start >= pos) return null;
  const prefix = doc.text
    .slice(lineStart, label.start)
    .replace(LINE_MARKERS, "")
    .replace(PREFIX_NOISE, " ")
    .trim();
  return prefix.length >= 2 && prefix.length <= 20 && /[가-힣A-Za-z]/.test(prefix)
    ? `prefix|${prefix}`
    : null;
}

/** How many lines above a period a track heading may stand. */
const TRACK_REACH_LINES = 40;
const HEADING_MARKERS = /^[\s\-*•·○◦●□■▪▶▷➢ㅇ※>#]*/;
/** A line with a date in it is content, not a heading. */
const HAS_DATE = /\d\s*[.월/]\s*\d/;

/** The nearest line above `pos` that names a track ("□ 1트랙 …", "[특화형]", "가. 일반형"). */
function trackHeadingAbove(doc: Doc, pos: number): string | null {
  let lineStart = doc.layout.lineStart(pos);
  for (let up = 0; up < TRACK_REACH_LINES && lineStart > 0; up++) {
    lineStart = doc.layout.lineStart(lineStart - 1);
    const line = doc.text
      .slice(lineStart, doc.layout.lineEnd(lineStart))
      .replace(HEADING_MARKERS, "")
      .trim();
    if (line.length === 0 || line.length > 50 || HAS_DATE.test(line)) continue;
    if (!TRACK_HEADING.test(line)) continue;
    return LATER_STEP.test(line) || ROUND_HEADING.test(line) ? null : `heading|${line}`;
  }
  return null;
}

function datedCandidates(doc: Doc, roled: RoledDate[], opens: OpenHit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const r of roled) {
    if (r.role !== "application") continue;
    const d = r.date;
    const dateEnd = d.index + d.length;
    const next = opens[firstAtOrAfter(opens, dateEnd)];
    const tail =
      next && next.start - dateEnd <= 20 && OPEN_TAIL_GAP.test(doc.text.slice(dateEnd, next.start))
        ? next
        : undefined;
    const base = {
      strength: r.strength,
      confidence: d.confidence,
      index: d.index,
      sentence: doc.layout.sentenceAt(d.index).start,
      text: r.text,
    };
    if (tail) {
      const stop = hardStopAfter(doc, roled, tail);
      if (stop && stop >= d.start)
        out.push({ ...base, status: "dated", start: d.start, end: stop });
      else out.push({ ...base, status: tail.status, start: d.start, end: null });
      continue;
    }
    const span = periodOf(d, r.cue);
    if (span) out.push({ ...base, status: "dated", ...span });
  }
  return out;
}

/**
 * Which part of the application period a date gives. A single date is a deadline only when
 * the text says so (까지, 마감, a leading "~"); it opens the period with 부터, 시작 or a dangling
 * "~"; a labelled single day is a one-day period. Any other single date near an application
 * word ("2. 3. 접수", a registry stamp) gives nothing: an invented deadline is worse than none.
 */
function periodOf(
  d: ScannedDate,
  cueWritten: string | null,
): { start: string | null; end: string | null } | null {
  if (d.end) return { start: d.start, end: d.end };
  const group = cueWritten ? CUE_BY_KEY.get(cueKey(cueWritten)) : undefined;
  if (d.until || group?.closes) return { start: null, end: d.start };
  if (d.since || d.openRange || group?.opens) return { start: d.start, end: null };
  if (group?.label) return { start: d.start, end: d.start };
  return null;
}

/**
 * Candidates compare by strength, then by having a deadline, then by being a whole period, then
 * by position: a notice states its main period first and sub-deadlines ("인증 신청기한") later.
 */
function rank(c: Candidate, ranking: Ranking): number[] {
  const { extension, published } = ranking;
  const hasEnd = c.end !== null ? 1 : 0;
  // Rounds ("1차 ~4.30, 2차 ~6.30"): a period that had closed when the notice was published is
  // not what it calls for, when an equally strong one is still open.
  const stillOpen = published !== null && c.end !== null && c.end < published ? 0 : 1;
  const whole = c.start !== null && c.end !== null ? 1 : 0;
  // In a notice that extends its period, of two equally strong periods the later end is the new one.
  const lateEnd = extension && c.end ? Number(c.end.replaceAll("-", "")) : 0;
  return [c.strength, hasEnd, stillOpen, whole, lateEnd, -c.index, c.confidence];
}

interface Ranking {
  /** The notice extends its period: of equally strong periods the later end is the new one. */
  extension: boolean;
  /** The publication date, when known. */
  published: string | null;
}

const PLAIN: Ranking = { extension: false, published: null };

function better(a: Candidate, b: Candidate, ranking: Ranking): boolean {
  const ra = rank(a, ranking);
  const rb = rank(b, ranking);
  for (let i = 0; i < ra.length; i++) {
    const x = ra[i] as number;
    const y = rb[i] as number;
    if (x !== y) return x > y;
  }
  return false;
}

function best(cands: Candidate[], ranking: Ranking = PLAIN): Candidate | null {
  let top: Candidate | null = null;
  for (const c of cands) if (!top || better(c, top, ranking)) top = c;
  return top;
}

/**
 * Precedence between a dated period and an open-ended phrase:
 * 1. Each candidate has a strength: 3 when a label names it (a "신청기간:" line, a heading or
 *    table header), 2.5 when a bracket or colon makes another cue its label ("(제출마감) …"),
 *    2 when an application cue governs it in its sentence. Open phrases not governed by an
 *    application cue never count ("상시" in an unrelated sentence, "결과는 추후 공지"), and
 *    tba/varies only count under a label ("신청기간: 추후 공지").
 * 2. The stronger wins; on a tie the dated period wins, because an explicit date is the more
 *    specific statement ("4. 30.까지 (예산 소진 시 조기 마감)" is dated).
 * 3. A dated start with no end takes its end from an open phrase in its own sentence, or from
 *    one at least as strong elsewhere ("4월 1일부터 예산 소진 시까지" → until-budget from 4월 1일).
 * 4. 선착순 with a dated winner stays `dated` with `firstCome: true`.
 */
function chooseApplication(
  dated: Candidate[],
  open: Candidate[],
  firstCome: boolean,
  ranking: Ranking,
): Application {
  const d = withMergedStart(best(dated, ranking), dated);
  const o = best(open);
  if (!d) return o ? openApplication(o, null, firstCome) : NO_APPLICATION;
  if (!o) return datedApplication(d, firstCome);
  if (d.status === "dated" && d.end === null) {
    const closer =
      open.find((c) => c.sentence === d.sentence) ?? (o.strength >= d.strength ? o : null);
    return closer ? openApplication(closer, d.start, firstCome) : datedApplication(d, firstCome);
  }
  return o.strength > d.strength
    ? openApplication(o, null, firstCome)
    : datedApplication(d, firstCome);
}

function datedApplication(c: Candidate, firstCome: boolean): Application {
  return { status: c.status, start: c.start, end: c.end, text: c.text, firstCome };
}

function openApplication(c: Candidate, start: string | null, firstCome: boolean): Application {
  return { status: c.status, start, end: null, text: c.text, firstCome };
}

/** How far before a deadline a separate opening date may stand and still belong to it. */
const OPENER_REACH = 200;

/**
 * A deadline takes its start from a whole period ending the same day elsewhere (a table and a
 * labelled line often repeat each other), or from a separate opening date just before it
 * ("접수 시작 4월 1일 … 마감 4월 30일").
 */
function withMergedStart(top: Candidate | null, all: Candidate[]): Candidate | null {
  if (!top || top.start !== null || top.end === null || top.status !== "dated") return top;
  const end = top.end;
  const same = all.find((c) => c.status === "dated" && c.start !== null && c.end === end);
  if (same) return { ...same, strength: top.strength };
  const opener = all.find(
    (c) =>
      c.status === "dated" &&
      c.start !== null &&
      c.end === null &&
      c.start <= end &&
      c.index < top.index &&
      top.index - c.index <= OPENER_REACH,
  );
  return opener ? { ...top, start: opener.start } : top;
}
