import { getCategory } from "../extract/category-lexicon.ts";
import {
  type DocList,
  dayNumber,
  docsInAny,
  docsWithin,
  intersectDocs,
  unionDocs,
} from "../index/doc-list.ts";
import type { SearchIndex } from "../index/search-index.ts";
import { TopK } from "../index/top-k.ts";
import { addDays } from "../time/calendar.ts";
import type { AnalyzedArticle, ArticleEvent } from "../types.ts";
import { withFeedback } from "./feedback.ts";
import { isPlainSearch, type ParsedQuery, parseQuery, regionOptionCodes } from "./parse.ts";
import { Relevance, searchedPartWords } from "./relevance.ts";
import { isPublishedBy, openOn, publishedBy } from "./visibility.ts";

export interface SearchRequest {
  query: string;
  asOf: string;
  /** Explicit options from a slash command, on top of what the text says. */
  region?: string | null;
  category?: string | null;
  upcoming?: boolean;
}

export interface SearchHit {
  article: AnalyzedArticle;
  score: number;
  /** The event that made it an answer to an event question, when there is one. */
  event: ArticleEvent | null;
}

export interface Alternative {
  /** What was relaxed, for the reply: "drop-region" = same type elsewhere, "drop-type" = anything there. */
  relaxed: "drop-region" | "drop-type" | "drop-time";
  parsed: ParsedQuery;
  hits: SearchHit[];
  total: number;
}

export interface SearchAnswer {
  parsed: ParsedQuery;
  asOf: string;
  /** The best hits, at most MAX_HITS, best first. */
  hits: SearchHit[];
  /** How many articles matched in all. */
  total: number;
  /** When filters left nothing: nearest alternatives, never presented as matches. */
  alternatives: Alternative[];
  suggestions: string[];
}

/** Default horizon of a deadline question with no time in it, as for /deadlines. */
export const DEFAULT_DEADLINE_DAYS = 14;

/** The parse of the text with the slash command's explicit options applied. */
export function interpret(request: SearchRequest): ParsedQuery {
  const parsed = parseQuery(request.query, request.asOf);
  if (parsed.bareKeyword && (request.region || request.category)) {
    // A keyword asked with explicit options (관세 in 평택시): still searched as typed, so it must
    // match, but inside the options' filters, which a bare keyword search would skip.
    parsed.bareKeyword = false;
    parsed.regions = [];
    parsed.categories = [];
    parsed.eventKinds = [];
    parsed.freeTerms = [...parsed.terms];
  }
  if (request.region) parsed.regions = regionOptionCodes(request.region);
  if (
    request.category &&
    getCategory(request.category) &&
    !parsed.categories.includes(request.category)
  ) {
    parsed.categories.push(request.category);
  }
  if (request.upcoming && parsed.window === null)
    parsed.window = { from: request.asOf, to: null, label: "upcoming" };
  if (request.upcoming && parsed.intent === "articles") parsed.intent = "events";
  return parsed;
}

function inWindow(date: string, from: string, to: string | null): boolean {
  return date >= from && (to === null || date <= to);
}

/** The question's window, never starting before today (to null = open-ended). */
function comingWindow(parsed: ParsedQuery, asOf: string): { from: string; to: string | null } {
  const from = parsed.window && parsed.window.from > asOf ? parsed.window.from : asOf;
  return { from, to: parsed.window?.to ?? null };
}

/** The first event of an article that answers an event question (kind and window). */
function matchingEvent(
  article: AnalyzedArticle,
  kinds: readonly string[],
  window: { from: string; to: string | null },
): ArticleEvent | null {
  const { from, to } = window;
  let first: ArticleEvent | null = null;
  for (const e of article.events) {
    if (kinds.length > 0 && !kinds.includes(e.kind)) continue;
    if (!inWindow(e.end ?? e.start, from, to) && !inWindow(e.start, from, to)) continue;
    // The earliest start; on a tie the earlier listed, as a stable sort would give.
    if (first === null || e.start.localeCompare(first.start) < 0) first = e;
  }
  return first;
}

function deadlineWindow(parsed: ParsedQuery, asOf: string): { from: string; to: string } {
  const { from, to } = comingWindow(parsed, asOf);
  return { from, to: to ?? addDays(asOf, DEFAULT_DEADLINE_DAYS) };
}

/** A `within` holding at least 1/BROAD_WITHIN of the articles is narrowed through its mask. */
const BROAD_WITHIN = 8;

