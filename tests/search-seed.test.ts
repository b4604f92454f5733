import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { answerSearch } from "../src/query/answer.ts";

const SEED_DIR = join(import.meta.dirname, "../index-data");
const AS_OF = "2025-04-10";

let index: SearchIndex;
beforeAll(async () => {
  index = await buildIndex([SEED_DIR]);
});

/** Titles of the hits for a plain keyword query, best first. */
async function titles(query: string): Promise<string[]> {
  const answer = await answerSearch(index, { query, asOf: AS_OF });
  return answer.hits.map((h) => h.article.body.slice(0, 30));
}

describe("keyword search on the seed", () => {
  it("관세 ranks the Pyeongtaek tariff council first", async () => {
    const hits = await titles("관세");
    expect(hits[0]).toMatch(/^평택시는 미국 관세 정책/);
  });

  it("고양 finds both Goyang articles", async () => {
    const hits = await titles("고양");
    expect(hits.filter((h) => h.startsWith("고양특례시는"))).toHaveLength(2);
    expect(hits.slice(0, 2).every((h) => h.startsWith("고양특례시는"))).toBe(true);
  });

  it("설명회를 (with a particle) finds the Goyang tax seminar first", async () => {
    const hits = await titles("설명회를");
    expect(hits[0]).toMatch(/^고양특례시는 오는 5월 13일/);
  });

  it("세관 finds Pyeongtaek inside 평택직할세관", async () => {
    const hits = await titles("세관");
    expect(hits[0]).toMatch(/^평택시는/);
  });

  it("중진공 finds the Seoul MOU through the abbreviation", async () => {
    const hits = await titles("중진공");
    expect(hits[0]).toMatch(/^서울시와 중소벤처기업진흥공단/);
  });

  it("요양보호사 finds the Yangju course", async () => {
    const hits = await titles("요양보호사");
    expect(hits[0]).toMatch(/^양주시가/);
  });

  it("시장 ranks whole-word 시장 above 부시장 and 전력시장", async () => {
    const answer = await answerSearch(index, { query: "시장", asOf: AS_OF });
    const wordRe = /(^|[^가-힣])시장(은|이|과|의|을|를|에|도)?([^가-힣]|$)/;
    const hasWord = answer.hits.map((h) => wordRe.test(h.article.body));
    expect(hasWord.some((w) => w)).toBe(true);
    expect(hasWord.some((w) => !w)).toBe(true);
    const lastWord = hasWord.lastIndexOf(true);
    const firstOther = hasWord.indexOf(false);
    expect(lastWord).toBeLessThan(firstOther);
  });
});
