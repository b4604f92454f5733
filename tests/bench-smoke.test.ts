import { describe, expect, it } from "vitest";
import {
  averageChars,
  generateCorpus,
  loadRealArticles,
  mulberry32,
  SEED_DIR,
} from "../bench/corpus.ts";
import { scoreRanking } from "../bench/metrics.ts";
import { percentile, percentiles } from "../bench/stats.ts";

// The shipped seed (index-data/) stands in for ../shared/corpus, so this runs on a clean clone.
const real = loadRealArticles([SEED_DIR]);

describe("bench corpus generator", () => {
  it("gives the same 100 articles for the same seed", () => {
    const a = generateCorpus(100, { real, seed: 7 });
    const b = generateCorpus(100, { real, seed: 7 });
    expect(a).toHaveLength(100);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("puts the real articles first, then unique synthetic ones", () => {
    const corpus = generateCorpus(100, { real, seed: 7 });
    expect(corpus.slice(0, real.length).map((r) => r.id)).toEqual(real.map((a) => a.id));
    expect(new Set(corpus.map((r) => r.id)).size).toBe(100);
    expect(new Set(corpus.map((r) => r.body.replace(/\s+/g, " ").trim())).size).toBe(100);
    for (const record of corpus.slice(real.length)) {
      expect(record.id).toMatch(/^syn-\d{7}$/);
      expect(record.title?.length).toBeGreaterThan(0);
      expect(record.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("changes with the seed and keeps the real length scale", () => {
    const a = generateCorpus(100, { real, seed: 7 });
    const b = generateCorpus(100, { real, seed: 8 });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    const ratio = averageChars(a) / averageChars(real);
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.25);
  });

  it("samples real articles when the size is smaller than the real set", () => {
    const sample = generateCorpus(4, { real, seed: 7 });
    expect(sample).toHaveLength(4);
    const ids = new Set(real.map((a) => a.id));
    expect(sample.every((r) => ids.has(r.id))).toBe(true);
  });

  it("uses a deterministic PRNG in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("percentile (nearest rank)", () => {
  it("picks the nearest-rank sample", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
  });

  it("does not depend on input order and handles small samples", () => {
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([10, 20], 50)).toBe(10);
    expect(percentile([10, 20], 51)).toBe(20);
    expect(percentiles([3, 1, 2, 4])).toEqual({ p50: 2, p95: 4, p99: 4 });
  });

  it("refuses an empty sample or an out-of-range p", () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("ranking metrics", () => {
  it("scores a perfect and an empty ranking", () => {
    const judgments = { a: 2, b: 1 };
    expect(scoreRanking(["a", "b", "x"], judgments)).toEqual({ recall: 1, ndcg: 1, rr: 1 });
    expect(scoreRanking(["x", "y"], judgments)).toEqual({ recall: 0, ndcg: 0, rr: 0 });
  });

  it("discounts by rank", () => {
    const s = scoreRanking(["x", "a"], { a: 2 });
    expect(s.rr).toBe(0.5);
    expect(s.ndcg).toBeCloseTo(1 / Math.log2(3), 10);
  });
});
