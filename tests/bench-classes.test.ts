import { describe, expect, it } from "vitest";
import { classTable, scoresByClass, UNCLASSED } from "../bench/class-scores.ts";
import { type JudgedQuery, loadJudged, QUERY_CLASSES } from "../bench/judged-set.ts";
import type { QueryScores } from "../bench/metrics.ts";

function query(id: string, cls?: JudgedQuery["class"]): JudgedQuery {
  return {
    id,
    query: id,
    lang: "ko",
    class: cls,
    asOf: "2026-08-31",
    need: id,
    judgments: { a: 2 },
  };
}
const s = (ndcg: number): QueryScores => ({ ndcg, recall: ndcg, rr: ndcg });

describe("scores per query class", () => {
  const queries = [
    query("n1", "natural"),
    query("k1", "keyword"),
    query("n2", "natural"),
    query("x1"),
    query("w1", "when"),
  ];
  const perQuery = new Map([
    ["n1", s(0.5)],
    ["k1", s(1)],
    ["n2", s(0.25)],
    ["x1", s(0.8)],
    // w1 has no scores: it counts as an empty ranking
  ]);

  it("averages each class present, in the classes' order, unclassed last, then all", () => {
    expect(scoresByClass(queries, perQuery)).toEqual([
      { name: "keyword", n: 1, value: 1 },
      { name: "natural", n: 2, value: 0.375 },
      { name: "when", n: 1, value: 0 },
      { name: UNCLASSED, n: 1, value: 0.8 },
      { name: "all", n: 5, value: 0.51 },
    ]);
  });

  it("scores another metric when asked", () => {
    const recall = new Map([...perQuery].map(([id, v]) => [id, { ...v, recall: 1 }]));
    const byClass = scoresByClass(queries, recall, (x) => x.recall);
    expect(byClass.find((c) => c.name === "when")?.value).toBe(0);
    expect(byClass.find((c) => c.name === "natural")?.value).toBe(1);
  });

  it("lays out one row per system with the class sizes in the header", () => {
    const table = classTable(
      [
        { label: "jiwon", perQuery },
        { label: "peer", perQuery: new Map() },
      ],
      queries,
    );
    expect(table).toEqual([
      ["system", "keyword (1)", "natural (2)", "when (1)", `${UNCLASSED} (1)`, "all (5)"],
      ["jiwon", "1.000", "0.375", "0.000", "0.800", "0.510"],
      ["peer", "0.000", "0.000", "0.000", "0.000", "0.000"],
    ]);
  });
});

describe("the held-out set", () => {
  it("has every query judged and classed, with at least 60 queries", () => {
    const set = loadJudged(new URL("../bench/heldout.json", import.meta.url));
    expect(set.unjudged.map((q) => q.id)).toEqual([]);
    expect(set.queries.length).toBeGreaterThanOrEqual(60);
    for (const q of set.queries) expect(QUERY_CLASSES).toContain(q.class);
  });
});
