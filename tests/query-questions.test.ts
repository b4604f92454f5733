/**
 * The shape of a question (src/query/question-shape.ts): question words ask for a fact and never
 * filter, only time words restrict time, fillers and conversational endings are not searched,
 * "open now" phrases ask for calls open on the as-of day. Checked on questions written for these
 * tests (none from an evaluation set), then on the seed through the whole answer and the embed.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { articleEmbed } from "../src/present/article-embed.ts";
import { interpretationLine } from "../src/present/interpretation.ts";
import { answerSearch } from "../src/query/answer.ts";
import { parseQuery } from "../src/query/parse.ts";
import {
  isFiller,
  openNowLength,
  questionWord,
  withoutConversationalEnding,
} from "../src/query/question-shape.ts";

const AS_OF = "2025-04-10";

describe("question words ask, they do not filter", () => {
  it.each([
    ["고양 설명회 언제야", "when"],
    ["고양 설명회 언제 해?", "when"],
    ["박람회 언제예요", "when"],
    ["창업 교육 언제인가요?", "when"],
    ["when is the seminar in Goyang", "when"],
    ["설명회 어디서 해", "where"],
    ["박람회 어디야", "where"],
    ["where is the job fair", "where"],
    ["창업 지원 뭐 있어?", "what"],
  ])("%s asks %s, with no time window", (query, asks) => {
    const parsed = parseQuery(query, AS_OF);
    expect(parsed.asks).toBe(asks);
    expect(parsed.window).toBeNull();
    expect(parsed.intent).not.toBe("events");
    expect(parsed.intent).not.toBe("deadlines");
  });

  it("searches none of the question words", () => {
    for (const query of ["고양 설명회 언제 해?", "설명회 어디서 해", "when is the seminar"]) {
      const { terms } = parseQuery(query, AS_OF);
      for (const word of ["언제", "해", "어디서", "when", "is", "the"]) {
        expect(terms, query).not.toContain(word);
      }
    }
  });

  it("still searches a question's topic words (일정, 장소)", () => {
    expect(parseQuery("설명회 일정", AS_OF).terms).toContain("일정");
    expect(parseQuery("설명회 일정", AS_OF).asks).toBe("when");
  });

  it.each([
    ["다가오는 설명회", AS_OF, null],
    ["upcoming seminars", AS_OF, null],
    ["이번 달 설명회 언제야", "2025-04-01", "2025-04-30"],
    ["다음 주 박람회", "2025-04-14", "2025-04-20"],
  ])("only time words restrict time: %s → %s … %s", (query, from, to) => {
    const parsed = parseQuery(query, AS_OF);
    expect(parsed.window?.from).toBe(from);
    expect(parsed.window?.to ?? null).toBe(to);
    expect(parsed.intent).toBe("events");
  });

  it("builds question words from stems and endings, as data", () => {
    expect(questionWord("언제쯤")).toBeNull();
    for (const word of ["언제", "언제야", "언제예요", "언제인지", "어디서", "어디에서", "어디야"]) {
      expect(questionWord(word), word).not.toBeNull();
    }
    expect(questionWord("언제")?.searched).toBe(false);
  });
});

describe("conversational endings and fillers are not searched", () => {
  it.each([
    ["창업하려면 뭐 있어?", ["창업"]],
    ["수출 지원받을 수 있는 곳 알려줘", ["수출", "지원"]],
    ["교육 해 주는 데", ["교육"]],
    ["받을 수 있는 지원금", ["지원금"]],
    ["어떤 게 있어? 여성기업 지원", ["여성기업", "지원"]],
    ["요즘 수출바우처 신청하려면 어떻게 해? 좀 알려주세요", ["수출바우처", "신청"]],
    ["tell me about export vouchers please", ["수출", "바우처"]],
  ])("%s searches %j", (query, words) => {
    const { terms } = parseQuery(query, AS_OF);
    expect([...terms].sort()).toEqual([...words].sort());
  });

  it("cuts an ending only when two syllables stay (역할, 피해 and 할인 keep theirs)", () => {
    expect(withoutConversationalEnding("창업하려면")).toBe("창업");
    expect(withoutConversationalEnding("지원받을")).toBe("지원");
    expect(withoutConversationalEnding("교육해주는")).toBe("교육");
    expect(withoutConversationalEnding("역할")).toBe("역할");
    expect(withoutConversationalEnding("피해")).toBe("피해");
    expect(withoutConversationalEnding("자연재해")).toBe("자연재해");
    expect(withoutConversationalEnding("ESS")).toBe("ESS");
  });

  it("knows fillers as whole words only", () => {
    expect(isFiller("알려줘")).toBe(true);
    expect(isFiller("있어")).toBe(true);
    expect(isFiller("관세")).toBe(false);
    expect(isFiller("지원")).toBe(false);
  });

  it("leaves a keyword with a filler as plain a search as the keyword alone", () => {
    const alone = parseQuery("라이브커머스", AS_OF);
    const asked = parseQuery("라이브커머스 알려줘", AS_OF);
    expect(asked.bareKeyword).toBe(true);
    expect(asked.terms).toEqual(alone.terms);
    expect(asked.concepts).toEqual(alone.concepts);
  });
});

describe("open now", () => {
  it.each([
    "접수 중인 창업 지원",
    "접수중인 창업 지원",
    "신청 가능한 바우처",
    "마감 안 된 교육",
    "마감 안된 교육",
    "open calls for startups",
    "vouchers open for applications",
    "수출바우처 신청할수있는 곳",
  ])("%s asks for calls open on the day, not for deadlines", (query) => {
    const parsed = parseQuery(query, AS_OF);
    expect(parsed.openNow).toBe(true);
    expect(parsed.intent).not.toBe("deadlines");
    expect(parsed.window).toBeNull();
  });

  it("matches the longest phrase from a word", () => {
    expect(openNowLength(["마감", "안", "된", "교육"], 0)).toBe(3);
    expect(openNowLength(["교육", "접수", "중인"], 1)).toBe(2);
    expect(openNowLength(["교육", "접수"], 1)).toBe(0);
  });

  it("shows 접수 중 / open now in the interpretation", () => {
    expect(interpretationLine(parseQuery("접수 중인 창업 지원", AS_OF), AS_OF, "ko")).toContain(
      "접수 중",
    );
    expect(interpretationLine(parseQuery("open calls for startups", AS_OF), AS_OF, "en")).toContain(
      "open now",
    );
  });
});

describe("a question about an event that already happened, on the seed", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await buildIndex([join(import.meta.dirname, "../index-data")]);
  });

  it("언제야 after the Goyang seminar answers with it and its date, marked as past", async () => {
    const later = "2025-06-02";
    const answer = await answerSearch(index, { query: "고양 설명회 언제야", asOf: later });
    const first = answer.hits[0];
    expect(first?.article.body).toMatch(/^고양특례시는 오는 5월 13일/);
    expect(first?.event).toMatchObject({ kind: "seminar", start: "2025-05-13" });
    const embed = articleEmbed(first?.article as never, {
      asOf: later,
      locale: "ko",
      highlight: first?.event,
    });
    const schedule = embed.fields?.find((f) => f.value.includes("2025-05-13"));
    expect(schedule?.value).toContain("지난 일정");
    const en = articleEmbed(first?.article as never, {
      asOf: later,
      locale: "en",
      highlight: first?.event,
    });
    expect(en.fields?.some((f) => f.value.includes("2025-05-13 (past)"))).toBe(true);
  });

  it("when is the Goyang seminar: the same in English", async () => {
    const answer = await answerSearch(index, {
      query: "when is the seminar in Goyang",
      asOf: "2025-06-02",
    });
    expect(answer.hits[0]?.event?.start).toBe("2025-05-13");
  });

  it("다가오는 설명회 after it has passed: nothing, since only time words restrict time", async () => {
    const answer = await answerSearch(index, { query: "다가오는 고양 설명회", asOf: "2025-06-02" });
    expect(answer.total).toBe(0);
  });

  it("before it, the same question shows the coming date with its D-day", async () => {
    const answer = await answerSearch(index, { query: "고양 설명회 언제 해?", asOf: AS_OF });
    const first = answer.hits[0];
    const embed = articleEmbed(first?.article as never, {
      asOf: AS_OF,
      locale: "ko",
      highlight: first?.event,
    });
    const schedule = embed.fields?.find((f) => f.value.includes("2025-05-13"));
    expect(schedule?.value).toMatch(/D-33/);
    expect(schedule?.value).not.toContain("지난 일정");
  });
});

describe("what stays as it was", () => {
  it("a region name alone is still a bare keyword, searched as text", () => {
    expect(parseQuery("나주", AS_OF).bareKeyword).toBe(true);
    expect(parseQuery("나주 알려줘", AS_OF).bareKeyword).toBe(true);
    expect(parseQuery("나주 알려줘", AS_OF).terms).toEqual(["나주"]);
  });

  it("US is a country, not a filler", () => {
    expect(parseQuery("export to the US", AS_OF).terms).toContain("US");
  });
});
