import { stripParticles } from "../analysis/particles.ts";
import { lookupRegionName, regionsOfFilter } from "../data/gazetteer.ts";
import { normalizeInline } from "../ingest/normalize.ts";
import type { EventKind } from "../types.ts";
import { CONCEPTS, type Concept, synonymsOf } from "./lexicon.ts";
import { organisationsIn } from "./organisations.ts";
import {
  type Asks,
  isDeadlineWord,
  isFiller,
  openNowLength,
  questionWord,
  withoutConversationalEnding,
} from "./question-shape.ts";
import { monthDayWindow, type TimeWindow, timeWindowOf } from "./time-window.ts";

export type Intent = "articles" | "events" | "deadlines";

/** What jiwon understood of a question; shown to the user so it can be corrected. */
export interface ParsedQuery {
  regions: string[];
  categories: string[];
  eventKinds: EventKind[];
  window: TimeWindow | null;
  /** Words searched as text (including the Korean forms of understood concepts). */
  terms: string[];
  /** Words left over as typed, not understood as region, type or time. */
  freeTerms: string[];
  /**
   * `terms` grouped by what the user meant: one group per word typed, holding the forms that
   * say it ("consulting" → 컨설팅, 멘토링). Ranking rewards articles that cover every group.
   */
  concepts: string[][];
  intent: Intent;
  /**
   * What the question asks about its answers (언제야 → when, 어디서 → where): a fact to show, never
   * a filter. Only explicit time words (window) restrict time.
   */
  asks: Asks | null;
  /** Only calls whose application period contains the as-of day ("접수 중인", "open calls"). */
  openNow: boolean;
  /**
   * Asked in sentences rather than keywords: a question word, a filler or a conversational
   * ending was left out, or the question is in English (whose words are translated).
   */
  conversational: boolean;
  /**
   * One Korean word and nothing else (관세, 설명회를, 고양): searched exactly as plain text, so
   * understanding never makes a keyword search worse; what it means is still shown.
   */
  bareKeyword: boolean;
}

interface Token {
  text: string;
  lower: string;
}

