/**
 * Fast paths that must give exactly what the plain expressions they replace give: the reply
 * model's escaping and truncation; Discord's length; the D-day suffix.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ddaySuffix } from "../src/present/dday.ts";
import { deadlinesReply } from "../src/present/deadlines-reply.ts";
import { embedLength } from "../src/present/embed-budget.ts";
import { discordLength, escapeMarkdown, truncate } from "../src/present/limits.ts";
import type { DeadlineAnswer } from "../src/query/deadlines.ts";
import type { AnalyzedArticle, ArticleEvent } from "../src/types.ts";

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

  it("truncate to Discord's length in UTF-16 units, never splitting a surrogate pair", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 45 }), (value, max) => {
        expect(discordLength(value)).toBe(value.length);
        const cut = truncate(value, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        // Discord counts code points: never more than the units counted here.
        expect([...cut].length).toBeLessThanOrEqual(cut.length);
        if (value.length <= max) {
          expect(cut).toBe(value);
          return;
        }
        const kept = cut.endsWith("…") ? cut.slice(0, -1) : cut;
        expect(value.startsWith(kept)).toBe(true);
        const split =
          /[\ud800-\udbff]/.test(value.charAt(kept.length - 1)) &&
          /[\udc00-\udfff]/.test(value.charAt(kept.length));
        expect(split).toBe(false);
      }),
      { numRuns: 2000 },
    );
    // 255 Hangul syllables and an emoji: 256 code points, 257 units, one too many for a title.
    const title = `${"가".repeat(255)}😀`;
    expect(truncate(title, 256)).toBe(`${"가".repeat(255)}…`);
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

describe("the /deadlines reply within the message's embed budget", () => {
  it("gives each later list what the earlier ones left, dropping whole lines and counting them", () => {
    const article = (n: number) =>
      ({
        id: `a${n}`,
        title: `${n}번 2026년 하반기 소상공인 스마트상점 기술보급사업 참여기업 추가 모집 공고 안내`,
        url: `https://www.example.go.kr/board/view.do?articleId=${100000 + n}&menu=notice`,
        application: { status: "rolling" },
      }) as unknown as AnalyzedArticle;
    const answer: DeadlineAnswer = {
      asOf: "2026-12-05",
      days: 30,
      deadlines: Array.from({ length: 10 }, (_, n) => ({
        article: article(n),
        end: "2026-12-20",
        daysLeft: 15,
        dday: "D-15",
      })),
      events: Array.from({ length: 60 }, (_, n) => ({
        article: article(100 + n),
        event: { kind: "seminar", start: "2026-12-10", end: null } as unknown as ArticleEvent,
      })),
      open: Array.from({ length: 60 }, (_, n) => article(200 + n)),
    };
    const reply = deadlinesReply(answer, { locale: "ko", events: true, open: true });
    const total = reply.embeds.reduce((n, e) => n + embedLength(e), 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(reply.embeds[0]?.description?.split("\n")).toHaveLength(10);
    const listed = reply.embeds.slice(1).map((e) => e.description ?? "");
    for (const list of listed) {
      expect(list.split("\n").at(-1)).toMatch(/^… \+\d+$/);
      for (const line of list.split("\n").slice(0, -1)) expect(line).toMatch(/\)$/);
    }
  });
});
