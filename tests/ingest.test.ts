import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findBylines } from "../src/ingest/bylines.ts";
import { normalizeText } from "../src/ingest/normalize.ts";
import { ingestSources } from "../src/ingest/sources.ts";

const SEED_DIR = join(import.meta.dirname, "../index-data");
const SEED_LIST_PAGE =
  "https://www.dailygoodtime.co.kr/news/section_list_all.html?page=32&sec_no=25";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "jiwon-ingest-"));
}

describe("seed dump", () => {
  const { articles, report } = ingestSources([SEED_DIR]);

  it("splits into exactly its 10 articles, one per line, bylines as metadata", () => {
    expect(articles).toHaveLength(10);
    expect(articles.map((a) => a.origin.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const article of articles) {
      expect(article.reporter).toBe("유종운");
      expect(article.source).toBe("데일리굿타임");
      expect(article.body).not.toContain("기자 |");
      expect(article.body).not.toContain("데일리굿타임");
    }
    expect(report.skipped).toEqual([]);
    expect(report.duplicates).toEqual([]);
  });

  it("starts and ends each article at the right place", () => {
    const raw = readFileSync(join(SEED_DIR, "000_2ff2273f9822e349.txt"), "utf8").split("\n");
    articles.forEach((article, i) => {
      const line = (raw[i] ?? "").replace("데일리굿타임 유종운 기자 | ", "").trim();
      expect(article.body).toBe(line);
    });
    expect(articles[5]?.body.startsWith("양주시가 오는 15일부터 18일까지")).toBe(true);
    expect(articles[6]?.body.startsWith("고양특례시는 오는 5월 13일")).toBe(true);
  });

  it("takes defaults from the sidecar, and the list page is not an article url", () => {
    for (const article of articles) {
      expect(article.publishedAt).toBe("2025-04-10");
      expect(article.url).toBe(SEED_LIST_PAGE);
      expect(article.urlIsArticle).toBe(false);
      expect(article.id).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(new Set(articles.map((a) => a.id)).size).toBe(10);
  });

  it("gives the same ids on every run", () => {
    expect(ingestSources([SEED_DIR]).articles.map((a) => a.id)).toEqual(articles.map((a) => a.id));
  });
});

describe("byline forms", () => {
  it("finds all four forms, on one line and across lines", () => {
    const text =
      "[뉴시스=홍길동 기자] 첫 기사 본문이다. (고양=연합뉴스) 김철수 기자 = 둘째 기사다.\n" +
      "데일리굿타임 유종운 기자 | 셋째 기사다.\n이영희 기자 = 넷째 기사다.";
    const bylines = findBylines(text);
    expect(bylines.map((b) => [b.outlet, b.reporter])).toEqual([
      ["뉴시스", "홍길동"],
      ["연합뉴스", "김철수"],
      ["데일리굿타임", "유종운"],
      [null, "이영희"],
    ]);
  });

  it("segments a mixed dump into articles without bylines in the body", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "mixed.txt"),
      "[뉴시스=홍길동 기자] 평택시가 관세 대응 회의를 열었다. (고양=연합뉴스) 김철수 기자 = 고양시가 세무 설명회를 연다.\n" +
        "이영희 기자 = 양주시가 교육생을 모집한다.",
    );
    const { articles } = ingestSources([dir]);
    expect(articles.map((a) => a.body)).toEqual([
      "평택시가 관세 대응 회의를 열었다.",
      "고양시가 세무 설명회를 연다.",
      "양주시가 교육생을 모집한다.",
    ]);
    expect(articles.map((a) => a.origin.line)).toEqual([1, 1, 2]);
    expect(articles[1]?.source).toBe("연합뉴스");
  });

  it("splits a dump without bylines at blank lines", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "plain.txt"),
      "첫 번째 공지입니다.\n둘째 줄.\n\n\n두 번째 공지입니다.\n",
    );
    const { articles } = ingestSources([dir]);
    expect(articles.map((a) => [a.body, a.origin.line])).toEqual([
      ["첫 번째 공지입니다.\n둘째 줄.", 1],
      ["두 번째 공지입니다.", 5],
    ]);
  });
});

describe("JSONL records", () => {
  it("reads the corpus format, ignoring unknown keys", () => {
    const dir = tempDir();
    const rec = {
      id: "x-1",
      url: "https://example.go.kr/a/1",
      title: "수출 바우처 모집",
      publishedAt: "2025-12-05T09:00:00+09:00",
      source: "중기부",
      body: "수출 바우처 참여기업을 모집한다.",
      extra: 1,
    };
    writeFileSync(join(dir, "a.jsonl"), `${JSON.stringify(rec)}\n`);
    const [article] = ingestSources([dir]).articles;
    expect(article).toMatchObject({
      id: "x-1",
      title: "수출 바우처 모집",
      publishedAt: "2025-12-05",
      urlIsArticle: true,
      source: "중기부",
    });
  });

  it("converts a UTC timestamp to the Seoul calendar date", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "a.jsonl"),
      `${JSON.stringify({ body: "본문", publishedAt: "2025-04-09T16:30:00Z" })}\n`,
    );
    expect(ingestSources([dir]).articles[0]?.publishedAt).toBe("2025-04-10");
  });
});

