import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, generateCorpus, loadRealArticles, SEED_DIR } from "../bench/corpus.ts";
import { buildIndex } from "../src/index/build.ts";
import { mergePostings } from "../src/index/merge-postings.ts";
import { runStarts, workerCountFor } from "../src/index/parallel-build.ts";
import type { PostingsData } from "../src/index/postings.ts";
import { PostingsBuilder } from "../src/index/postings-builder.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { TermIds } from "../src/index/term-ids.ts";

type Doc = { terms: string[]; weight: number }[];

/** The builder as it was before the integer tables and flat arrays: a Map and plain arrays. */
function referencePostings(docs: Doc[]): PostingsData {
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const perDoc: Map<number, number>[] = [];
  const lengths: number[] = [];
  for (const fields of docs) {
    const counts = new Map<number, number>();
    let length = 0;
    for (const { terms: fieldTerms, weight } of fields) {
      length += fieldTerms.length * weight;
      for (const term of fieldTerms) {
        let id = ids.get(term);
        if (id === undefined) {
          id = terms.length;
          ids.set(term, id);
          terms.push(term);
        }
        counts.set(id, (counts.get(id) ?? 0) + weight);
      }
    }
    perDoc.push(counts);
    lengths.push(length);
  }
  const lists = terms.map(() => ({ docs: [] as number[], weights: [] as number[] }));
  perDoc.forEach((counts, doc) => {
    for (const [id, weight] of counts) {
      lists[id]?.docs.push(doc);
      lists[id]?.weights.push(weight);
    }
  });
  const offsets = new Int32Array(terms.length + 1);
  lists.forEach((list, t) => {
    offsets[t + 1] = (offsets[t] as number) + list.docs.length;
  });
  return {
    terms,
    offsets,
    docs: Int32Array.from(lists.flatMap((l) => l.docs)),
    weights: Float32Array.from(lists.flatMap((l) => l.weights)),
    lengths: Float32Array.from(lengths),
  };
}

function build(docs: Doc[]): PostingsData {
  const builder = new PostingsBuilder();
  for (const doc of docs) builder.add(doc);
  return builder.build();
}

// Short terms (the packed-integer table) and long ones (the hashed table), edge units included.
const term = fc.oneof(
  fc.constantFrom("가", "가나", "나가", "a", "ab", "\uffff", "a\uffff", "\uffffa", "", "\u0000"),
  fc.string({ minLength: 1, maxLength: 2, unit: "grapheme" }),
  fc.string({ minLength: 0, maxLength: 6 }),
);
const doc: fc.Arbitrary<Doc> = fc.array(
  fc.record({ terms: fc.array(term, { maxLength: 12 }), weight: fc.constantFrom(1, 3, 0.5) }),
  { minLength: 1, maxLength: 3 },
);

describe("term ids", () => {
  it("number terms by first appearance, as a Map would", () => {
    fc.assert(
      fc.property(fc.array(term, { maxLength: 400 }), (terms) => {
        const ids = new TermIds();
        const map = new Map<string, number>();
        for (const t of terms) {
          if (!map.has(t)) map.set(t, map.size);
          expect(ids.intern(t)).toBe(map.get(t));
        }
        expect(ids.terms).toEqual([...map.keys()]);
      }),
    );
  });

  it("survive many growths of both tables", () => {
    const ids = new TermIds();
    const terms = Array.from({ length: 30_000 }, (_, i) =>
      i % 2 === 0 ? String.fromCharCode(0xac00 + (i % 11172), 0xac00 + (i >> 4)) : `w${i}`,
    );
    const expected = new Map<string, number>();
    for (const t of terms) if (!expected.has(t)) expected.set(t, expected.size);
    for (const t of [...terms, ...terms]) expect(ids.intern(t)).toBe(expected.get(t));
  });
});

describe("postings builder", () => {
  it("packs exactly what the Map-based builder packed", () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 40 }), (docs) => {
        expect(build(docs)).toEqual(referencePostings(docs));
      }),
    );
  });
});

