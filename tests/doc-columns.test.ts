import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, prepareCorpus, SEED_DIR } from "../bench/corpus.ts";
import { withAncestors } from "../src/data/gazetteer.ts";
import { buildIndex } from "../src/index/build.ts";
import type { DocFilter } from "../src/index/doc-columns.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { addDays } from "../src/time/calendar.ts";
import type { AnalyzedArticle } from "../src/types.ts";

let index: SearchIndex;
let articles: AnalyzedArticle[];
beforeAll(async () => {
  // Real articles: a sample of ../shared/corpus when it is there, the shipped seed otherwise.
  const data = existsSync(CORPUS_DIR)
    ? (await prepareCorpus(600, { root: mkdtempSync(join(tmpdir(), "jiwon-columns-")) })).dir
    : SEED_DIR;
  index = await buildIndex([data]);
  articles = Array.from({ length: index.size }, (_, doc) => index.article(doc));
});

const inWindow = (day: string, from: string, to: string) => day >= from && day <= to;

/** What a filter means, said one article at a time. */
function passes(article: AnalyzedArticle, filter: DocFilter): boolean {
  const { regions, categories, eventKinds, applicationEnds: ends, eventDays: days } = filter;
  if (regions?.length && !withAncestors(article.regions).some((r) => regions.includes(r)))
    return false;
  if (categories?.length && !article.categories.some((c) => categories.includes(c))) return false;
  if (eventKinds?.length && !article.events.some((e) => eventKinds.includes(e.kind))) return false;
  const end = article.application.end;
  if (ends && (end === null || !inWindow(end, ends.from, ends.to))) return false;
  if (
    days &&
    !article.events.some(
      (e) =>
        inWindow(e.start, days.from, days.to) || inWindow(e.end ?? e.start, days.from, days.to),
    )
  )
    return false;
  return true;
}

function scan(filter: DocFilter): number[] {
  return articles.flatMap((article, doc) => (passes(article, filter) ? [doc] : []));
}

describe("document columns: the one path for structured filters", () => {
  it("regions with their ancestors, one or several at a time", () => {
    const codes = [...new Set(articles.flatMap((a) => withAncestors(a.regions)))];
    expect(codes.length).toBeGreaterThan(3);
    for (const code of codes) {
      expect([...index.columns.inRegions([code])]).toEqual(scan({ regions: [code] }));
      expect([...(index.columns.select({ regions: [code] }) ?? [])]).toEqual(
        scan({ regions: [code] }),
      );
    }
    const several = codes.slice(0, 5);
    expect([...index.columns.inRegions(several)]).toEqual(scan({ regions: several }));
  });

  it("categories and event kinds", () => {
    const categories = [...new Set(articles.flatMap((a) => a.categories))];
    expect(categories.length).toBeGreaterThan(3);
    for (const category of categories)
      expect([...index.columns.inCategories([category])]).toEqual(scan({ categories: [category] }));
    const kinds = [...new Set(articles.flatMap((a) => a.events.map((e) => e.kind)))];
    expect(kinds.length).toBeGreaterThan(1);
    for (const kind of [...kinds.map((k) => [k]), kinds.slice(0, 2), ["no-such-kind"]])
      expect([...index.columns.withEventKinds(kind)]).toEqual(scan({ eventKinds: kind }));
  });

  it("application ends and event days in windows from a day to a year", () => {
    let found = 0;
    const starts = [...new Set(articles.flatMap((a) => a.events.map((e) => e.start)))].slice(0, 3);
    for (const from of ["2021-12-01", "2025-03-01", "2025-04-10", "2026-01-15", ...starts]) {
      for (const days of [0, 1, 7, 30, 365]) {
        const window = { from, to: addDays(from, days) };
        const ends = index.columns.applicationEndsBetween(window.from, window.to);
        expect([...ends]).toEqual(scan({ applicationEnds: window }));
        const events = index.columns.eventDaysBetween(window.from, window.to);
        expect([...events]).toEqual(scan({ eventDays: window }));
        found += ends.length + events.length;
      }
    }
    expect(found).toBeGreaterThan(20);
  });

  it("select: every criterion at once, or none (null: no filter)", () => {
    expect(index.columns.select({})).toBeNull();
    expect(index.columns.select({ regions: [], categories: [] })).toBeNull();
    const region = withAncestors(articles.find((a) => a.regions.length > 0)?.regions ?? [])[0];
    const filters: DocFilter[] = [
      { regions: [region as string], categories: ["call", "startup"] },
      { categories: ["subsidy"], applicationEnds: { from: "2025-01-01", to: "2026-12-31" } },
      { eventKinds: ["seminar", "course"], eventDays: { from: "2021-01-01", to: "2026-12-31" } },
      {
        regions: ["11"],
        categories: ["training"],
        eventDays: { from: "2025-01-01", to: "2025-12-31" },
      },
    ];
    let found = 0;
    for (const filter of filters) {
      const selected = [...(index.columns.select(filter) ?? [])];
      expect(selected).toEqual(scan(filter));
      found += selected.length;
    }
    expect(found).toBeGreaterThan(5);
  });
});
