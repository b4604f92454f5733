/**
 * The message catalogue (src/messages): both locales carry every key with the same placeholders,
 * and the check that guards it at start-up notices when they do not.
 */
import { describe, expect, it } from "vitest";
import {
  CATALOGUES,
  catalogueMismatches,
  formatCount,
  localeOf,
  msg,
  placeholdersOf,
} from "../src/messages/catalogue.ts";

describe("the shipped catalogue", () => {
  it("has every key in ko and in en, with the same placeholders", () => {
    expect(catalogueMismatches(CATALOGUES)).toEqual([]);
    expect(Object.keys(CATALOGUES.en).sort()).toEqual(Object.keys(CATALOGUES.ko).sort());
    for (const [key, text] of Object.entries(CATALOGUES.ko)) {
      expect(placeholdersOf(CATALOGUES.en[key] ?? ""), key).toEqual(placeholdersOf(text));
    }
  });

  it("has no message that is empty or only whitespace", () => {
    for (const catalogue of Object.values(CATALOGUES)) {
      for (const [key, text] of Object.entries(catalogue)) expect(text.trim(), key).not.toBe("");
    }
  });
});

describe("catalogueMismatches", () => {
  it("names a key missing from one locale and one only the other has", () => {
    expect(
      catalogueMismatches({ ko: { a: "가", b: "나" }, en: { a: "A", c: "C" } }).sort(),
    ).toEqual(["b: missing in en", "c: in en but not in ko"]);
  });

  it("names a message whose placeholders differ", () => {
    expect(
      catalogueMismatches({
        ko: { header: "{asOf} 기준 {days}일 이내" },
        en: { header: "{days} days from {date}" },
      }),
    ).toEqual(["header: {asOf, days} in ko but {date, days} in en"]);
  });
});

describe("msg", () => {
  it("fills placeholders in the asked locale", () => {
    expect(msg("search.queryTooLong", "ko", { max: 200 })).toBe(
      "검색어는 200자까지 입력할 수 있습니다.",
    );
    expect(msg("search.queryTooLong", "en", { max: 200 })).toBe(
      "Queries are limited to 200 characters.",
    );
  });

  it("leaves a placeholder without a value visible rather than inventing one", () => {
    expect(msg("subscribe.scope", "en")).toBe("Scope: {scope}");
  });

  it("inserts values as given, without reading placeholders inside them", () => {
    expect(msg("subscribe.scope", "en", { scope: "{channel} $& $1" })).toBe(
      "Scope: {channel} $& $1",
    );
  });
});

describe("locale helpers", () => {
  it("maps Discord locales: ko is Korean, everything else English", () => {
    expect(localeOf("ko")).toBe("ko");
    expect(localeOf("en-US")).toBe("en");
    expect(localeOf("ja")).toBe("en");
    expect(localeOf(null)).toBe("en");
  });

  it("writes counts with grouping in both locales", () => {
    expect(formatCount(1234, "ko")).toBe("1,234");
    expect(formatCount(1234, "en")).toBe("1,234");
  });
});
