import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Expansion, titlesMayHoldAll } from "../src/index/suggest-check.ts";
import { buildSuggestEngine } from "../src/index/suggest-engine.ts";

const TITLES = [
  ["서울", "창업", "지원", "사업", "공고"],
  ["경기", "수출", "지원", "설명회"],
  ["부산", "소상공인", "교육", "모집"],
  ["서울", "소상공인", "컨설팅"],
  ["대구", "스마트공장", "지원사업", "모집"],
];
const engine = buildSuggestEngine(TITLES.map((titleWords, i) => ({ id: `a${i}`, titleWords })));
const EXPANSION: Expansion = {
  prefix: (_term, i, terms) => i === terms.length - 1,
  fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
};
const WORDS = [...new Set(TITLES.flat())].concat([
  "서",
  "소상",
  "지원사",
  "소상공안",
  "없음",
  "교",
]);

describe("the suggestion check", () => {
  it("says no only when autoSuggest would find nothing", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }), (words) => {
        const suggested = engine.autoSuggest(words.join(" "), EXPANSION);
        if (suggested.length > 0) expect(titlesMayHoldAll(engine, words, EXPANSION)).toBe(true);
      }),
    );
  });

  it("says no to words no title holds together, yes to prefixes and typos of ones that do", () => {
    expect(titlesMayHoldAll(engine, ["경기", "소상공인"], EXPANSION)).toBe(false);
    expect(titlesMayHoldAll(engine, ["없음"], EXPANSION)).toBe(false);
    expect(titlesMayHoldAll(engine, ["서울", "소상"], EXPANSION)).toBe(true);
    expect(titlesMayHoldAll(engine, ["소상공안", "컨설팅"], EXPANSION)).toBe(true);
    expect(engine.autoSuggest("소상공안 컨설팅", EXPANSION)).not.toEqual([]);
  });
});