describe("bad input never stops a build", () => {
  it("skips each bad record with file, line and reason, and keeps the good ones", () => {
    const dir = tempDir();
    const good = (n: number) =>
      JSON.stringify({ id: `g${n}`, body: `정상 기사 ${n}번 본문입니다.` });
    const lines = [
      good(1),
      "{ this is not json",
      JSON.stringify({ id: "nobody", title: "본문 없음" }),
      JSON.stringify({ id: "blank", body: "   \n\t  " }),
      JSON.stringify({ id: "bin", body: "\u0000\u0001\u0002\uFFFD\uFFFD garbage \u0003\u0004" }),
      JSON.stringify({ id: "huge", body: "가".repeat(5 * 1024 * 1024) }),
      JSON.stringify({ id: "nfd", body: "관세 대응 회의".normalize("NFD") }),
      "[1,2,3]",
      good(2),
    ];
    writeFileSync(join(dir, "bad.jsonl"), lines.join("\n"));
    const { articles, report } = ingestSources([dir, join(dir, "missing.jsonl")]);
    expect(articles.map((a) => a.id)).toEqual(["g1", "nfd", "g2"]);
    const reasons = report.skipped.map(
      (s) => `${s.file.split("/").pop()}:${s.line}: ${s.reason.split(":")[0]}`,
    );
    expect(reasons).toEqual([
      "missing.jsonl:0: unreadable source",
      "bad.jsonl:2: invalid JSON",
      "bad.jsonl:3: record has no body",
      "bad.jsonl:4: empty article",
      "bad.jsonl:5: binary or undecodable text",
      "bad.jsonl:6: article too large",
      "bad.jsonl:8: invalid record",
    ]);
    expect(report.repaired).toEqual([
      expect.objectContaining({ line: 7, reason: expect.stringContaining("NFD") }),
    ]);
    expect(articles[1]?.body).toBe("관세 대응 회의".normalize("NFC"));
  });

  it("skips a binary file given as a dump", () => {
    const dir = tempDir();
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) % 256;
    writeFileSync(join(dir, "blob.txt"), bytes);
    writeFileSync(join(dir, "ok.txt"), "정상 기사입니다.");
    const { articles, report } = ingestSources([dir]);
    expect(articles).toHaveLength(1);
    expect(report.skipped.some((s) => s.file.endsWith("blob.txt") && /binary/.test(s.reason))).toBe(
      true,
    );
  });

  it("drops duplicates by id, article url and body, but not by a sidecar's list page", () => {
    const dir = tempDir();
    const recs = [
      { id: "a", url: "https://e.kr/1", body: "첫 기사" },
      { id: "a", url: "https://e.kr/9", body: "같은 아이디" },
      { id: "b", url: "https://e.kr/1", body: "같은 주소" },
      { id: "c", url: "https://e.kr/3", body: "첫   기사" },
    ];
    writeFileSync(join(dir, "d.jsonl"), recs.map((r) => JSON.stringify(r)).join("\n"));
    writeFileSync(join(dir, "dump.txt"), "김기자 기자 = 둘째 기사.\n이기자 기자 = 셋째 기사.");
    writeFileSync(
      join(dir, "dump.meta.json"),
      JSON.stringify({ url: "https://e.kr/list", source: "테스트" }),
    );
    const { articles, report } = ingestSources([dir]);
    expect(articles.map((a) => a.body)).toEqual(["첫 기사", "둘째 기사.", "셋째 기사."]);
    expect(report.duplicates.map((d) => d.reason.replace(/ (of|by) .*/, ""))).toEqual([
      "id a already used",
      "duplicate url",
      "duplicate body",
    ]);
  });

  it("names the article dropped when its id is taken by a different article", () => {
    const dir = tempDir();
    const recs = [
      { id: "pbln-7", title: "고양시 세무 설명회", body: "고양특례시는 세무 설명회를 연다." },
      { id: "pbln-7", title: "고양시 세무 설명회", body: "고양특례시는   세무 설명회를 연다." },
      { id: "pbln-7", title: "양주시 요양보호사 교육생 모집", body: "양주시는 교육생을 모집한다." },
      {
        id: "pbln-7",
        body: "평택시는 관세 대응 회의를 열었다고 밝혔다. 수출기업 30곳이 참석해 의견을 나눴다.",
      },
    ];
    writeFileSync(join(dir, "ids.jsonl"), recs.map((r) => JSON.stringify(r)).join("\n"));
    const { articles, report } = ingestSources([dir]);
    expect(articles.map((a) => a.title)).toEqual(["고양시 세무 설명회"]);
    expect(report.duplicates.map((d) => [d.line, d.reason])).toEqual([
      [2, expect.stringMatching(/^duplicate id pbln-7 of .*ids\.jsonl:1$/)],
      [
        3,
        expect.stringMatching(
          /^id pbln-7 already used by .*ids\.jsonl:1 for a different article; dropped “양주시 요양보호사 교육생 모집”$/,
        ),
      ],
      [
        4,
        expect.stringMatching(
          /^id pbln-7 already used by .*ids\.jsonl:1 for a different article; dropped “평택시는 관세 대응 회의를 열었다고 밝혔다\. 수출기업 30곳이 참석해 의…”$/,
        ),
      ],
    ]);
  });
});

