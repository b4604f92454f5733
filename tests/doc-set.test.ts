import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DayIndex } from "../src/index/day-index.ts";
import { docsWithin } from "../src/index/doc-list.ts";
import { presentInAny, seek, sortedUnique, unionSorted } from "../src/index/doc-set.ts";
import { intersectSorted } from "../src/index/postings.ts";
import { TextScores } from "../src/index/text-engine.ts";

const DOCS = 400;
const doc = fc.integer({ min: 0, max: DOCS - 1 });
/** Sorted, duplicate-free lists from empty to dense, so both the merge and the gallop paths run. */
const docList = fc
  .oneof(
    fc.uniqueArray(doc, { maxLength: 8 }),
    fc.uniqueArray(doc, { maxLength: 60 }),
    fc.uniqueArray(doc, { minLength: 150, maxLength: DOCS }),
  )
  .map((a) => Int32Array.from(a.sort((x, y) => x - y)));

const naiveSorted = (docs: Iterable<number>) => [...new Set(docs)].sort((a, b) => a - b);

describe("sorted document lists", () => {
  it("sorts and deduplicates few or many documents", () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 600 }), (docs) => {
        expect([...sortedUnique(Int32Array.from(docs), DOCS)]).toEqual(naiveSorted(docs));
      }),
    );
  });

  it("unions and intersects like Sets, for lists of any relative size", () => {
    fc.assert(
      fc.property(fc.array(docList, { minLength: 1, maxLength: 4 }), (lists) => {
        expect([...unionSorted(lists)]).toEqual(naiveSorted(lists.flatMap((l) => [...l])));
        const inAll = [...(lists[0] as Int32Array)].filter((d) =>
          lists.every((l) => l.includes(d)),
        );
        expect([...intersectSorted(lists)]).toEqual(inAll);
      }),
    );
  });

  it("narrows a list to the members of a standing list, through its mask, as intersecting would", () => {
    fc.assert(
      fc.property(docList, fc.array(docList, { minLength: 1, maxLength: 3 }), (within, lists) => {
        // The same `within` for every list: its mask is made once and must answer for all.
        for (const list of lists)
          expect([...docsWithin(within, list, DOCS)]).toEqual(
            [...list].filter((d) => within.includes(d)),
          );
      }),
    );
  });

  it("seeks the first position at or after a start whose document is not smaller", () => {
    fc.assert(
      fc.property(docList, doc, fc.nat(), (docs, target, start) => {
        const from = start % (docs.length + 1);
        let expected = from;
        while (expected < docs.length && (docs[expected] as number) < target) expected++;
        expect(seek(docs, from, target)).toBe(expected);
      }),
    );
  });

  it("keeps the wanted documents present in any list", () => {
    fc.assert(
      fc.property(docList, fc.array(docList, { maxLength: 3 }), (wanted, lists) => {
        expect([...presentInAny(wanted, lists, DOCS)]).toEqual(
          [...wanted].filter((d) => lists.some((l) => l.includes(d))),
        );
      }),
    );
  });

  it("looks up the score of any document", () => {
    fc.assert(
      fc.property(docList, (docs) => {
        const scores = new TextScores(
          docs,
          Float64Array.from(docs, (d) => d + 0.5),
        );
        for (let d = 0; d < DOCS; d++)
          expect(scores.scoreOf(d)).toBe(docs.includes(d) ? d + 0.5 : undefined);
      }),
    );
  });
});

describe("day index", () => {
  it("lists the documents with some day in an inclusive range", () => {
    const day = fc.integer({ min: 20250101, max: 20250131 });
    fc.assert(
      fc.property(
        fc.array(fc.array(day, { maxLength: 4 }), { minLength: 1, maxLength: 80 }),
        day,
        day,
        (days, from, to) => {
          const index = new DayIndex(days.length, (d) => days[d] ?? []);
          const expected = days.flatMap((list, d) =>
            list.some((x) => x >= from && x <= to) ? [d] : [],
          );
          expect([...index.between(from, to)]).toEqual(expected);
        },
      ),
    );
  });
});