/**
 * Who may be in the answer, as sorted document numbers (null = everyone, no filter applies):
 * regions, dates and types from the index's columns (SearchIndex.columns), the one path for
 * structured filters. `within` (sorted) narrows every filter from the start, so a question over a
 * few articles never lists the whole index; it still answers null when no filter applies.
 */
function membership(
  index: SearchIndex,
  parsed: ParsedQuery,
  asOf: string,
  within: DocList | null = null,
): DocList | null {
  if (parsed.bareKeyword) return null;
  const columns = index.columns;
  let docs: DocList | null = within;
  // The first filter narrows a broad `within` (the day's visible articles, asked about all day)
  // through its mask; a few articles (answerAmong's) are intersected as any list is.
  const broad = within !== null && within.length * BROAD_WITHIN >= columns.documentCount;
  const narrow = (list: DocList): DocList =>
    docs === within && within !== null && broad
      ? docsWithin(within, list, columns.documentCount)
      : (intersectDocs(docs, list) as DocList);
  if (parsed.regions.length > 0) docs = narrow(columns.inRegions(parsed.regions));
  if (parsed.intent === "deadlines") {
    const { from, to } = deadlineWindow(parsed, asOf);
    docs = narrow(columns.applicationEndsBetween(from, to));
  } else if (parsed.intent === "events") {
    const { from, to } = comingWindow(parsed, asOf);
    docs = narrow(columns.eventDaysBetween(from, to ?? "9999-12-31"));
    // Only articles with an event of the asked kind can answer; checking that first spares the
    // per-article event matching for the many with other events in the window (bench/README.md,
    // "Figures behind the code").
    if (parsed.eventKinds.length > 0) docs = narrow(columns.withEventKinds(parsed.eventKinds));
  } else if (parsed.window) {
    const { from } = parsed.window;
    const to = parsed.window.to ?? "9999-12-31";
    const byEvent = columns.eventDaysBetween(from, to);
    const byDeadline = columns.applicationEndsBetween(from, to);
    docs = narrow(unionDocs([byEvent, byDeadline]));
  }
  if (parsed.openNow) docs = narrow(openOn(index, asOf));
  if (isTyped(parsed)) {
    // Tagged with the type, or saying the user's Korean word: tags alone would lose articles the
    // category rules missed, which plain search would have found.
    const sayings = parsed.terms
      .filter((t) => HANGUL.test(t))
      .flatMap((t) => index.text.matchingLists([t]));
    const typed = [columns.inCategories(parsed.categories), ...sayings];
    // Already filtered: check those few against the (large) lists rather than merge the lists.
    docs = docs === null ? unionDocs(typed) : docsInAny(docs, typed, columns.documentCount);
  }
  // Every filter returns a new list, so `within` itself means none applied.
  return docs === within ? null : docs;
}

/** How many ranked hits an answer carries: 40 pages of five. The total is counted in full. */
export const MAX_HITS = 200;

interface Ranked {
  hits: SearchHit[];
  total: number;
}

const HANGUL = /[가-힣]/;

/** The members of an answer in document order, with their text scores and (event questions) events. */
interface Candidates {
  docs: DocList;
  scores: Float64Array;
  events: ArticleEvent[] | null;
}

/**
 * The answer's members with their text scores. Korean words the user typed that we did not
 * understand must match, or they would be ignored. English ones outside the lexicon rank but do
 * not filter: an untranslated word would otherwise empty a question that its understood parts
 * answer well.
 */
function candidates(
  index: SearchIndex,
  parsed: ParsedQuery,
  members: DocList,
  text: readonly string[] | null,
  parts: readonly string[],
  asOf: string,
  textOnly = false,
): Candidates {
  const mustMatchText = textOnly || parsed.freeTerms.some((t) => HANGUL.test(t));
  // A question that must match its text keeps only the matches; otherwise every member stays,
  // scored 0 where the text is absent.
  const { docs, scores } = mustMatchText
    ? text
      ? index.text.matchesIn(text, members, parts)
      : { docs: new Int32Array(0), scores: new Float64Array(0) }
    : {
        docs: members,
        scores: text ? index.text.scoresOf(text, members, parts) : new Float64Array(members.length),
      };
  if (parsed.intent !== "events") return { docs, scores, events: null };
  // An event question keeps the articles with an event of the asked kind in the window.
  const window = comingWindow(parsed, asOf);
  const withEvent: number[] = [];
  const events: ArticleEvent[] = [];
  docs.forEach((doc, i) => {
    const article = index.article(doc);
    const event = matchingEvent(article, parsed.eventKinds, window);
    if (event === null) return;
    withEvent.push(i);
    events.push(event);
  });
  return {
    docs: Int32Array.from(withEvent, (i) => docs[i] as number),
    scores: Float64Array.from(withEvent, (i) => scores[i] as number),
    events,
  };
}

