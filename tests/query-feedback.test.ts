/**
 * Pseudo-relevance feedback (src/query/feedback.ts): the words the best answers' titles share
 * reorder the rest of the pool, and only for questions asked in sentences.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { withFeedback } from "../src/query/feedback.ts";
import { parseQuery } from "../src/query/parse.ts";

const hit = (id: string, title: string, score: number) => ({
  article: { id, title, body: "" },
  score,
});

describe("feedback over the seed's statistics", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await buildIndex([join(import.meta.dirname, "../index-data")]);
  });
  const settings = { docs: 2, terms: 10, weight: 0.5 };
  // Two best answers, then c just above d: d shares their title words, c does not.
  const pool = (titles: string[]) =>
    titles.map((title, i) => hit("abcd"[i] as string, title, [10, 9, 5, 4.9][i] as number));

  it("lifts a hit whose title shares the best answers' words over one that does not", () => {
    const hits = pool([
      "평택시 관세 대응 컨설팅 설명회",
      "평택시 관세 대응 수출기업 지원",
      "양주시 요양보호사 교육생 모집",
      "평택시 수출기업 관세 컨설팅",
    ]);
    const order = withFeedback(index, hits, ["관세"], settings).map((h) => h.article.id);
    expect(order.indexOf("d")).toBeLessThan(order.indexOf("c"));
    // Without feedback (weight 0) the order is the original one.
    expect(
      withFeedback(index, hits, ["관세"], { ...settings, weight: 0 }).map((h) => h.article.id),
    ).toEqual(["a", "b", "c", "d"]);
  });

  it("never adds or drops a hit", () => {
    const hits = [hit("a", "관세 설명회", 3), hit("b", "교육", 2), hit("c", "관세 교육", 1)];
    const ids = withFeedback(index, hits, ["관세"], settings).map((h) => h.article.id);
    expect([...ids].sort()).toEqual(["a", "b", "c"]);
  });

  it("matches Latin words whole: ai is not in domain", () => {
    const hits = pool(["AI 바우처 AI 교육", "AI 바우처 설명회", "domain 교육", "AI 교육 과정"]);
    const order = withFeedback(index, hits, ["바우처"], settings).map((h) => h.article.id);
    expect(order.indexOf("d")).toBeLessThan(order.indexOf("c"));
  });
});

describe("which questions are asked in sentences", () => {
  it.each([
    ["관세", false],
    ["수소 산업 육성", false],
    ["AI 바우처", false],
    ["관세 알려줘", true],
    ["창업하려면", true],
    ["고양 설명회 언제야", true],
    ["export vouchers", true],
  ])("%s → %s", (query, conversational) => {
    expect(parseQuery(query, "2025-04-10").conversational).toBe(conversational);
  });
});
