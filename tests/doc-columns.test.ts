import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withAncestors } from "../src/extract/gazetteer.ts";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { addDays } from "../src/time/calendar.ts";

let index: SearchIndex;
beforeAll(async () => {
  index = await buildIndex([join(import.meta.dirname, "../index-data")]);
});

/** The ids of sorted document numbers, as the record engine reports them. */
function ids(docs: Int32Array): string[] {
  return [...docs].map((doc) => index.articles[doc]?.id as string).sort();
}

async function oramaIds(filter: Parameters<SearchIndex["filter"]>[0]): Promise<string[]> {
  return [...((await index.filter(filter)) ?? [])].sort();
}

describe("document columns answer as the record engine (Orama) does, on the seed", () => {
  it("regions with their ancestors, one or several at a time", async () => {
    const codes = [...new Set(index.articles.flatMap((a) => withAncestors(a.regions)))];
    expect(codes.length).toBeGreaterThan(3);
    for (const code of codes)
      expect(ids(index.columns.inRegions([code]))).toEqual(await oramaIds({ regions: [code] }));
    const several = codes.slice(0, 5);
    expect(ids(index.columns.inRegions(several))).toEqual(await oramaIds({ regions: several }));
  });

  it("categories", async () => {
    const categories = [...new Set(index.articles.flatMap((a) => a.categories))];
    for (const category of categories) {
      expect(ids(index.columns.inCategories([category]))).toEqual(
        await oramaIds({ categories: [category] }),
      );
    }
  });

  it("application ends and event days in windows from a day to a year", async () => {
    let found = 0;
    for (const from of ["2025-03-01", "2025-04-10", "2025-05-13"]) {
      for (const days of [0, 1, 7, 30, 365]) {
        const window = { from, to: addDays(from, days) };
        expect(ids(index.columns.applicationEndsBetween(window.from, window.to))).toEqual(
          await oramaIds({ appEnd: window }),
        );
        expect(ids(index.columns.eventDaysBetween(window.from, window.to))).toEqual(
          await oramaIds({ eventDay: window }),
        );
        found += index.columns.applicationEndsBetween(window.from, window.to).length;
        found += index.columns.eventDaysBetween(window.from, window.to).length;
      }
    }
    expect(found).toBeGreaterThan(20);
  });
});

describe("event kinds", () => {
  it("lists exactly the articles with an event of an asked kind", () => {
    const kinds = [...new Set(index.articles.flatMap((a) => a.events.map((e) => e.kind)))];
    expect(kinds.length).toBeGreaterThan(1);
    for (const kind of [...kinds.map((k) => [k]), kinds.slice(0, 2), ["no-such-kind"]]) {
      const expected = index.articles
        .filter((a) => a.events.some((e) => kind.includes(e.kind)))
        .map((a) => a.id)
        .sort();
      expect(ids(index.columns.withEventKinds(kind))).toEqual(expected);
    }
  });
});