/**
 * What the text engine searches: the words typed, their translations and synonyms; the parts of
 * compounds are searched as whole words (`relevance.partWords()`), so that articles saying
 * 의료기기 전시회 are candidates for 의료기기 해외전시회. Which of them an article covers is
 * Relevance's job.
 */
function searchText(parsed: ParsedQuery): string[] | null {
  const words = new Set([...parsed.terms, ...parsed.concepts.flat()]);
  return words.size > 0 ? [...words] : null;
}

/**
 * How many of the best BM25 hits are reranked by coverage. Coverage moves relevant articles up
 * from about rank 150 at most on the judged set (수소 산업 육성); a pool of 200 scores the same
 * as 400 there, and a larger pool costs more heap work for every common word.
 */
export const RERANK_POOL = 200;

/**
 * `textOnly`: the members were not chosen by any filter (a plain search narrowed to some
 * articles), so only those the text matches answer, as in the unfiltered path.
 */
function rank(
  index: SearchIndex,
  parsed: ParsedQuery,
  members: DocList | null,
  asOf: string,
  textOnly = false,
  limit = MAX_HITS,
): Ranked {
  // Relevance orders articles answers only; dated answers (events, deadlines) need just the
  // compound parts their text search looks for.
  const relevance =
    parsed.intent === "articles"
      ? new Relevance(index.text, parsed.concepts, (doc) => index.article(doc).title)
      : null;
  const text = searchText(parsed);
  const parts = relevance?.partWords() ?? searchedPartWords(index.text, parsed.concepts);
  if (members === null) {
    if (!text) return { hits: [], total: 0 };
    const { top, total } = index.text.top(text, RERANK_POOL, parts);
    const reranked = top
      .map(({ doc, score }, i) => {
        const article = index.article(doc);
        return {
          i,
          hit: { article, score: relevance ? relevance.adjust(score, doc) : score, event: null },
        };
      })
      .sort((a, b) => b.hit.score - a.hit.score || a.i - b.i);
    return { hits: reranked.slice(0, MAX_HITS).map((r) => r.hit), total };
  }
  if (textOnly && !text) return { hits: [], total: 0 };
  if (textOnly && text && relevance && !isTyped(parsed) && limit <= RERANK_POOL)
    return bestMatchesAmong(index, parsed, members, text, parts, relevance, limit);
  const found = candidates(index, parsed, members, text, parts, asOf, textOnly);
  return { hits: best(index, found, parsed, relevance, limit), total: found.docs.length };
}

/**
 * The MAX_HITS best hits in order. Date-ordered answers (events, deadlines) are small after their
 * date filter and sorted in full; relevance-ordered ones go through a top-k heap on the primary
 * key first, so 20,000 articles of a large province are not sorted (or even made into hits) to
 * show five. Ties keep document order.
 */
function best(
  index: SearchIndex,
  found: Candidates,
  parsed: ParsedQuery,
  relevance: Relevance | null,
  limit = MAX_HITS,
): SearchHit[] {
  const { docs, scores, events } = found;
  // Relevance orders articles answers only; dated answers are ordered by their dates.
  const scoreOf = (i: number, doc: number) =>
    relevance ? relevance.adjust(scores[i] as number, doc) : (scores[i] as number);
  const tagged = isTyped(parsed) ? index.columns.categoryMarks(parsed.categories) : null;
  const ordered = (i: number): Ordered => {
    const doc = docs[i] as number;
    const article = index.article(doc);
    const hit = { article, score: scoreOf(i, doc), event: events?.[i] ?? null };
    return { hit, tagged: tagged ? (tagged[doc] as number) : 0 };
  };
  const inOrder = (list: Ordered[]) =>
    list.sort((a, b) => compareHits(a, b, parsed)).map((o) => o.hit);
  if (parsed.intent !== "articles" || docs.length <= limit) {
    return inOrder(Array.from(docs, (_, i) => ordered(i))).slice(0, limit);
  }
  const anyText = scores.some((score) => score > 0);
  const published = index.columns.publishedDay;
  const heap = new TopK(anyText ? RERANK_POOL : MAX_HITS);
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] as number;
    const type = tagged ? (tagged[doc] as number) : 0;
    heap.offer(
      i,
      anyText ? type * 1e6 + (scores[i] as number) : type * 1e9 + (published[doc] as number),
    );
  }
  return inOrder(heap.sorted().map(({ doc: i }) => ordered(i))).slice(0, MAX_HITS);
}

