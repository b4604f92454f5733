import { describe, expect, it } from "vitest";
import { escapeRegExp } from "../src/analysis/escape-regexp.ts";
import { saysLatinWord } from "../src/analysis/latin-word.ts";

/** The regular expression the rule was written as before (one compiled per word): the reference. */
function reference(text: string, word: string): boolean {
  return new RegExp(
    `(?<![\\p{Script=Latin}\\p{N}])${escapeRegExp(word)}(?![\\p{Script=Latin}\\p{N}])`,
    "u",
  ).test(text);
}

describe("saysLatinWord", () => {
  it.each([
    ["ip 디딤돌 지원", "ip", true],
    ["ip디딤돌 지원", "ip", true],
    ["shipping 지원", "ip", false],
    ["ai바우처", "ai", true],
    ["domain 등록", "ai", false],
    ["r&d 과제", "r&d", true],
    ["2r&d", "r&d", false],
    ["café ai", "ai", true],
    ["éai", "ai", false],
    ["ai2 공고", "ai", false],
    ["(ai) 공고", "ai", true],
    ["shipping, then ip", "ip", true],
    ["", "ip", false],
  ])("%j says %j: %s", (text, word, says) => {
    expect(saysLatinWord(text, word)).toBe(says);
    expect(reference(text, word)).toBe(says);
  });

  it("agrees with the regular expression on 20,000 generated titles", () => {
    // Letters, digits, Hangul, punctuation, astral characters (𝐀 is not Latin script, 𝒜 neither,
    // U+1DF00 is), combining marks and the words themselves, in a fixed pseudo-random order.
    const pieces = [
      "ip",
      "ai",
      "r&d",
      "a",
      "p",
      "i",
      "1",
      "٣",
      "한",
      "국",
      " ",
      "-",
      "(",
      "é",
      "𝐀",
      "\u{1DF00}",
      "😀",
      "\u0301",
      "Ⅳ",
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let n = 0; n < 20_000; n++) {
      let text = "";
      const length = next() % 8;
      for (let i = 0; i < length; i++) text += pieces[next() % pieces.length];
      for (const word of ["ip", "ai", "r&d"]) {
        expect(saysLatinWord(text, word), `${JSON.stringify(text)} / ${word}`).toBe(
          reference(text, word),
        );
      }
    }
  });
});
