import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bodyFingerprintHash,
  bodyFingerprintText,
  FINGERPRINT_HASH_CHARS,
  normalizeText,
} from "../src/ingest/normalize.ts";

// Text built from the characters that matter here: Hangul (composed and as jamo), Latin, every
// kind of whitespace, invisible and control characters.
const pieces = [
  "관세",
  "설명회",
  "\u1100\u1161\u11a8",
  "a",
  "Z",
  "1",
  " ",
  "  ",
  "\t",
  "\n",
  "\r\n",
  "\r",
  "\u00a0",
  "\u3000",
  "\u2028",
  "\u2029",
  "\u200b",
  "\ud83d", // half of an emoji: a lone high surrogate unless the next piece completes it
  "\ude00",
  "\ud83d\ude00",
  "\ufeff",
  "\u00ad",
  "\u2067", // right-to-left isolate
  "\u061c",
  "\u0000",
  "\u0007",
  "\u009f",
  ".",
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(""));

/** The cleaning as it was written before the fast path: every step on every text. */
function slowNormalize(raw: string): string {
  // Iterating by code point yields a lone surrogate as a one-unit string.
  const wellFormed = [...raw]
    .map((c) => (c.length === 1 && c >= "\ud800" && c <= "\udfff" ? "\ufffd" : c))
    .join("");
  return wellFormed
    .replace(/\r\n?/g, "\n")
    .normalize("NFC")
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\u00AD\u061C\u180E]/g, "")
    .replace(/[\u2028\u2029]/g, " ")
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the reference removes them too.
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g,
      "",
    );
}

describe("text normalisation", () => {
  it("gives the same text as applying every cleaning step", () => {
    fc.assert(
      fc.property(text, (raw) => {
        expect(normalizeText(raw).text).toBe(slowNormalize(raw));
      }),
      { numRuns: 2000 },
    );
  });

  it("makes line and paragraph separators spaces and lone surrogates U+FFFD", () => {
    expect(normalizeText("관세\u2028대응\u2029회의").text).toBe("관세 대응 회의");
    expect(normalizeText("지원\ud83d 사업 \ude00끝").text).toBe("지원\ufffd 사업 \ufffd끝");
    expect(normalizeText("축하 \ud83c\udf89").text).toBe("축하 \ud83c\udf89");
  });

  it("hashes bodies with the same fingerprint text alike", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        if (bodyFingerprintText(a) === bodyFingerprintText(b)) {
          expect(bodyFingerprintHash(a)).toBe(bodyFingerprintHash(b));
        }
        // Whitespace variants of one body always share the fingerprint.
        const spaced = ` \n${a.replace(/ /g, "\t \u3000")}\n `;
        expect(bodyFingerprintHash(spaced)).toBe(bodyFingerprintHash(a));
      }),
      { numRuns: 2000 },
    );
  });

  it("hashes only the start, so bodies differing late share a hash (callers compare texts)", () => {
    const start = "가".repeat(FINGERPRINT_HASH_CHARS);
    expect(bodyFingerprintHash(`${start} 관세`)).toBe(bodyFingerprintHash(`${start} 설명회`));
    expect(bodyFingerprintHash(`${start.slice(1)}나`)).not.toBe(bodyFingerprintHash(start));
  });

  it("tells different bodies apart", () => {
    const bodies = ["관세 설명회", "관세설명회", "관세 설명회.", "설명회 관세", "", "a", "A"];
    const hashes = new Set(bodies.map(bodyFingerprintHash));
    expect(hashes.size).toBe(bodies.length);
  });
});