/**
 * `best` of a plain search among some articles (the visible ones, when the clock hides later
 * ones): the same hits in the same order, but from the text engine's top RERANK_POOL, so the
 * matches of a common word are neither collected into arrays nor offered to a second heap.
 * `best` keys its heap on the text score alone here (no type tags, no events) and sorts a small
 * answer from document order, a large one from its pool.
 */
function bestMatchesAmong(
  index: SearchIndex,
  parsed: ParsedQuery,
  members: DocList,
  text: readonly string[],
  parts: readonly string[],
  relevance: Relevance,
  limit: number,
): Ranked {
  const { top, total } = index.text.topIn(text, members, RERANK_POOL, parts);
  const small = total <= limit;
  const pool = small ? top.sort((a, b) => a.doc - b.doc) : top;
  const hits = pool
    .map(({ doc, score }): Ordered => {
      const hit = { article: index.article(doc), score: relevance.adjust(score, doc), event: null };
      return { hit, tagged: 0 };
    })
    .sort((a, b) => compareHits(a, b, parsed))
    .map((o) => o.hit);
  return { hits: hits.slice(0, small ? limit : MAX_HITS), total };
}

/** An answer of asked-for types, whose tagged articles come first (see compareHits). */
function isTyped(parsed: ParsedQuery): boolean {
  return parsed.categories.length > 0 && !isPlainSearch(parsed);
}

/**
 * A hit and whether it is tagged with an asked-for type, worked out once: a sort compares each
 * hit about ten times. Tagged articles come before ones that merely mention the type's word.
 */
interface Ordered {
  hit: SearchHit;
  tagged: number;
}

function compareHits(x: Ordered, y: Ordered, parsed: ParsedQuery): number {
  const a = x.hit;
  const b = y.hit;
  if (parsed.intent === "events" && a.event && b.event) {
    const byDate = a.event.start.localeCompare(b.event.start);
    if (byDate !== 0) return byDate;
  }
  // Calls of the asked type first, each group by closing date: "이번 주 마감 창업 지원" is
  // startup calls closing this week, not everything closing this week that mentions 창업.
  if (isTyped(parsed)) {
    const byType = y.tagged - x.tagged;
    if (byType !== 0) return byType;
  }
  if (parsed.intent === "deadlines") {
    const byEnd = (a.article.application.end ?? "").localeCompare(b.article.application.end ?? "");
    if (byEnd !== 0) return byEnd;
  }
  if (b.score !== a.score) return b.score - a.score;
  return (b.article.publishedAt ?? "").localeCompare(a.article.publishedAt ?? "");
}

function run(index: SearchIndex, parsed: ParsedQuery, asOf: string): Ranked {
  const visible = publishedBy(index, asOf);
  const members = membership(index, parsed, asOf, visible);
  // No filter applies but the clock hides later articles: a plain search among the visible.
  const ranked =
    members === null && visible !== null
      ? rank(index, parsed, visible, asOf, true)
      : rank(index, parsed, members, asOf);
  return withFacts(withFeedbackOrder(index, ranked, parsed), parsed, asOf);
}

/**
 * Relevance-ordered answers to questions asked in sentences, reordered by pseudo-relevance
 * feedback (feedback.ts). Korean keyword searches keep their order: on the judged set feedback
 * raised their mean but lowered five of them (bench/README.md), and a keyword search must never
 * get worse; typed answers keep their tagged-first groups.
 */
function withFeedbackOrder(index: SearchIndex, ranked: Ranked, parsed: ParsedQuery): Ranked {
  if (parsed.intent !== "articles" || isTyped(parsed) || !parsed.conversational) return ranked;
  return { hits: withFeedback(index, ranked.hits, parsed.terms), total: ranked.total };
}

/**
 * A question that asks when (언제야, when is) gets each answer's event: the next one of the asked
 * kind, or the last one when all have passed, which the reply marks as past. It never filters.
 */
function withFacts(ranked: Ranked, parsed: ParsedQuery, asOf: string): Ranked {
  if (parsed.asks !== "when" || parsed.intent !== "articles") return ranked;
  const hits = ranked.hits.map((hit) => ({
    ...hit,
    event: hit.event ?? eventOf(hit.article, parsed.eventKinds, asOf),
  }));
  return { hits, total: ranked.total };
}