describe("URLs through the one gate", () => {
  it("keeps an article whose URL is refused, without a link, and reports file, line and why", () => {
    const dir = tempDir();
    const recs = [
      { id: "ok", url: "https://e.example/news/1", body: "정상 기사 본문입니다." },
      { id: "js", url: "javascript:alert(document.cookie)", body: "스크립트 주소 기사." },
      { id: "cred", url: "https://bank.example@phish.example/login", body: "계정 주소 기사." },
      { id: "rel", url: "/news/view.do?id=3", body: "상대 주소 기사." },
      { id: "host", url: "https://exa mple.kr/a", body: "공백 호스트 기사." },
      { id: "num", url: 12345, body: "숫자 주소 기사." },
      {
        id: "smuggled",
        url: "https://e.example/y)[로그인하기](https://phish.example/login)",
        body: "주소에 링크를 숨긴 기사.",
      },
      { id: "none", body: "주소 없는 기사." },
    ];
    writeFileSync(join(dir, "u.jsonl"), recs.map((r) => JSON.stringify(r)).join("\n"));
    writeFileSync(join(dir, "dump.txt"), "김기자 기자 = 덤프 기사 본문.");
    writeFileSync(join(dir, "dump.meta.json"), JSON.stringify({ url: "data:text/html,<b>x</b>" }));
    const { articles, report } = ingestSources([dir]);
    const urls = Object.fromEntries(articles.map((a) => [a.id, a.url]));
    expect(articles).toHaveLength(9);
    expect(urls.ok).toBe("https://e.example/news/1");
    expect(urls.smuggled).toMatch(/^https:\/\/e\.example\/y%29%5B[^()[\]<> ]+$/);
    for (const id of ["js", "cred", "rel", "host", "num", "none"]) expect(urls[id]).toBeNull();
    expect(articles.find((a) => a.body.startsWith("덤프"))?.url).toBeNull();
    expect(report.skipped).toEqual([]);
    expect(
      report.droppedUrls.map((d) => `${d.file.split("/").pop()}:${d.line}: ${d.reason}`),
    ).toEqual([
      "dump.meta.json:0: URL dropped, the dump's articles have no link: not an http(s) URL (data)",
      "u.jsonl:2: URL dropped, article kept without a link: not an http(s) URL (javascript)",
      "u.jsonl:3: URL dropped, article kept without a link: URL carries credentials",
      'u.jsonl:4: URL dropped, article kept without a link: not a URL: "/news/view.do?id=3"',
      'u.jsonl:5: URL dropped, article kept without a link: not a URL: "https://exa mple.kr/a"',
      "u.jsonl:6: URL dropped, article kept without a link: URL is not a string (number)",
    ]);
  });

  it("keeps long bodies that share their opening and differ later", () => {
    const dir = tempDir();
    const opening = "고양특례시는 관내 중소기업을 위한 세무 설명회를 개최한다고 밝혔다. ".repeat(
      60,
    );
    const recs = [
      { id: "x", body: `${opening}신청은 4월 30일까지.` },
      { id: "y", body: `${opening}신청은 5월 30일까지.` },
      { id: "z", body: `${opening.replace(/ /g, "\n  ")}신청은 4월 30일까지.` },
    ];
    writeFileSync(join(dir, "long.jsonl"), recs.map((r) => JSON.stringify(r)).join("\n"));
    const { articles, report } = ingestSources([dir]);
    expect(articles.map((a) => a.id)).toEqual(["x", "y"]);
    expect(report.duplicates.map((d) => d.reason)).toEqual([
      expect.stringMatching(/^duplicate body of .*long\.jsonl:1$/),
    ]);
  });
});

describe("normalisation", () => {
  it("recomposes NFD and strips zero-width and control characters", () => {
    const { text, repairedNfd } = normalizeText(
      `관\u200b세${"설명회".normalize("NFD")}\u0007\uFEFF`,
    );
    expect(text).toBe("관세설명회");
    expect(repairedNfd).toBe(true);
  });
});
