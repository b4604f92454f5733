import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unionSorted } from "../src/index/doc-set.ts";
import {
  intersectSorted,
  intersectWithBitmaps,
  PostingsIndex,
  Scratch,
} from "../src/index/postings.ts";
import { PostingsBuilder } from "../src/index/postings-builder.ts";
import {
  readSnapshotFile,
  SnapshotFormatError,
  writeSnapshotFile,
} from "../src/index/snapshot-file.ts";
import { TextEngine } from "../src/index/text-engine.ts";
import { analyzeForIndex, TextEngineBuilder } from "../src/index/text-engine-builder.ts";
import { TopK } from "../src/index/top-k.ts";

describe("TopK", () => {
  it("returns exactly what a full sort would, ties by document number", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 50 }),
        (scores, k) => {
          const heap = new TopK(k);
          for (const [doc, score] of scores.entries()) heap.offer(doc, score);
          const expected = scores
            .map((score, doc) => ({ doc, score }))
            .sort((a, b) => b.score - a.score || a.doc - b.doc)
            .slice(0, k);
          expect(heap.sorted()).toEqual(expected);
          // sorted() leaves the heap as it was.
          expect(heap.sorted()).toEqual(expected);
        },
      ),
    );
  });

  it("grows past its first capacity, keeps nothing for k ≤ 0, and reports the floor to beat", () => {
    const scores = Array.from({ length: 1000 }, (_, doc) => (doc * 7919) % 1009);
    const heap = new TopK(600);
    for (const [doc, score] of scores.entries()) heap.offer(doc, score);
    const expected = scores
      .map((score, doc) => ({ doc, score }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc)
      .slice(0, 600);
    expect(heap.sorted()).toEqual(expected);
    expect(heap.length).toBe(600);
    expect(heap.floor).toBe(expected[599]?.score);
    expect(heap.floorDoc).toBe(expected[599]?.doc);
    const empty = new TopK(0);
    empty.offer(1, 5);
    expect(empty.sorted()).toEqual([]);
    const filling = new TopK(3);
    filling.offer(4, 1);
    expect(filling.floor).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("postings", () => {
  it("intersects sorted lists like a naive filter", () => {
    const sortedSet = fc
      .uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 200 })
      .map((a) => Int32Array.from(a.sort((x, y) => x - y)));
    fc.assert(
      fc.property(fc.array(sortedSet, { minLength: 1, maxLength: 4 }), (lists) => {
        const naive = [...(lists[0] as Int32Array)].filter((d) =>
          lists.every((l) => l.includes(d)),
        );
        expect([...intersectSorted(lists)]).toEqual(naive);
      }),
    );
  });

  it("intersects through bitmaps like a naive filter, with or without a lent buffer", () => {
    const documentCount = 300;
    const sortedSet = fc
      .uniqueArray(fc.integer({ min: 0, max: documentCount - 1 }), { maxLength: 250 })
      .map((a) => Int32Array.from(a.sort((x, y) => x - y)));
    const bitmapOf = (list: Int32Array) => {
      const bits = new Uint32Array((documentCount + 31) >>> 5);
      for (const doc of list) bits[doc >>> 5] = (bits[doc >>> 5] as number) | (1 << (doc & 31));
      return bits;
    };
    // Garbage in the lent room, and too little of it for some intersections (then fresh arrays).
    const scratch = new Scratch(new Int32Array(600).fill(-7));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sortedSet, fc.boolean()), { minLength: 1, maxLength: 5 }),
        (pairs) => {
          const lists = pairs.map(([list]) => list);
          const bitmaps = pairs.map(([list, withBits]) => (withBits ? bitmapOf(list) : null));
          const naive = [...(lists[0] as Int32Array)].filter((d) =>
            lists.every((l) => l.includes(d)),
          );
          expect([...intersectWithBitmaps(lists, bitmaps)]).toEqual(naive);
          scratch.reset();
          expect([...intersectWithBitmaps(lists, bitmaps, scratch)]).toEqual(naive);
        },
      ),
    );
  });

  it("keeps a bitmap of exactly the terms in at least 1/32 of the documents", () => {
    const builder = new PostingsBuilder();
    for (let doc = 0; doc < 100; doc++) {
      const terms = ["흔한"];
      if (doc % 25 === 0) terms.push("네번");
      if (doc === 7) terms.push("한번");
      builder.add([{ terms, weight: 1 }]);
    }
    const data = builder.build();
    const plain = new PostingsIndex(data);
    const index = new PostingsIndex(data, { bitmaps: true });
    expect(plain.bitmap("흔한")).toBeNull();
    expect(index.bitmap("한번")).toBeNull();
    expect(index.bitmap("없는")).toBeNull();
    for (const term of ["흔한", "네번"]) {
      const bits = index.bitmap(term);
      expect(bits).not.toBeNull();
      const docs = Array.from({ length: 100 }, (_, doc) => doc).filter(
        (doc) => (((bits as Uint32Array)[doc >>> 5] as number) >>> (doc & 31)) & 1,
      );
      expect(docs).toEqual([...(index.postings(term)?.docs ?? [])]);
    }
  });

  it("packs weighted term counts per document in document order", () => {
    const builder = new PostingsBuilder();
    builder.add([{ terms: ["관세", "관세", "평택"], weight: 1 }]);
    builder.add([
      { terms: ["고양"], weight: 3 },
      { terms: ["관세"], weight: 1 },
    ]);
    const index = new PostingsIndex(builder.build());
    expect([...(index.postings("관세")?.docs ?? [])]).toEqual([0, 1]);
    expect([...(index.postings("관세")?.weights ?? [])]).toEqual([2, 1]);
    expect([...(index.postings("고양")?.weights ?? [])]).toEqual([3]);
    expect(index.postings("부산")).toBeNull();
    expect([...index.data.lengths]).toEqual([3, 4]);
  });
});

