import { withAncestors } from "../data/gazetteer.ts";
import type { AnalyzedArticle } from "../types.ts";
import { DayIndex } from "./day-index.ts";
import { marks, unionSorted } from "./doc-set.ts";
import { intersectSorted } from "./postings.ts";

/** A calendar date YYYY-MM-DD as the number YYYYMMDD: sortable, comparable, readable. */
export function dateNumber(date: string): number {
  return Number(date.replaceAll("-", ""));
}

/** A window of days, both ends included (YYYY-MM-DD). */
export interface DayWindow {
  from: string;
  to: string;
}

/** What a structured question asks of an article; every criterion given must hold. */
export interface DocFilter {
  /** Any of these region codes (a 시·도 holds its 시·군·구's articles). */
  regions?: readonly string[];
  categories?: readonly string[];
  /** An event of any of these kinds. */
  eventKinds?: readonly string[];
  /** The application ends within the window. */
  applicationEnds?: DayWindow;
  /** Some event starts or ends within the window. */
  eventDays?: DayWindow;
}

/** Sorted document numbers under each key, from per-document key lists. */
function docsByKey(
  articles: readonly AnalyzedArticle[],
  keysOf: (article: AnalyzedArticle) => readonly string[],
): Map<string, Int32Array> {
  const lists = new Map<string, number[]>();
  articles.forEach((article, doc) => {
    for (const key of keysOf(article)) {
      let list = lists.get(key);
      if (!list) {
        list = [];
        lists.set(key, list);
      }
      // Documents arrive in order, so each list is sorted; a repeated key adds nothing.
      if (list.at(-1) !== doc) list.push(doc);
    }
  });
  return new Map([...lists].map(([key, list]) => [key, Int32Array.from(list)]));
}

/**
 * The structured side of every article as columns by document number, built once with the index:
 * the one place questions filter and order on facts — regions with their ancestors, categories,
 * event kinds, application end, event days, publication date — in the shape a question over
 * 25,000 candidates wants: sorted lists to intersect and arrays to index. (Orama held the same
 * facts and answered /deadlines as Sets of string ids; at 100,000 articles a large province made
 * those Sets the slowest part of the slowest questions. It is now only a bench peer.)
 */
export class DocColumns {
  /** Publication day as YYYYMMDD, 0 when unknown. */
  readonly publishedDay: Int32Array;
  private readonly regions: Map<string, Int32Array>;
  private readonly categories: Map<string, Int32Array>;
  /** Articles with at least one event of each kind (seminar, fair, …). */
  private readonly eventKinds: Map<string, Int32Array>;
  private readonly applicationEnds: DayIndex;
  /** The start and end day of every event (as the record engine's eventDays). */
  private readonly eventDays: DayIndex;

  constructor(readonly articles: readonly AnalyzedArticle[]) {
    const count = articles.length;
    this.publishedDay = Int32Array.from(articles, (a) =>
      a.publishedAt ? dateNumber(a.publishedAt) : 0,
    );
    this.regions = docsByKey(articles, (a) => withAncestors(a.regions));
    this.categories = docsByKey(articles, (a) => a.categories);
    this.eventKinds = docsByKey(articles, (a) => a.events.map((e) => e.kind));
    this.applicationEnds = new DayIndex(count, (doc) => {
      const end = (articles[doc] as AnalyzedArticle).application.end;
      return end ? [dateNumber(end)] : [];
    });
    this.eventDays = new DayIndex(count, (doc) =>
      (articles[doc] as AnalyzedArticle).events.flatMap((e) => [
        dateNumber(e.start),
        dateNumber(e.end ?? e.start),
      ]),
    );
  }

  get documentCount(): number {
    return this.articles.length;
  }

  /** Articles in any of these regions (a 시·도 holds its 시·군·구's articles). */
  inRegions(codes: readonly string[]): Int32Array {
    return unionSorted(codes.map((code) => this.regions.get(code) ?? new Int32Array(0)));
  }

  /** Articles tagged with any of these categories. */
  inCategories(ids: readonly string[]): Int32Array {
    return unionSorted(ids.map((id) => this.categories.get(id) ?? new Int32Array(0)));
  }

  /** Articles with an event of any of these kinds (in any window). */
  withEventKinds(kinds: readonly string[]): Int32Array {
    return unionSorted(kinds.map((kind) => this.eventKinds.get(kind) ?? new Int32Array(0)));
  }

  /** One byte per document, 1 when tagged with any of these categories. */
  categoryMarks(ids: readonly string[]): Uint8Array {
    return marks(this.inCategories(ids), this.documentCount);
  }

  /** Articles whose application ends within [from, to] (YYYY-MM-DD, inclusive). */
  applicationEndsBetween(from: string, to: string): Int32Array {
    return this.applicationEnds.between(dateNumber(from), dateNumber(to));
  }

  /** Articles with an event starting or ending within [from, to] (YYYY-MM-DD, inclusive). */
  eventDaysBetween(from: string, to: string): Int32Array {
    return this.eventDays.between(dateNumber(from), dateNumber(to));
  }

  /** The articles passing every criterion of the filter, sorted; null when it has none. */
  select(filter: DocFilter): Int32Array | null {
    const lists: Int32Array[] = [];
    if (filter.regions?.length) lists.push(this.inRegions(filter.regions));
    if (filter.categories?.length) lists.push(this.inCategories(filter.categories));
    if (filter.eventKinds?.length) lists.push(this.withEventKinds(filter.eventKinds));
    const { applicationEnds: ends, eventDays: days } = filter;
    if (ends) lists.push(this.applicationEndsBetween(ends.from, ends.to));
    if (days) lists.push(this.eventDaysBetween(days.from, days.to));
    return lists.length === 0 ? null : intersectSorted(lists);
  }
}
