/** The sources' text handling: charsets, dates, HTML to text, links and the sources file. */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBody } from "../src/sources/charset.ts";
import { loadSourcesFile, parseSources } from "../src/sources/config.ts";
import { parseFeedDate } from "../src/sources/dates.ts";
import { htmlToText, inlineText, mainText } from "../src/sources/html-text.ts";
import { retryAfterMs } from "../src/sources/http.ts";
import { cleanLink, hostAllowed } from "../src/sources/links.ts";
import { fixture } from "./support/source-server.ts";

const EXTENSION_SYLLABLES = "똠양꿍 펲스 샾 공방";

describe("decodeBody", () => {
  const cp949 = iconv.encode(`<p>${EXTENSION_SYLLABLES} 관세</p>`, "cp949");

  it("decodes CP949 extension syllables that Node's own EUC-KR decoder mangles", () => {
    expect(new TextDecoder("euc-kr").decode(cp949)).not.toContain("똠양꿍");
    const decoded = decodeBody(cp949, "text/html; charset=EUC-KR");
    expect(decoded).toMatchObject({ charset: "cp949", from: "header" });
    expect(decoded.text).toBe(`<p>${EXTENSION_SYLLABLES} 관세</p>`);
  });

  it("finds the charset in the XML prolog, the HTML meta, or falls back to CP949", () => {
    const xml = decodeBody(fixture("mss-press.euc-kr.xml"), "text/xml");
    expect(xml.from).toBe("xml");
    expect(xml.text).toContain("‘똠양꿍 식당’·‘펲스 베이커리’·‘샾 공방’");
    const meta = decodeBody(fixture("article-5002.euc-kr.html"), "text/html");
    expect(meta.from).toBe("meta");
    expect(meta.text).toContain("펲시 음료 유통사 ‘샾 무역’");
    expect(decodeBody(cp949, null)).toMatchObject({ from: "fallback", charset: "cp949" });
  });

  it("prefers a UTF-8 BOM, reads undeclared UTF-8, and distrusts a UTF-8 header the bytes contradict", () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("관세", "utf8")]);
    expect(decodeBody(bom, "text/html; charset=euc-kr")).toMatchObject({
      text: "관세",
      from: "bom",
    });
    expect(decodeBody(Buffer.from("관세 설명회", "utf8"), null)).toMatchObject({
      text: "관세 설명회",
      from: "utf8",
    });
    const euckrPage = iconv.encode('<meta charset="euc-kr"><p>샾</p>', "cp949");
    expect(decodeBody(euckrPage, "text/html; charset=utf-8")).toMatchObject({
      from: "meta",
      text: '<meta charset="euc-kr"><p>샾</p>',
    });
  });
});

describe("parseFeedDate", () => {
  it("reads RFC 822, ISO 8601 and bare Korean times, taking a missing offset as KST", () => {
    expect(parseFeedDate("Wed, 02 Apr 2025 10:30:00 +0900")).toBe("2025-04-02T01:30:00.000Z");
    expect(parseFeedDate("Tue, 1 Apr 2025 09:00:00 GMT")).toBe("2025-04-01T09:00:00.000Z");
    expect(parseFeedDate("Tue, 01 Apr 2025 09:00:00 KST")).toBe("2025-04-01T00:00:00.000Z");
    expect(parseFeedDate("2025-04-03T09:30:00+09:00")).toBe("2025-04-03T00:30:00.000Z");
    expect(parseFeedDate("2025-04-02T08:00:00Z")).toBe("2025-04-02T08:00:00.000Z");
    // Korean time without an offset: 00:30 in Seoul is still the previous day in UTC.
    expect(parseFeedDate("2025-04-01 00:30:00")).toBe("2025-03-31T15:30:00.000Z");
    expect(parseFeedDate("2025-04-03 08:00")).toBe("2025-04-02T23:00:00.000Z");
    expect(parseFeedDate("2025-04-10")).toBe("2025-04-10");
    expect(parseFeedDate("2025.04.09")).toBe("2025-04-09");
    expect(parseFeedDate("20250403")).toBe("2025-04-03");
  });

  it("refuses what is not a date", () => {
    for (const bad of [
      "",
      "어제",
      "2025-02-30",
      "Mon, 99 Foo 2025 10:00:00 +0900",
      "2025-13-01 10:00",
    ]) {
      expect(parseFeedDate(bad)).toBeNull();
    }
  });
});

describe("HTML to text", () => {
  it("drops tags, styles, images and scripts, decodes entities, keeps paragraphs apart", () => {
    const html =
      "<p style=\"font-size:11pt\">본문&nbsp;첫 줄 &#54620;&#xAE00;</p><img src=x.gif><script>track()</script><p>둘째 <a href='/x'>링크</a></p>";
    expect(htmlToText(html)).toBe("본문 첫 줄 한글\n\n둘째 링크");
  });

  it("keeps a '<' that opens no tag in titles", () => {
    expect(inlineText("<b>경기도</b>, 청년 창업 <2025 봄 축제> &amp; 상담")).toBe(
      "경기도, 청년 창업 <2025 봄 축제> & 상담",
    );
  });

  it("finds an article's main text without the site's menus, or the configured element", () => {
    const page = fixture("article-2001.html").toString("utf8");
    const text = mainText(page) ?? "";
    expect(text).toContain("2차 접수를 4월 7일부터 4월 18일까지");
    expect(text).not.toContain("로그인");
    expect(text).not.toContain("무단전재");
    const selected = mainText(
      fixture("article-5001.html").toString("utf8"),
      "#article-view-content-div",
    );
    expect(selected).toMatch(/^고양특례시는 오는 4월 24일/);
    expect(selected).not.toContain("많이 본 뉴스");
  });
});

