/**
 * Fast paths that must give exactly what the plain expressions they replace give: the reply
 * model's escaping, truncation and code point counts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ddaySuffix } from "../src/present/dday.ts";
import { codePointLength, escapeMarkdown, truncate } from "../src/present/limits.ts";

/** Hangul, ASCII, markdown and mention syntax, line breaks, surrogates (paired and lone). */
const tricky = [
  ..."가힣각 AZaz09 -_*~`|[]>#@<!&\n\r\t",
  ..."·×–‘’“”•‧「」『』【】",
  ..."ㆍ…①ＡｶⅡßİΣς㈜ｰ",
  "\u0301", // combining acute: composes with the letter before it
  "\u1161", // Hangul vowel jamo: composes with a leading consonant
  "\u11a8", // Hangul final jamo: composes with a syllable before it
  "\u2028",
  "\ud83d\ude00", // a surrogate pair
  "\ud83d", // a lone high surrogate
  "\ude00", // a lone low surrogate
];
const text = fc.array(fc.constantFrom(...tricky), { maxLength: 40 }).map((s) => s.join(""));

/** escapeMarkdown as it was written before its fast path. */
function escapeReference(value: string): string {
  return value
    .replace(/([\\*_~`|[\]])/g, "\\$1")
    .replace(/^(\s*)([>#-])/gm, "$1\\$2")
    .replace(/@(everyone|here)/g, "@\u200b$1")
    .replace(/<(@[!&]?|#)(\d+)>/g, "<$1\u200b$2>");
}

describe("reply text limits", () => {
  it("escape markdown as the four rewrites did", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(escapeMarkdown(value)).toBe(escapeReference(value));
      }),
      { numRuns: 2000 },
    );
    expect(escapeMarkdown("- [공고] <@123> @everyone *별표*")).toBe(
      escapeReference("- [공고] <@123> @everyone *별표*"),
    );
  });

  it("count code points as spreading the string does, and truncate by them", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 45 }), (value, max) => {
        expect(codePointLength(value)).toBe([...value].length);
        const cut = truncate(value, max);
        expect([...cut].length).toBeLessThanOrEqual(max);
        if ([...value].length <= max) expect(cut).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the D-day after a date", () => {
  it("counts down to a date still to come, D-day included, and says nothing once it has passed", () => {
    expect(ddaySuffix("2026-12-05", "2026-12-08")).toBe(" (D-3)");
    expect(ddaySuffix("2026-12-05", "2026-12-05")).toBe(" (D-day)");
    expect(ddaySuffix("2026-12-05", "2026-12-04")).toBe("");
    expect(ddaySuffix("2026-12-31", "2027-01-01")).toBe(" (D-1)");
  });
});