/** The article's next event of the kinds (any kind when none), else its latest past one. */
export function eventOf(
  article: AnalyzedArticle,
  kinds: readonly string[],
  asOf: string,
): ArticleEvent | null {
  let next: ArticleEvent | null = null;
  let last: ArticleEvent | null = null;
  for (const e of article.events) {
    if (kinds.length > 0 && !kinds.includes(e.kind)) continue;
    if ((e.end ?? e.start) >= asOf) {
      if (next === null || e.start < next.start) next = e;
    } else if (last === null || e.start > last.start) last = e;
  }
  return next ?? last;
}

function alternativesFor(index: SearchIndex, parsed: ParsedQuery, asOf: string): Alternative[] {
  const alternatives: Alternative[] = [];
  const hasType = parsed.categories.length > 0 || parsed.eventKinds.length > 0;
  if (parsed.regions.length > 0) {
    const relaxed = { ...parsed, regions: [] };
    const { hits, total } = run(index, relaxed, asOf);
    if (total > 0) alternatives.push({ relaxed: "drop-region", parsed: relaxed, hits, total });
  }
  if (parsed.regions.length > 0 && hasType) {
    const relaxed: ParsedQuery = {
      ...parsed,
      categories: [],
      eventKinds: [],
      terms: parsed.freeTerms,
      concepts: parsed.concepts.filter((group) => group.some((f) => parsed.freeTerms.includes(f))),
      intent: "articles",
      window: null,
    };
    const { hits, total } = run(index, relaxed, asOf);
    if (total > 0) alternatives.push({ relaxed: "drop-type", parsed: relaxed, hits, total });
  }
  if (parsed.regions.length === 0 && parsed.window) {
    const relaxed: ParsedQuery = { ...parsed, window: null, intent: "articles" };
    const { hits, total } = run(index, relaxed, asOf);
    if (total > 0) alternatives.push({ relaxed: "drop-time", parsed: relaxed, hits, total });
  }
  return alternatives;
}

/** Answers a question: filters decide membership, text decides order, events sort by date. */
export async function answerSearch(
  index: SearchIndex,
  request: SearchRequest,
): Promise<SearchAnswer> {
  const parsed = interpret(request);
  const { hits, total } = run(index, parsed, request.asOf);
  const empty = total === 0;
  return {
    parsed,
    asOf: request.asOf,
    hits,
    total,
    alternatives: empty ? alternativesFor(index, parsed, request.asOf) : [],
    suggestions: empty ? index.suggest(request.query, 5, request.asOf) : [],
  };
}

/**
 * The part of the question's answer among the articles `ids`: exactly those of them that
 * `answerSearch` counts as matches (same parse, options, filters and text rules, scored with the
 * serving index's statistics), best first, with no cap. Only these articles are scored, so an
 * alert can check a handful of new articles without re-running its question over the whole index.
 * Ids the index does not hold are ignored.
 */
export async function answerAmong(
  index: SearchIndex,
  request: SearchRequest,
  ids: Iterable<string>,
): Promise<SearchHit[]> {
  const docs = new Set<number>();
  for (const id of ids) {
    const doc = index.docOf(id);
    // The clock sees only the past: an article published after the as-of day never answers.
    if (doc !== undefined && isPublishedBy(index, doc, request.asOf)) docs.add(doc);
  }
  if (docs.size === 0) return [];
  const within = Int32Array.from(docs).sort();
  const parsed = interpret(request);
  const members = membership(index, parsed, request.asOf, within);
  // No filter applies: a plain search, whose answer among `within` is what its text matches.
  const textOnly = members === null;
  const all = Number.POSITIVE_INFINITY;
  const ranked = rank(index, parsed, members ?? within, request.asOf, textOnly, all);
  return withFacts(ranked, parsed, request.asOf).hits;
}

/** The newest articles published on or before the as-of date, optionally in a region or category. */
export async function latestArticles(
  index: SearchIndex,
  options: { asOf: string; region?: string | null; category?: string | null },
): Promise<SearchHit[]> {
  const columns = index.columns;
  let members: DocList | null = null;
  if (options.region) members = columns.inRegions(regionOptionCodes(options.region));
  if (options.category) members = intersectDocs(members, columns.inCategories([options.category]));
  // The newest MAX_HITS through a heap: sorting 100,000 articles to show five is the slow part.
  const heap = new TopK(MAX_HITS);
  const asOf = dayNumber(options.asOf);
  const published = columns.publishedDay;
  // Published on or before the as-of day, or undated (day 0).
  for (const doc of members ?? columns.all()) {
    const day = published[doc] as number;
    if (day <= asOf) heap.offer(doc, day);
  }
  return heap.sorted().map(({ doc }) => ({
    article: index.article(doc),
    score: 0,
    event: null,
  }));
}
