/**
 * What the as-of day allows a question to see: articles published on or before it (the clock
 * sees only the past: with --as-of 2025-04-10 a 2026 notice cannot answer), and which calls are
 * open on it ("접수 중인", "open calls").
 */

import { type DocList, unionDocs } from "../index/doc-list.ts";
import { dateNumber } from "../index/doc-store.ts";
import type { SearchIndex } from "../index/search-index.ts";
import type { ApplicationStatus } from "../types.ts";

interface Latest {
  /** The latest publication day in the index (YYYYMMDD). */
  day: number;
  /** The visible documents of the last as-of day asked, kept while the same day is asked. */
  asOf: number;
  docs: DocList | null;
}

const latestOf = new WeakMap<SearchIndex, Latest>();

/**
 * The documents published on or before `asOf`, sorted; null when that is every document (the
 * bot asks as of today, so almost always). An article without a known publication day counts as
 * published: nothing says it is from the future.
 */
export function publishedBy(index: SearchIndex, asOf: string): DocList | null {
  const published = index.columns.publishedDay;
  let latest = latestOf.get(index);
  if (!latest) {
    latest = { day: published.reduce((max, day) => Math.max(max, day), 0), asOf: -1, docs: null };
    latestOf.set(index, latest);
  }
  const day = dateNumber(asOf);
  if (latest.day <= day) return null;
  if (latest.asOf !== day) {
    const docs: number[] = [];
    for (let doc = 0; doc < published.length; doc++)
      if ((published[doc] as number) <= day) docs.push(doc);
    latest.asOf = day;
    latest.docs = Int32Array.from(docs);
  }
  return latest.docs;
}

/** True when the article is published on or before `asOf` (or its publication day is unknown). */
export function isPublishedBy(index: SearchIndex, doc: number, asOf: string): boolean {
  return (index.columns.publishedDay[doc] as number) <= dateNumber(asOf);
}

/** Statuses whose application has no end date but is open once it has started. */
const OPEN_ENDED: ReadonlySet<ApplicationStatus> = new Set([
  "rolling",
  "until-budget",
  "first-come",
]);

const openEndedOf = new WeakMap<SearchIndex, DocList>();

/**
 * The calls open on `asOf`: a dated period that contains it (no start = open since publication),
 * or a rolling / until-budget / first-come application that started on or before it in the same
 * year (its start, else its publication day; neither known counts as started).
 */
export function openOn(index: SearchIndex, asOf: string): DocList {
  let openEnded = openEndedOf.get(index);
  if (!openEnded) {
    const docs: number[] = [];
    for (let doc = 0; doc < index.size; doc++)
      if (OPEN_ENDED.has(index.article(doc).application.status)) docs.push(doc);
    openEnded = Int32Array.from(docs);
    openEndedOf.set(index, openEnded);
  }
  const startOf = (doc: number) => {
    const article = index.article(doc);
    return article.application.start ?? article.publishedAt;
  };
  const started = (doc: number) => {
    const start = startOf(doc);
    return start === null || start <= asOf;
  };
  // Programmes run on a year's budget: "예산 소진 시까지" from 2021 is not open in 2026.
  const year = asOf.slice(0, 4);
  const startedThisYear = (doc: number) => {
    const start = startOf(doc);
    return start === null || (start <= asOf && start.slice(0, 4) === year);
  };
  const dated = index.columns.applicationEndsBetween(asOf, "9999-12-31").filter(started);
  return unionDocs([dated, openEnded.filter(startedThisYear)]);
}