describe("text engine", () => {
  const texts = [
    [
      "평택시 관세 대응 회의",
      "평택시는 미국 관세 정책에 따른 대응 방안을 논의했다. 평택직할세관이 참여했다.",
    ],
    ["고양시 세무 설명회", "고양특례시는 세무 설명회를 개최한다. 이동환 시장은 인사말을 했다."],
    ["서울시 부시장 간담회", "김태균 서울시 행정1부시장이 참석했다. 전력시장 이야기도 나왔다."],
  ];
  const builder = new TextEngineBuilder();
  for (const [title, body] of texts) builder.add(analyzeForIndex(title as string, body as string));
  const engine = new TextEngine(builder.build());
  const ranked = (q: string) =>
    engine
      .score(q.split(" "))
      .top(10)
      .map((r) => r.doc);

  it("finds words with particles, compounds through bigrams, and ranks whole words first", () => {
    expect(ranked("관세를")).toEqual([0]);
    expect(ranked("세관")).toEqual([0]);
    expect(ranked("설명회")).toEqual([1]);
    expect(ranked("시장")).toEqual([1, 2]);
  });

  it("ranks, scores filtered documents and lists matches as its full scores say", () => {
    for (const text of [
      "시장",
      "관세를",
      "세관",
      "설명회",
      "평택시 관세",
      "중소기업을",
      "없는말",
    ]) {
      const q = text.split(" ");
      const full = engine.score(q);
      expect(engine.top(q, 2)).toEqual({ top: full.top(2), total: full.size });
      const all = Int32Array.from(texts.keys());
      expect([...engine.scoresOf(q, all)]).toEqual([...all].map((d) => full.scoreOf(d) ?? 0));
      expect([...unionSorted(engine.matchingLists(q))]).toEqual([...full.docs]);
    }
  });

  it("gives the top of a query exactly as scoring every match would, however many lists it has", () => {
    // Few syllables, so that words share bigrams, and at 64 documents most bigrams have bitmaps.
    const syllables = ["가", "나", "다", "라", "마", "바"];
    const word = fc
      .array(fc.constantFrom(...syllables), { minLength: 1, maxLength: 4 })
      .map((s) => s.join(""));
    const text = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 64 }),
        fc.array(fc.array(word, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 30 }),
        (docs, queries, k) => {
          const built = new TextEngineBuilder();
          for (const [title, body] of docs) built.add(analyzeForIndex(title, body));
          const random = new TextEngine(built.build());
          const all = Int32Array.from(docs.keys());
          for (const words of queries) {
            const q = words.slice(0, -1);
            const parts = words.slice(-1);
            const matching = [...unionSorted(random.matchingLists(q))];
            // Twice: the second time reuses what the first one borrowed.
            for (let round = 0; round < 2; round++) {
              const full = random.score(q);
              expect(random.top(q, k)).toEqual({ top: full.top(k), total: full.size });
              // Scores of some documents (a filter's members), as scoring every match gives them.
              const some = all.filter((doc) => (doc * 7 + round + k) % 3 !== 0);
              expect([...random.scoresOf(q, some)]).toEqual(
                [...some].map((doc) => full.scoreOf(doc) ?? 0),
              );
              // Only the matches among them: a broad list (masked) and a narrow one (slots).
              const few = all.filter((doc) => (doc + round + k) % 5 === 0);
              for (const members of [some, few, all]) {
                const matches = random.matchesIn(q, members);
                const expected = [...members].filter((doc) => full.scoreOf(doc) !== undefined);
                expect([...matches.docs]).toEqual(expected);
                expect([...matches.scores]).toEqual(expected.map((doc) => full.scoreOf(doc)));
                // The best k of them, straight from the postings.
                const best = expected
                  .map((doc) => ({ doc, score: full.scoreOf(doc) as number }))
                  .sort((x, y) => y.score - x.score || x.doc - y.doc)
                  .slice(0, k);
                expect(random.topIn(q, members, k)).toEqual({ top: best, total: expected.length });
              }
              // With whole-word parts, against the accumulator's scores of every document.
              const scores = random.scoresOf(q, all, parts);
              const matched = [...all].filter((doc) => (scores[doc] as number) > 0);
              const best = matched
                .map((doc) => ({ doc, score: scores[doc] as number }))
                .sort((x, y) => y.score - x.score || x.doc - y.doc)
                .slice(0, k);
              expect(random.top(q, k, parts)).toEqual({ top: best, total: matched.length });
              expect(random.topIn(q, all, k, parts)).toEqual({ top: best, total: matched.length });
              expect([...unionSorted(random.matchingLists(q))]).toEqual(matching);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reports every match and the score of any document", () => {
    const scores = engine.score(["시장"]);
    expect(scores.size).toBe(2);
    expect(scores.scoreOf(1)).toBeGreaterThan(scores.scoreOf(2) ?? Number.POSITIVE_INFINITY);
    expect(scores.scoreOf(0)).toBeUndefined();
  });
});

describe("snapshot container", () => {
  it("round-trips typed arrays and text, and rejects truncated or foreign files", () => {
    const dir = mkdtempSync(join(tmpdir(), "jiwon-snapfile-"));
    const path = join(dir, "s.bin");
    writeSnapshotFile(
      path,
      { hello: "세계" },
      { a: Int32Array.of(1, -2, 3), b: Float32Array.of(0.5), t: "가\n나" },
    );
    const read = readSnapshotFile(path);
    expect(read.meta).toEqual({ hello: "세계" });
    expect([...read.i32("a")]).toEqual([1, -2, 3]);
    expect([...read.f32("b")]).toEqual([0.5]);
    expect(read.text("t")).toBe("가\n나");
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 8));
    expect(() => readSnapshotFile(path).text("t")).toThrow(SnapshotFormatError);
    writeFileSync(path, "{}");
    expect(() => readSnapshotFile(path)).toThrow(SnapshotFormatError);
  });
});