describe("links", () => {
  it("resolves relative links, drops tracking parameters and refuses other schemes", () => {
    expect(cleanLink("/View.do?bcIdx=1002&utm_source=rss", "https://www.mss.go.kr/rss/a.xml")).toBe(
      "https://www.mss.go.kr/View.do?bcIdx=1002",
    );
    expect(cleanLink("https://www.korea.kr/news/view.do?newsId=148&call_from=rsslink")).toBe(
      "https://www.korea.kr/news/view.do?newsId=148",
    );
    expect(cleanLink("javascript:alert(1)", "https://x.example/")).toBeNull();
    expect(cleanLink("https://x.example/a)[b](https://evil.example)")).toBe(
      "https://x.example/a%29%5Bb%5D%28https://evil.example%29",
    );
  });

  it("allows article pages only on the source's host or hosts it names", () => {
    expect(hostAllowed("https://www.goyang.example/a", "https://goyang.example/rss")).toBe(true);
    expect(hostAllowed("http://169.254.169.254/latest", "https://goyang.example/rss")).toBe(false);
    expect(
      hostAllowed("https://cdn.example/a", "https://goyang.example/rss", ["cdn.example"]),
    ).toBe(true);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates, and caps absurd waits", () => {
    const now = new Date("2025-04-01T00:00:00Z");
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Tue, 01 Apr 2025 00:05:00 GMT", now)).toBe(300_000);
    expect(retryAfterMs("999999999", now)).toBe(24 * 60 * 60_000);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs("soon", now)).toBeNull();
  });
});

describe("sources file", () => {
  it("applies defaults and resolves region names and categories", () => {
    const parsed = parseSources({
      sources: [
        {
          name: "goyang-news",
          kind: "feed",
          url: "https://goyang.example/rss/allArticle.xml",
          defaults: { source: "고양신문", region: "고양시", category: "startup" },
        },
        {
          name: "bizinfo",
          kind: "bizinfo",
          url: "https://www.bizinfo.go.kr/uss/rss/bizinfoApi.do",
        },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    expect(parsed.sources[0]).toMatchObject({
      every: 3_600_000,
      fullText: false,
      defaults: { source: "고양신문", region: "31100", category: "startup" },
    });
    expect(parsed.sources[1]).toMatchObject({
      keyEnv: "BIZINFO_API_KEY",
      pageSize: 100,
      maxPages: 1,
    });
  });

  it("the shipped sources.example.json is valid", () => {
    const file = loadSourcesFile(join(import.meta.dirname, "../sources.example.json"));
    expect(file.status).toBe("ok");
    expect(file.sources.map((s) => s.kind)).toEqual([
      "feed",
      "feed",
      "bizinfo",
      "kstartup",
      "feed",
      "html",
    ]);
    // Each source says where its key comes from (or that it needs none), and names its variable.
    const raw = JSON.parse(
      readFileSync(join(import.meta.dirname, "../sources.example.json"), "utf8"),
    ) as { sources: Array<{ $comment: string; keyEnv?: string }> };
    for (const entry of raw.sources) {
      if (entry.keyEnv) expect(entry.$comment).toContain(entry.keyEnv);
      else expect(entry.$comment).toMatch(/No key\.$/);
    }
    expect(raw.sources.find((s) => s.keyEnv === "KSTARTUP_API_KEY")?.$comment).toContain(
      "data.go.kr",
    );
    expect(raw.sources.find((s) => s.keyEnv === "BIZINFO_API_KEY")?.$comment).toContain(
      "bizinfo.go.kr",
    );
  });

  it("a source's note is not configuration: editing it keeps the hash that resumes a paused source", () => {
    const entry = { name: "a", kind: "feed", url: "https://x.example/rss" };
    const hash = (extra: Record<string, unknown>) => {
      const parsed = parseSources({ sources: [{ ...entry, ...extra }] });
      return parsed.ok ? parsed.sources[0]?.configHash : null;
    };
    expect(hash({ $comment: "one note" })).toBe(hash({ $comment: "another" }));
    expect(hash({ $comment: "one note" })).toBe(hash({}));
    expect(hash({ every: "2h" })).not.toBe(hash({}));
  });

  it("names the source and the field of every problem", () => {
    const parsed = parseSources({
      sources: [
        { name: "Bad Name", kind: "feed", url: "ftp://x.example/feed", every: "30s" },
        { name: "dup", kind: "rss", url: "https://x.example" },
        { name: "dup", kind: "feed", url: "https://x.example/a" },
        { name: "dup", kind: "feed", url: "https://x.example/b" },
        {
          name: "list",
          kind: "html",
          url: "https://x.example/list",
          links: "a.title",
          defaults: { region: "광주" },
        },
        {
          name: "key",
          kind: "feed",
          url: "https://x.example",
          keyEnv: "lower case",
          every: "soon",
        },
      ],
    });
    expect(parsed).toEqual({
      ok: false,
      errors: [
        'source "Bad Name" (#1): name: must be lower-case letters, digits and hyphens ([a-z0-9-]+)',
        'source "Bad Name" (#1): url: not an http(s) URL (ftp)',
        'source "Bad Name" (#1): every: must be at least 1 minute, got "30s"',
        'source "dup" (#2): kind: must be one of feed, bizinfo, kstartup, html',
        'source "dup" (#4): name "dup" is already used by source #3',
        'source "list" (#5): defaults.region: ambiguous region "광주" (광주광역시, 경기도 광주시): write it with its province',
        'source "list" (#5): body: must be a CSS selector',
        'source "key" (#6): every: must be a duration such as "15m", "2h" or "1h30m", got "soon"',
        'source "key" (#6): keyEnv: must name an environment variable (A-Z, 0-9, _)',
      ],
    });
  });
});
