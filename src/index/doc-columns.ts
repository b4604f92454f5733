import { withAncestors } from "../data/gazetteer.ts";
import type { ApplicationStatus } from "../types.ts";
import { DayIndex } from "./day-index.ts";
import { marks, unionSorted } from "./doc-set.ts";
import { APPLICATION_STATUSES, type DocStoreData, dateNumber, EVENT_KINDS } from "./doc-store.ts";
import { intersectSorted } from "./postings.ts";

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
  /** The application has any of these statuses. */
  applicationStatuses?: readonly ApplicationStatus[];
}

/** Sorted document numbers under each key. */
class KeyIndex {
  private readonly lists = new Map<string, number[]>();

  add(key: string, doc: number): void {
    let list = this.lists.get(key);
    if (!list) {
      list = [];
      this.lists.set(key, list);
    }
    // Documents arrive in order, so each list is sorted; a repeated key adds nothing.
    if (list.at(-1) !== doc) list.push(doc);
  }

  build(): Map<string, Int32Array> {
    return new Map([...this.lists].map(([key, list]) => [key, Int32Array.from(list)]));
  }
}

/** How many sets of category marks a DocColumns keeps (categoryMarks). */
const MARKS_KEPT = 32;

/**
 * The structured side of every article as columns by document number, built from the stored
 * articles (DocStore) when the index is built or loaded: the one place questions filter and order
 * on facts — regions with their ancestors, categories, event kinds, application status and end,
 * event days, publication date — in the shape a question over 25,000 candidates wants: sorted
 * lists to intersect and arrays to index. (Orama held the same facts and answered /deadlines as
 * Sets of string ids; at 100,000 articles a large province made those Sets the slowest part of the
 * slowest questions. It is now only a bench peer.)
 *
 * The documents are those of `parts` one after the other; documents marked in `dead` are in no
 * list (an index updated in place keeps a replaced article's number, out of every answer).
 */
export class DocColumns {
  /** Publication day as YYYYMMDD, 0 when unknown. */
  readonly publishedDay: Int32Array;
  /** How many document numbers there are (the length of per-document arrays). */
  readonly documentCount: number;
  private readonly regions: Map<string, Int32Array>;
  private readonly categories: Map<string, Int32Array>;
  /** Articles with at least one event of each kind (seminar, fair, …). */
  private readonly eventKinds: Map<string, Int32Array>;
  private readonly applicationStatus: Uint8Array;
  private readonly applicationEnds: DayIndex;
  /** The start and end day of every event. */
  private readonly eventDays: DayIndex;
  private readonly dead: Uint8Array | null;
  private readonly categoryMarksByKey = new Map<string, Uint8Array>();
  private live: Int32Array | null = null;

  constructor(parts: readonly DocStoreData[], dead: Uint8Array | null = null) {
    const count = parts.reduce((sum, part) => sum + part.published.length, 0);
    this.documentCount = count;
    this.dead = dead;
    this.publishedDay = new Int32Array(count);
    this.applicationStatus = new Uint8Array(count);
    const appEnd = new Int32Array(count);
    const regions = new KeyIndex();
    const categories = new KeyIndex();
    const eventKinds = new KeyIndex();
    const eventDays: number[][] = [];
    let base = 0;
    for (const part of parts) {
      this.publishedDay.set(part.published, base);
      this.applicationStatus.set(part.appStatus, base);
      appEnd.set(part.appEnd, base);
      // Each region with its ancestors, worked out once per name rather than once per article.
      const regionKeys = part.regionNames.map((code) => withAncestors([code]));
      const { events } = part;
      for (let d = 0; d < part.published.length; d++) {
        const doc = base + d;
        if (dead?.[doc]) {
          appEnd[doc] = 0;
          continue;
        }
        for (
          let k = part.regions.offsets[d] as number;
          k < (part.regions.offsets[d + 1] as number);
          k++
        )
          for (const code of regionKeys[part.regions.keys[k] as number] as string[])
            regions.add(code, doc);
        for (
          let k = part.categories.offsets[d] as number;
          k < (part.categories.offsets[d + 1] as number);
          k++
        )
          categories.add(part.categoryNames[part.categories.keys[k] as number] as string, doc);
        const from = events.offsets[d] as number;
        const to = events.offsets[d + 1] as number;
        if (from === to) continue;
        const days: number[] = [];
        for (let e = from; e < to; e++) {
          eventKinds.add(EVENT_KINDS[events.kinds[e] as number] as string, doc);
          const start = events.starts[e] as number;
          const end = events.ends[e] as number;
          days.push(start, end === 0 ? start : end);
        }
        eventDays[doc] = days;
      }
      base += part.published.length;
    }
    this.regions = regions.build();
    this.categories = categories.build();
    this.eventKinds = eventKinds.build();
    this.applicationEnds = new DayIndex(count, (doc) => {
      const end = appEnd[doc] as number;
      return end === 0 ? [] : [end];
    });
    this.eventDays = new DayIndex(count, (doc) => eventDays[doc] ?? []);
  }

  /** Every article, as a document list. */
  all(): Int32Array {
    if (this.live === null) {
      const live: number[] = [];
      for (let doc = 0; doc < this.documentCount; doc++) if (!this.dead?.[doc]) live.push(doc);
      this.live = Int32Array.from(live);
    }
    return this.live;
  }

  /** Articles whose application has any of these statuses. */
  withApplicationStatus(statuses: readonly ApplicationStatus[]): Int32Array {
    const wanted = new Uint8Array(APPLICATION_STATUSES.length);
    for (const status of statuses) {
      const at = APPLICATION_STATUSES.indexOf(status);
      if (at >= 0) wanted[at] = 1;
    }
    const found: number[] = [];
    const column = this.applicationStatus;
    for (let doc = 0; doc < this.documentCount; doc++)
      if (wanted[column[doc] as number] === 1 && !this.dead?.[doc]) found.push(doc);
    return Int32Array.from(found);
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

  /**
   * One byte per document, 1 when tagged with any of these categories: made once per set of
   * categories (a typed question needs them; 100,000 bytes per question were garbage). Shared:
   * read them, never write to them.
   */
  categoryMarks(ids: readonly string[]): Uint8Array {
    const key = ids.join("\n");
    let marked = this.categoryMarksByKey.get(key);
    if (marked === undefined) {
      marked = marks(this.inCategories(ids), this.documentCount);
      // Questions combine a handful of categories; a bound keeps odd combinations from piling up.
      if (this.categoryMarksByKey.size >= MARKS_KEPT) this.categoryMarksByKey.clear();
      this.categoryMarksByKey.set(key, marked);
    }
    return marked;
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
    if (filter.applicationStatuses?.length)
      lists.push(this.withApplicationStatus(filter.applicationStatuses));
    return lists.length === 0 ? null : intersectSorted(lists);
  }
}