function tokenize(query: string): Token[] {
  // Cleaned as articles were at ingest (zero-width characters, NFD, controls), then NFKC.
  return normalizeInline(query)
    .normalize("NFKC")
    .split(/[\s,.!?;:·/()[\]{}"'“”‘’]+/u)
    .filter((t) => t.length > 0)
    .map((text) => ({ text, lower: text.toLowerCase() }));
}

function regionCodes(forms: readonly string[]): string[] | null {
  for (const form of forms) {
    const found = lookupRegionName(form);
    if (found.length > 0) return found.map((r) => r.code);
  }
  return null;
}

/**
 * The region codes a slash command's region option names (고양, 경기도, or a code such as 41): the
 * one place an option's name becomes codes, for search, latest and deadlines alike.
 */
export function regionOptionCodes(value: string): string[] {
  const regions = regionsOfFilter(value);
  // A value that names nothing (only a stale saved one can) filters to nothing, never to all.
  return regions.length > 0 ? regions.map((r) => r.code) : [value.trim()];
}

function concept(forms: readonly string[]): Concept | null {
  for (const form of forms) {
    const found =
      CONCEPTS.get(form) ?? (form.endsWith("s") ? CONCEPTS.get(form.slice(0, -1)) : undefined);
    if (found) return found;
  }
  return null;
}

function timeOf(forms: readonly string[], asOf: string): TimeWindow | null {
  for (const form of forms) {
    const window = timeWindowOf(form, asOf);
    if (window) return window;
  }
  return null;
}

/** Parses a question in Korean or English against the as-of date. Never throws. */
export function parseQuery(query: string, asOf: string): ParsedQuery {
  const tokens = tokenize(query);
  const parsed: ParsedQuery = {
    regions: [],
    categories: [],
    eventKinds: [],
    window: null,
    terms: [],
    freeTerms: [],
    concepts: [],
    intent: "articles",
    asks: null,
    openNow: false,
    conversational: false,
    bareKeyword: false,
  };
  let asksDeadlines = false;
  /** The words that say what the question is about, as searched (conversational endings cut). */
  const content: string[] = [];
  const addUnique = <T>(list: T[], items: T[]) => {
    for (const item of items) if (!list.includes(item)) list.push(item);
  };
  const lowers = tokens.map((t) => t.lower);
  const organisationAt = organisationsIn(lowers);

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const next = tokens[i + 1];
    const pair = next ? `${token.lower} ${next.lower}` : null;

    const open = openNowLength(lowers, i);
    if (open > 0) {
      parsed.openNow = true;
      i += open - 1;
      continue;
    }
    // An organisation (Daegu Technopark, 경기 TP, Small Enterprise and Market Service): its Korean
    // names are searched; a region in its name ranks as one more concept, it does not filter.
    const named = organisationAt(i);
    if (named) {
      addUnique(parsed.freeTerms, [named.korean[0] as string]);
      addUnique(parsed.terms, named.korean);
      addConcept(parsed, named.korean);
      if (named.regionForms.length > 0) addConcept(parsed, named.regionForms);
      content.push(
        tokens
          .slice(i, i + named.length)
          .map((t) => t.text)
          .join(" "),
      );
      i += named.length - 1;
      continue;
    }

    // Two-word phrases first: "this month", "goyang si", "info session", "5월 13일".
    if (pair) {
      const window = timeOf([pair], asOf);
      const monthDay = /^(\d{1,2})월 (\d{1,2})일/.exec(pair);
      const md = monthDay ? monthDayWindow(Number(monthDay[1]), Number(monthDay[2]), asOf) : null;
      const region = lookupRegionName(pair).map((r) => r.code);
      const phrase = CONCEPTS.get(pair);
      if (window || md || region.length > 0 || phrase) {
        if (window || md) parsed.window = window ?? md;
        if (window?.deadlines) asksDeadlines = true;
        if (region.length > 0) addUnique(parsed.regions, region);
        if (phrase) {
          applyConcept(parsed, phrase, pair);
          content.push(pair);
        }
        i++;
        continue;
      }
    }
    const question = questionWord(token.lower);
    if (question) {
      parsed.asks ??= question.asks;
      parsed.conversational = true;
      if (!question.searched) continue;
    }
    // 창업하려면 → 창업, 지원받을 → 지원: the request's ending is not what is searched.
    const text = withoutConversationalEnding(token.text);
    if (text !== token.text) parsed.conversational = true;
    const word = text.toLowerCase();
    // Stripped of particles once; every lookup tries the word as typed, then its stem
    // (고양에서 → 고양, 설명회를 → 설명회).
    const stem = stripParticles(word);
    const forms = stem === word ? [word] : [word, stem];
    if (forms.some(isDeadlineWord)) {
      asksDeadlines = true;
      continue;
    }
    if (isFiller(word)) {
      parsed.conversational = true;
      continue;
    }
    const window = timeOf(forms, asOf);
    if (window) {
      parsed.window = window;
      if (window.deadlines) asksDeadlines = true;
      continue;
    }
    content.push(text);
    const region = regionCodes(forms);
    if (region) {
      addUnique(parsed.regions, region);
      continue;
    }
    const meaning = concept(forms);
    if (meaning) {
      applyConcept(parsed, meaning, text);
      continue;
    }
    parsed.freeTerms.push(text);
    addUnique(parsed.terms, [text]);
    addConcept(parsed, [text]);
  }

  if (!/[가-힣]/.test(query)) parsed.conversational = true;
  // One Korean word and nothing else that shapes the question: searched exactly as typed.
  const only = content.length === 1 ? content[0] : undefined;
  if (
    only !== undefined &&
    /^[가-힣]+$/.test(only) &&
    !asksDeadlines &&
    parsed.asks === null &&
    !parsed.openNow &&
    parsed.window === null
  ) {
    parsed.bareKeyword = true;
    parsed.terms = [only];
    parsed.concepts = [];
    addConcept(parsed, [only]);
  }
  // Only a time word makes an event question (sorted by date, in the window); 언제 alone asks
  // for the date of whatever matches, past or coming.
  parsed.intent = asksDeadlines
    ? "deadlines"
    : parsed.eventKinds.length > 0 && parsed.window !== null
      ? "events"
      : "articles";
  return parsed;
}

function applyConcept(parsed: ParsedQuery, meaning: Concept, typed: string): void {
  if (meaning.category && !parsed.categories.includes(meaning.category))
    parsed.categories.push(meaning.category);
  if (meaning.eventKind && !parsed.eventKinds.includes(meaning.eventKind))
    parsed.eventKinds.push(meaning.eventKind);
  // A Korean word is searched as typed (설명회를 stays what the user meant); an English one by its Korean forms.
  const searchAs = /[가-힣]/.test(typed) ? [typed] : meaning.korean;
  for (const term of searchAs) if (!parsed.terms.includes(term)) parsed.terms.push(term);
  addConcept(parsed, searchAs);
}

/**
 * Adds a group of forms, with the Korean synonyms of each (특허 → 지식재산), unless a group
 * with the same forms is already there.
 */
function addConcept(parsed: ParsedQuery, typed: readonly string[]): void {
  const forms = [...new Set(typed.flatMap((word) => [word, ...synonymsOf(stripParticles(word))]))];
  const key = [...forms].sort().join(" ");
  if (parsed.concepts.some((group) => [...group].sort().join(" ") === key)) return;
  parsed.concepts.push(forms);
}

/** True when the query is nothing but a keyword search: no region, type filter or time. */
export function isPlainSearch(parsed: ParsedQuery): boolean {
  if (parsed.bareKeyword) return true;
  return (
    parsed.regions.length === 0 &&
    parsed.window === null &&
    !parsed.openNow &&
    parsed.intent === "articles"
  );
}