describe("mergePostings", () => {
  it("equals one build over all documents, wherever the runs are cut", () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (docs, cuts) => {
          const bounds = [...new Set([0, ...cuts.map((c) => c % docs.length), docs.length])].sort(
            (a, b) => a - b,
          );
          const parts = bounds.slice(1).map((end, i) => build(docs.slice(bounds[i], end)));
          expect(mergePostings(parts)).toEqual(build(docs));
        },
      ),
    );
  });

  it("keeps empty runs harmless", () => {
    const docs: Doc[] = [[{ terms: ["가나", "다", "long term"], weight: 3 }]];
    expect(mergePostings([build([]), build(docs), build([])])).toEqual(build(docs));
  });
});

describe("runs of a parallel build", () => {
  it("cover every article once, in order, none empty", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200_000 }), fc.integer({ min: 1, max: 3 }), (n, w) => {
        const workers = Math.min(w, n - 1);
        const starts = runStarts(n, workers);
        expect(starts).toHaveLength(workers + 1);
        expect(starts[0]).toBe(0);
        const ends = [...starts.slice(1), n];
        for (const [i, start] of starts.entries()) expect(ends[i]).toBeGreaterThan(start);
      }),
    );
  });

  it("stay in one thread for small builds", () => {
    expect(workerCountFor(100)).toBe(0);
    expect(workerCountFor(100, { minArticles: 0, workers: 2 })).toBe(2);
    expect(workerCountFor(1, { minArticles: 0, workers: 2 })).toBe(0);
  });
});

describe("a parallel build", () => {
  // 400 real articles (a seeded sample of every source of ../shared/corpus when it is there; on a
  // clean clone the seed's articles and synthetic ones made from them), as JSONL.
  let data: string;
  let sequential: SearchIndex;
  beforeAll(async () => {
    const real = existsSync(CORPUS_DIR) ? loadRealArticles() : loadRealArticles([SEED_DIR]);
    const dir = mkdtempSync(join(tmpdir(), "jiwon-parallel-"));
    data = join(dir, "articles.jsonl");
    const records = generateCorpus(400, { real, seed: 7 });
    writeFileSync(data, `${records.map((r) => JSON.stringify(r)).join("\n")}\n`);
    sequential = await buildIndex([data], { workers: 0 });
  });

  it.each([1, 2])("on %i worker(s) builds exactly the one-thread index", async (workers) => {
    let threads = 0;
    const parallel = await buildIndex([data], {
      workers,
      minArticles: 0,
      onStages: (stages) => {
        threads = stages.threads;
      },
    });
    expect(threads).toBe(workers + 1);
    expect(parallel.allArticles()).toHaveLength(400);
    expect(JSON.stringify(parallel.allArticles())).toBe(JSON.stringify(sequential.allArticles()));
    expect(parallel.text.data).toEqual(sequential.text.data);
    expect(parallel.suggestions.toJSON()).toEqual(sequential.suggestions.toJSON());
    expect(parallel.meta.sourceHash).toBe(sequential.meta.sourceHash);
    expect(parallel.meta.report).toEqual(sequential.meta.report);
  });

  it("falls back to one thread when a worker crashes, and says so", async () => {
    const crashes: string[] = [];
    let threads = 0;
    const index = await buildIndex([data], {
      workers: 1,
      minArticles: 0,
      workerEntry: new URL("./support/crashing-worker-entry.js", import.meta.url),
      onWorkerCrash: (error) => crashes.push(error.message),
      onStages: (stages) => {
        threads = stages.threads;
      },
    });
    expect(crashes).toEqual(["build worker exited with code 3 before answering"]);
    expect(threads).toBe(1);
    expect(JSON.stringify(index.allArticles())).toBe(JSON.stringify(sequential.allArticles()));
    expect(index.text.data).toEqual(sequential.text.data);
  });
});
