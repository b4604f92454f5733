import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, SEED_DIR } from "../bench/corpus.ts";
import { lookupRegionName } from "../src/data/gazetteer.ts";
import { CATEGORIES } from "../src/extract/category-lexicon.ts";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { answerSearch } from "../src/query/answer.ts";
import { TOPIC_GLOSSARY } from "../src/query/glossary.ts";
import { ENGLISH } from "../src/query/lexicon.ts";
import { parseQuery } from "../src/query/parse.ts";
import {
  isDeadlineWord,
  isFiller,
  openNowLength,
  questionWord,
} from "../src/query/question-shape.ts";
import { timeWindowOf } from "../src/query/time-window.ts";

const AS_OF = "2026-04-10";

const glossaryWords = TOPIC_GLOSSARY.flatMap(([words]) => words);

describe("the topic glossary as data", () => {
  it("defines no English word twice across the core table and the glossary", () => {
    const all = ENGLISH.flatMap(([words]) => words);
    const twice = all.filter((word, i) => all.indexOf(word) !== i);
    expect(twice).toEqual([]);
  });

  it("holds lower-case one- or two-word phrases only (parse.ts matches word pairs)", () => {
    for (const word of glossaryWords) {
      expect(word).toBe(word.toLowerCase());
      expect(word.trim().split(/\s+/).length).toBeLessThanOrEqual(2);
    }
  });

  it("has no filler, question, deadline, open-now, region or time word (those are read first)", () => {
    for (const word of glossaryWords) {
      expect(isFiller(word), word).toBe(false);
      expect(questionWord(word), word).toBeNull();
      expect(isDeadlineWord(word), word).toBe(false);
      expect(openNowLength(word.split(" "), 0), word).toBe(0);
      expect(lookupRegionName(word), word).toEqual([]);
      expect(timeWindowOf(word, AS_OF), word).toBeNull();
    }
  });

  it("uses only known category ids and searches Korean (or Latin-written) forms", () => {
    const ids = new Set(CATEGORIES.map((c) => c.id));
    for (const [words, category, korean] of TOPIC_GLOSSARY) {
      if (category !== null) expect(ids.has(category), words[0]).toBe(true);
      expect(korean.length, words[0]).toBeGreaterThan(0);
    }
  });

  it("understands every glossary word as its Korean concept", () => {
    for (const [words, category, korean] of TOPIC_GLOSSARY) {
      for (const word of words) {
        const parsed = parseQuery(word, AS_OF);
        expect(parsed.freeTerms, word).toEqual([]);
        expect(parsed.concepts, word).toHaveLength(1);
        expect(parsed.concepts[0], word).toEqual(expect.arrayContaining(korean));
        expect(parsed.categories, word).toEqual(category ? [category] : []);
      }
    }
  });
});

describe("topic words in questions", () => {
  const concepts = (query: string) => parseQuery(query, AS_OF).concepts;

  it.each([
    ["fintech", ["핀테크"]],
    ["defence industry", ["방산", "방위산업", "국방"]],
    ["defense", ["방산", "방위산업", "국방"]],
    ["crowdfunding", ["크라우드펀딩"]],
    ["logistics", ["물류"]],
    ["robotics", ["로봇"]],
    ["drones", ["드론"]],
    ["social enterprises", ["사회적기업"]],
    ["cooperatives", ["협동조합"]],
    ["tax credits", ["세액공제"]],
    ["prototypes", ["시제품"]],
    ["open innovation", ["오픈이노베이션"]],
    ["artificial intelligence", ["인공지능", "AI"]],
    ["vietnam", ["베트남"]],
  ])("%s → %j", (query, korean) => {
    expect(concepts(query)).toEqual([korean]);
  });

  it("keeps each word of a question a concept of its own", () => {
    const parsed = parseQuery("trade missions to Vietnam", AS_OF);
    expect(parsed.concepts).toEqual([["시장개척단", "무역사절단", "사절단"], ["베트남"]]);
    expect(parsed.categories).toEqual(["trade"]);
    expect(parsed.freeTerms).toEqual([]);
  });

  it("gives a category only where the words ask for that type", () => {
    expect(parseQuery("policy funds", AS_OF).categories).toEqual(["finance"]);
    expect(parseQuery("working capital", AS_OF).categories).toEqual(["finance"]);
    expect(parseQuery("korea pavilion", AS_OF).categories).toEqual(["fair"]);
    expect(parseQuery("beauty", AS_OF).categories).toEqual([]);
    expect(parseQuery("game design", AS_OF).categories).toEqual([]);
  });

  it("reads a two-word phrase before its words (policy funds is not policy)", () => {
    expect(concepts("policy funds")).toEqual([["정책자금"]]);
    expect(concepts("space industry")).toEqual([["우주"]]);
    expect(concepts("big data")).toEqual([["빅데이터"]]);
  });

  it("searches marketing, incentives and certification by the words titles use", () => {
    expect(concepts("marketing")).toEqual([["마케팅", "판로"]]);
    expect(concepts("incentives")[0]).toContain("인센티브");
    expect(concepts("certification")).toEqual([["인증"]]);
    expect(parseQuery("certificate", AS_OF).categories).toEqual(["training"]);
  });
});

// End to end over the real announcements of ../shared/corpus: an English topic word finds the
// articles whose titles say it in Korean.
describe.skipIf(!existsSync(CORPUS_DIR))("English topic questions over the real corpus", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await buildIndex([CORPUS_DIR, SEED_DIR]);
  }, 60_000);

  // Asked after the corpus's last notice (2026-08): the clock sees only the past.
  const titles = async (query: string, n: number) =>
    (await answerSearch(index, { query, asOf: "2026-12-01" })).hits
      .slice(0, n)
      .map((h) => h.article.title);

  it.each([
    ["fintech", /핀테크/],
    ["defense industry", /방산|방위산업|국방/],
    ["crowdfunding", /크라우드펀딩/],
    ["robots", /로봇/],
    ["tax credits", /세액공제/],
    ["accelerator", /액셀러레이/],
    ["shipping costs", /물류비/],
  ])("%s: the top titles say it in Korean", async (query, pattern) => {
    const top = await titles(query, 3);
    expect(top).toHaveLength(3);
    for (const title of top) expect(title).toMatch(pattern);
  });

  it("trade missions to Vietnam: a Vietnam market-pioneering mission first", async () => {
    const [first] = await titles("trade missions to Vietnam", 1);
    expect(first).toMatch(/베트남/);
    expect(first).toMatch(/시장개척단|사절단/);
  });
});
