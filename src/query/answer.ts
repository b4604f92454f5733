import { addDays } from "../extract/calendar.ts";
import { getCategory } from "../extract/category-lexicon.ts";
import { lookupRegionName } from "../extract/gazetteer.ts";
import { dateNumber } from "../index/record-engine.ts";
import type { SearchIndex, TextMatches } from "../index/search-index.ts";
import { TopK } from "../index/top-k.ts";
import type { AnalyzedArticle, ArticleEvent } from "../types.ts";
import { isPlainSearch, type ParsedQuery, parseQuery } from "./parse.ts";

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

function resolveRegionOption(value: string): string[] {
  const byName = lookupRegionName(value.trim());
  return byName.length > 0 ? byName.map((r) => r.code) : [value.trim()];
}

/** The parse of the text with the slash command's explicit options applied. */
export function interpret(request: SearchRequest): ParsedQuery {
  const parsed = parseQuery(request.query, request.asOf);
  if (request.region) parsed.regions = resolveRegionOption(request.region);
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

function intersect(
  a: ReadonlySet<string> | null,
  b: ReadonlySet<string> | null,
): ReadonlySet<string> | null {
  if (a === null) return b;
  if (b === null) return a;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  return new Set([...small].filter((id) => large.has(id)));
}

function inWindow(date: string, from: string, to: string | null): boolean {
  return date >= from && (to === null || date <= to);
}

/** The first event of an article that answers an event question (kind and window). */
function matchingEvent(
  article: AnalyzedArticle,
  parsed: ParsedQuery,
  asOf: string,
): ArticleEvent | null {
  const from = parsed.window && parsed.window.from > asOf ? parsed.window.from : asOf;
  const to = parsed.window?.to ?? null;
  const events = article.events
    .filter((e) => parsed.eventKinds.length === 0 || parsed.eventKinds.includes(e.kind))
    .filter((e) => inWindow(e.end ?? e.start, from, to) || inWindow(e.start, from, to))
    .sort((a, b) => a.start.localeCompare(b.start));
  return events[0] ?? null;
}

function deadlineWindow(parsed: ParsedQuery, asOf: string): { from: string; to: string } {
  const from = parsed.window && parsed.window.from > asOf ? parsed.window.from : asOf;
  const to = parsed.window?.to ?? addDays(asOf, DEFAULT_DEADLINE_DAYS);
  return { from, to };
}

/** Text matches of one answer, by query text: the relaxed alternatives reuse them. */
type TextCache = (text: string) => TextMatches;

function textCache(index: SearchIndex): TextCache {
  const cache = new Map<string, TextMatches>();
  return (text) => {
    let matches = cache.get(text);
    if (!matches) {
      matches = index.matchText(text);
      cache.set(text, matches);
    }
    return matches;
  };
}

/** Who may be in the answer: ids from Orama's filters (null = everyone) and checks on each article. */
interface Membership {
  ids: ReadonlySet<string> | null;
  accepts: ((article: AnalyzedArticle) => boolean)[];
}

async function membership(
  index: SearchIndex,
  parsed: ParsedQuery,
  asOf: string,
  match: TextCache,
): Promise<Membership> {
  const accepts: Membership["accepts"] = [];
  if (parsed.bareKeyword) return { ids: null, accepts };
  let ids: ReadonlySet<string> | null = null;
  if (parsed.regions.length > 0) ids = index.regionIds(parsed.regions);
  if (parsed.intent === "deadlines") {
    ids = intersect(ids, await index.filter({ appEnd: deadlineWindow(parsed, asOf) }));
  } else if (parsed.intent === "events") {
    const from = parsed.window && parsed.window.from > asOf ? parsed.window.from : asOf;
    ids = intersect(
      ids,
      await index.filter({ eventDay: { from, to: parsed.window?.to ?? "9999-12-31" } }),
    );
  } else if (parsed.window) {
    const window = { from: parsed.window.from, to: parsed.window.to ?? "9999-12-31" };
    const byEvent = (await index.filter({ eventDay: window })) ?? new Set<string>();
    const byDeadline = (await index.filter({ appEnd: window })) ?? new Set<string>();
    ids = intersect(ids, new Set([...byEvent, ...byDeadline]));
  }
  if (parsed.categories.length > 0 && !isPlainSearch(parsed)) {
    // Tagged with the type, or saying the user's Korean word: tags alone would lose articles the
    // category rules missed, which plain search would have found.
    const wanted = new Set(parsed.categories);
    const sayings = parsed.terms.filter((t) => /[가-힣]/.test(t)).map(match);
    accepts.push(
      (article) =>
        article.categories.some((c) => wanted.has(c)) ||
        sayings.some((m) => m.scoreOf(article.id) !== undefined),
    );
  }
  return { ids, accepts };
}

/** How many ranked hits an answer carries: 40 pages of five. The total is counted in full. */
export const MAX_HITS = 200;

interface Ranked {
  hits: SearchHit[];
  total: number;
}

const HANGUL = /[가-힣]/;

/** A date as a number that orders like it (0 when unknown). */
function dayNumber(date: string | null): number {
  return date ? dateNumber(date) : 0;
}

function rank(
  index: SearchIndex,
  parsed: ParsedQuery,
  members: Membership,
  asOf: string,
  match: TextCache,
): Ranked {
  const text = parsed.terms.length > 0 ? match(parsed.terms.join(" ")) : null;
  if (members.ids === null && members.accepts.length === 0) {
    if (!text) return { hits: [], total: 0 };
    const hits = text.top(MAX_HITS).flatMap(({ id, score }) => {
      const article = index.get(id);
      return article ? [{ article, score, event: null }] : [];
    });
    return { hits, total: text.size };
  }
  // Korean words the user typed that we did not understand must match, or they would be ignored.
  // English ones outside the lexicon rank but do not filter: an untranslated word would otherwise
  // empty a question that its understood parts answer well.
  const mustMatchText = parsed.freeTerms.some((t) => HANGUL.test(t));
  // Walk the smaller side: the text matches when they must match anyway, else the filtered ids.
  const ids =
    text && mustMatchText && (members.ids === null || text.size < members.ids.size)
      ? text.ids().filter((id) => members.ids === null || members.ids.has(id))
      : members.ids === null
        ? index.articles.map((a) => a.id)
        : [...members.ids];
  const hits: SearchHit[] = [];
  for (const id of ids) {
    const article = index.get(id);
    if (!article || !members.accepts.every((accept) => accept(article))) continue;
    const score = text?.scoreOf(id);
    if (mustMatchText && score === undefined) continue;
    const event = parsed.intent === "events" ? matchingEvent(article, parsed, asOf) : null;
    if (parsed.intent === "events" && event === null) continue;
    hits.push({ article, score: score ?? 0, event });
  }
  return { hits: best(hits, parsed), total: hits.length };
}

/**
 * The MAX_HITS best hits in order. Date-ordered answers (events, deadlines) are small after their
 * date filter and sorted in full; relevance-ordered ones go through a top-k heap on the primary
 * key first, so 20,000 articles of a large province are not sorted to show five.
 */
function best(hits: SearchHit[], parsed: ParsedQuery): SearchHit[] {
  if (parsed.intent !== "articles" || hits.length <= MAX_HITS) {
    return hits.sort((a, b) => compareHits(a, b, parsed)).slice(0, MAX_HITS);
  }
  const typed = parsed.categories.length > 0 && !isPlainSearch(parsed);
  const anyText = hits.some((h) => h.score > 0);
  const heap = new TopK(MAX_HITS);
  hits.forEach((hit, i) => {
    const type = typed ? typeMatch(hit, parsed) : 0;
    heap.offer(
      i,
      anyText ? type * 1e6 + hit.score : type * 1e9 + dayNumber(hit.article.publishedAt),
    );
  });
  return heap
    .sorted()
    .map(({ doc }) => hits[doc] as SearchHit)
    .sort((a, b) => compareHits(a, b, parsed));
}

/** Articles tagged with an asked-for type come before ones that merely mention its word. */
function typeMatch(hit: SearchHit, parsed: ParsedQuery): number {
  return hit.article.categories.some((c) => parsed.categories.includes(c)) ? 1 : 0;
}

function compareHits(a: SearchHit, b: SearchHit, parsed: ParsedQuery): number {
  if (parsed.intent === "events" && a.event && b.event) {
    const byDate = a.event.start.localeCompare(b.event.start);
    if (byDate !== 0) return byDate;
  }
  if (parsed.intent === "deadlines") {
    const byEnd = (a.article.application.end ?? "").localeCompare(b.article.application.end ?? "");
    if (byEnd !== 0) return byEnd;
  }
  if (parsed.categories.length > 0 && !isPlainSearch(parsed)) {
    const byType = typeMatch(b, parsed) - typeMatch(a, parsed);
    if (byType !== 0) return byType;
  }
  if (b.score !== a.score) return b.score - a.score;
  return (b.article.publishedAt ?? "").localeCompare(a.article.publishedAt ?? "");
}

async function run(
  index: SearchIndex,
  parsed: ParsedQuery,
  asOf: string,
  match: TextCache,
): Promise<Ranked> {
  return rank(index, parsed, await membership(index, parsed, asOf, match), asOf, match);
}

async function alternativesFor(
  index: SearchIndex,
  parsed: ParsedQuery,
  asOf: string,
  match: TextCache,
): Promise<Alternative[]> {
  const alternatives: Alternative[] = [];
  const hasType = parsed.categories.length > 0 || parsed.eventKinds.length > 0;
  if (parsed.regions.length > 0) {
    const relaxed = { ...parsed, regions: [] };
    const { hits, total } = await run(index, relaxed, asOf, match);
    if (total > 0) alternatives.push({ relaxed: "drop-region", parsed: relaxed, hits, total });
  }
  if (parsed.regions.length > 0 && hasType) {
    const relaxed: ParsedQuery = {
      ...parsed,
      categories: [],
      eventKinds: [],
      terms: parsed.freeTerms,
      intent: "articles",
      window: null,
    };
    const { hits, total } = await run(index, relaxed, asOf, match);
    if (total > 0) alternatives.push({ relaxed: "drop-type", parsed: relaxed, hits, total });
  }
  if (parsed.regions.length === 0 && parsed.window) {
    const relaxed: ParsedQuery = { ...parsed, window: null, intent: "articles" };
    const { hits, total } = await run(index, relaxed, asOf, match);
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
  const match = textCache(index);
  const { hits, total } = await run(index, parsed, request.asOf, match);
  const empty = total === 0;
  return {
    parsed,
    asOf: request.asOf,
    hits,
    total,
    alternatives: empty ? await alternativesFor(index, parsed, request.asOf, match) : [],
    suggestions: empty ? index.suggest(request.query) : [],
  };
}

/** The newest articles published on or before the as-of date, optionally in a region or category. */
export async function latestArticles(
  index: SearchIndex,
  options: { asOf: string; region?: string | null; category?: string | null },
): Promise<SearchHit[]> {
  let members: ReadonlySet<string> | null = null;
  if (options.region)
    members = intersect(
      members,
      await index.filter({ regions: resolveRegionOption(options.region) }),
    );
  if (options.category)
    members = intersect(members, await index.filter({ categories: [options.category] }));
  const pool =
    members === null
      ? index.articles
      : [...members].map((id) => index.get(id)).filter((a) => a !== undefined);
  // The newest MAX_HITS through a heap: sorting 100,000 articles to show five is the slow part.
  const heap = new TopK(MAX_HITS);
  pool.forEach((article, i) => {
    if (article.publishedAt === null || article.publishedAt <= options.asOf) {
      heap.offer(i, dayNumber(article.publishedAt));
    }
  });
  return heap
    .sorted()
    .map(({ doc }) => ({ article: pool[doc] as AnalyzedArticle, score: 0, event: null }));
}
