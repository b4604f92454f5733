/**
 * The fetcher against a loopback server serving real formats (RSS 2.0 in EUC-KR, Atom, RSS 1.0,
 * 기업마당 and K-Startup JSON, a list page with article pages) and every fault a source has, into
 * a real SQLite store in a temp state directory; then the index built over the store.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildIndexWithStore } from "../src/runtime/stored-index.ts";
import { parseSources, type SourceConfig } from "../src/sources/config.ts";
import { createRunDeps } from "../src/sources/deps.ts";
import { fetchSource, fetchSources, type RunDeps, type RunResult } from "../src/sources/run.ts";
import { type ArticleStore, openArticleStore, storedArticleId } from "../src/state/articles.ts";
import { fixture, type SourceServer, startSourceServer } from "./support/source-server.ts";

let server: SourceServer;
let stateDir: string;
let store: ArticleStore;
let now: Date;

beforeAll(async () => {
  server = await startSourceServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  stateDir = mkdtempSync(join(tmpdir(), "jiwon-sources-"));
  store = openArticleStore(stateDir);
  now = new Date("2025-04-05T00:00:00Z");
});
afterEach(() => {
  store.close();
  rmSync(stateDir, { recursive: true, force: true });
});

const ENV = { BIZINFO_API_KEY: "test-biz-key", KSTARTUP_API_KEY: "test%2Fks%2Bkey%3D%3D" };

function deps(
  overrides: { gapMs?: number; timeoutMs?: number; env?: Record<string, string> } = {},
): RunDeps {
  return createRunDeps({
    store,
    contactUrl: "https://github.com/example/jiwon",
    gapMs: overrides.gapMs ?? 0,
    timeoutMs: overrides.timeoutMs ?? 2_000,
    env: overrides.env ?? ENV,
    keyNames: Object.keys(ENV),
    clock: () => now,
  });
}

function sources(...entries: Array<Record<string, unknown>>): SourceConfig[] {
  const parsed = parseSources({
    sources: entries.map((e) => ({ ...e, url: `${server.url}${e.url as string}` })),
  });
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.sources;
}

function source(entry: Record<string, unknown>): SourceConfig {
  return sources(entry)[0] as SourceConfig;
}

const stored = (name: string) => store.readAll().articles.filter((a) => a.source === name);

async function run(config: SourceConfig, d = deps()): Promise<RunResult> {
  return fetchSource(config, d);
}

describe("feed: RSS 2.0 in EUC-KR", () => {
  const press = () =>
    source({ name: "mss-press", kind: "feed", url: "/mss/press.xml", every: "30m" });

  it("stores every item with correct Hangul, plain text, safe links and Korean dates", async () => {
    const { report, batch } = await run(press());
    expect(report).toMatchObject({
      ok: true,
      new: 4,
      updated: 0,
      unchanged: 0,
      skipped: 1,
      error: null,
    });
    expect(report.skips).toEqual([
      { item: "mss-press-1005", reason: "item has neither title nor text" },
    ]);
    const articles = stored("mss-press");
    expect(articles.map((a) => a.itemId)).toEqual([
      "mss-press-1001",
      `${server.url}/site/smba/ex/bbs/View.do?cbIdx=86&bcIdx=1002`,
      "https://www.mss.go.kr/site/smba/ex/bbs/View.do?cbIdx=86&bcIdx=1003",
      "mss-press-1004",
    ]);
    const [first, second, third, fourth] = articles;
    expect(first?.title).toBe(
      "중기부, 골목상권 ‘똠양꿍 식당’·‘펲스 베이커리’·‘샾 공방’ 등 소상공인 디지털 전환 지원사업 참여기업 모집",
    );
    expect(first?.body).toContain("지난해 참여한 ‘똠양꿍 식당’, ‘펲스 베이커리’, ‘샾 공방’은");
    expect(first?.body).toContain("<문의: 소상공인정책과 044-204-7800>");
    expect(first?.body).not.toMatch(/<p|style=|pixel\.gif|&nbsp;/);
    // Tracking parameters go; the KST time without an offset is 09:00 in Seoul.
    expect(first?.url).toBe("https://www.mss.go.kr/site/smba/ex/bbs/View.do?cbIdx=86&bcIdx=1001");
    expect(first?.publishedAt).toBe("2025-04-01T00:00:00.000Z");
    expect(first?.outlet).toBe("중소벤처기업부 보도자료");
    // A relative link resolves against the feed; escaped HTML in a description is still HTML.
    expect(second?.url).toBe(`${server.url}/site/smba/ex/bbs/View.do?cbIdx=86&bcIdx=1002`);
    expect(second?.title).toBe("고양시, 수출 중소기업 관세 대응 설명회 개최 & 1:1 상담");
    expect(second?.body).toBe(
      "고양특례시는 오는 4월 15일(화) 오후 2시 고양상공회의소에서 미국 관세 대응 설명회를 개최한다.\n\n참가 신청은 4월 11일(금)까지 이메일로 받는다.",
    );
    expect(second?.publishedAt).toBeNull();
    expect(third?.title).toBe("경기도, 청년 창업 한글 브랜드 지원 공모");
    expect(third?.body).toContain("접수기간 2025. 4. 7.(월) ~ 4. 25.(금)");
    // A javascript: link is dropped; the item's text is kept.
    expect(fourth?.url).toBeNull();
    expect(fourth?.publishedAt).toBe("2025-04-02T23:00:00.000Z");
    expect(batch?.firstRun).toBe(true);
    expect(batch?.added.map((a) => a.id)).toEqual(
      articles.map((a) => storedArticleId("mss-press", a.itemId)),
    );
    // The User-Agent names jiwon and the operator's contact.
    expect(server.requestsTo("/mss/press.xml")[0]?.headers["user-agent"]).toBe(
      "jiwon/0.1 (+https://github.com/example/jiwon)",
    );
  });

  it("reads the charset from the header when the prolog is gone", async () => {
    const { report } = await run(
      source({ name: "mss-header", kind: "feed", url: "/mss/press-header.xml" }),
    );
    expect(report.new).toBe(4);
    expect(stored("mss-header")[0]?.title).toContain("‘똠양꿍 식당’·‘펲스 베이커리’·‘샾 공방’");
  });

  it("asks conditionally the second time: 304 costs nothing and duplicates nothing", async () => {
    const config = press();
    await run(config);
    const before = server.requestsTo("/mss/press.xml").length;
    const { report, batch } = await run(config);
    const second = server.requestsTo("/mss/press.xml")[before];
    expect(second?.headers["if-none-match"]).toMatch(/^"[0-9a-f]{16}"$/);
    expect(report).toMatchObject({ ok: true, notModified: true, new: 0, updated: 0, unchanged: 0 });
    expect(batch).toBeNull();
    expect(stored("mss-press")).toHaveLength(4);
  });

  it("without validators, the same items again are unchanged and stored once", async () => {
    const config = press();
    await run(config);
    store.saveValidators(`${server.url}/mss/press.xml`, { etag: null, lastModified: null }, "x");
    const { report } = await run(config);
    expect(report).toMatchObject({ new: 0, updated: 0, unchanged: 4, notModified: false });
    expect(stored("mss-press")).toHaveLength(4);
    expect(new Set(stored("mss-press").map((a) => a.rev)).size).toBe(4);
  });

  it("an extension notice replaces the stored text, and its old deadline with it", async () => {
    const config = press();
    await run(config);
    const before = await buildIndexWithStore([], stateDir);
    const id = storedArticleId("mss-press", "mss-press-1001");
    expect(before.index.get(id)?.application).toMatchObject({ status: "dated", end: "2025-04-30" });

    server.route("/mss/press.xml", {
      body: fixture("mss-press-v2.euc-kr.xml"),
      headers: { "content-type": "text/xml" },
      etag: true,
    });
    try {
      now = new Date("2025-04-20T00:00:00Z");
      const { report, batch } = await run(config);
      expect(report).toMatchObject({ ok: true, new: 0, updated: 1, unchanged: 3 });
      expect(batch?.firstRun).toBe(false);
      expect(batch?.updated.map((u) => [u.article.id, u.previousEnd])).toEqual([
        [id, "2025-04-30"],
      ]);
      expect(stored("mss-press")).toHaveLength(4);
      const row = stored("mss-press").find((a) => a.itemId === "mss-press-1001");
      expect(row?.body).toContain("5월 15일(목)까지로 연장");
      expect(row?.firstSeenAt).toBe("2025-04-05T00:00:00.000Z");
      expect(row?.changedAt).toBe("2025-04-20T00:00:00.000Z");
      const after = await buildIndexWithStore([], stateDir);
      expect(after.index.allArticles().filter((a) => a.id === id)).toHaveLength(1);
      expect(after.index.get(id)?.application).toMatchObject({
        status: "dated",
        end: "2025-05-15",
      });
    } finally {
      server.route("/mss/press.xml", {
        body: fixture("mss-press.euc-kr.xml"),
        headers: { "content-type": "text/xml" },
        etag: true,
      });
    }
  });
});

describe("feed: Atom and RSS 1.0", () => {
  it("reads Atom entries, and with fullText the main text of pages on the source's host", async () => {
    const config = source({
      name: "goyang-news",
      kind: "feed",
      url: "/goyang/atom.xml",
      fullText: true,
      defaults: { source: "고양신문", region: "고양시" },
    });
    const { report } = await run(config);
    expect(report).toMatchObject({ ok: true, new: 2, skipped: 0 });
    const [first, second] = stored("goyang-news");
    expect(first?.title).toBe("고양시, 소상공인 경영안정자금 2차 접수");
    expect(first?.url).toBe(`${server.url}/news/articleView.html?idxno=2001`);
    expect(first?.outlet).toBe("고양신문");
    expect(first?.publishedAt).toBe("2025-04-03T00:30:00.000Z");
    // The page's own text, not the feed's one-line summary, and none of its menus.
    expect(first?.body).toContain("연 2% 이자를 보전한다");
    expect(first?.body).not.toContain("로그인");
    expect(first?.declared).toEqual({ defaultRegions: ["31100"] });
    // A page on another host is never fetched; the entry keeps its feed text (plain, with "<").
    expect(second?.url).toBe("https://goyang.example/news/articleView.html?idxno=2002");
    expect(second?.body).toBe(
      "일산 전통시장 상인회는 4월 12일(토) 봄 축제를 연다. 제목의 <2025 봄 축제>는 태그가 아니다.",
    );
    expect(second?.title).toBe("일산 전통시장 <2025 봄 축제> 열려");
    expect(server.requests.some((r) => r.path.includes("idxno=2002"))).toBe(false);
    // Pages are read once: the next fetch of unchanged entries reads none.
    store.saveValidators(`${server.url}/goyang/atom.xml`, { etag: null, lastModified: null }, "x");
    const pages = server.requestsTo("/news/articleView.html").length;
    expect((await run(config)).report).toMatchObject({ unchanged: 2, new: 0 });
    expect(server.requestsTo("/news/articleView.html")).toHaveLength(pages);
  });

  it("reads RSS 1.0 (RDF) items with their Dublin Core dates", async () => {
    const { report } = await run(
      source({ name: "mss-notices", kind: "feed", url: "/mss/notices.rdf" }),
    );
    expect(report).toMatchObject({ ok: true, new: 1 });
    expect(stored("mss-notices")[0]).toMatchObject({
      itemId: "https://www.mss.go.kr/site/smba/ex/bbs/View.do?cbIdx=310&bcIdx=3001",
      title: "2025년 수출바우처 사업 참여기업 추가 모집 공고",
      publishedAt: "2025-04-04T01:00:00.000Z",
    });
  });
});

describe("bizinfo and K-Startup", () => {
  const bizinfo = () =>
    source({ name: "bizinfo", kind: "bizinfo", url: "/uss/rss/bizinfoApi.do", every: "1h" });

  it("bizinfo: structured facts are declared and win over the text's guesses", async () => {
    const { report } = await run(bizinfo());
    expect(report).toMatchObject({ ok: true, new: 3, skipped: 0 });
    const request = new URL(server.requestsTo("/uss/rss/bizinfoApi.do")[0]?.path ?? "", server.url);
    expect(Object.fromEntries(request.searchParams)).toMatchObject({
      crtfcKey: "test-biz-key",
      dataType: "json",
      pageUnit: "100",
      pageIndex: "1",
    });
    const rows = stored("bizinfo");
    expect(rows[0]).toMatchObject({
      itemId: "PBLN_000000000105001",
      url: "https://www.bizinfo.go.kr/web/lay1/bbs/S1T122C128/AS/74/view.do?pblancId=PBLN_000000000105001",
      publishedAt: "2025-03-28T05:20:11.000Z",
      outlet: "기업마당",
      declared: {
        applicationPeriod: "20250401 ~ 20250430",
        regions: ["31", "23"],
        categories: ["tech"],
      },
    });
    expect(rows[0]?.body).toBe(
      "스마트공장 구축을 지원합니다.\n\n지원 내용: 기초 단계 구축비의 50% 이내, 최대 7천만 원\n\n※ 신청 서류는 공고문 참조\n지원분야: 기술\n지원대상: 중소기업\n소관부처: 중소벤처기업부\n수행기관: 중소기업기술정보진흥원\n신청기간: 20250401 ~ 20250430",
    );
    expect(rows[2]?.body).toContain("수행기관: 부산경제진흥원, 부산테크노파크");

    const { index } = await buildIndexWithStore([], stateDir);
    const smart = index.get("bizinfo:PBLN_000000000105001");
    expect(smart?.application).toMatchObject({
      status: "dated",
      start: "2025-04-01",
      end: "2025-04-30",
    });
    expect(smart?.regions).toEqual(["31", "23"]);
    expect(smart?.categories).toContain("tech");
    // The text says "4월 30일까지"; the agency's field says until the budget runs out.
    const fund = index.get("bizinfo:PBLN_000000000105002");
    expect(fund?.application.status).toBe("until-budget");
    expect(fund?.application.end).toBeNull();
    expect(fund?.regions).toEqual([]);
    expect(fund?.categories).toContain("finance");
    // Declared 부산; the text's 해운대구 lies inside it and is the more specific answer. The
    // exhibition dates of the text remain events.
    const fair = index.get("bizinfo:PBLN_000000000105003");
    expect(fair?.regions).toEqual(["21090"]);
    expect(fair?.application).toMatchObject({ start: "2025-04-24", end: "2025-05-15" });
    expect(fair?.events.map((e) => [e.start, e.end])).toContainEqual(["2025-05-20", "2025-05-22"]);
  });

  it("bizinfo: a missing key, a refused key and a failing server are reported without the key", async () => {
    const missing = await run(bizinfo(), deps({ env: {} }));
    expect(missing.report).toMatchObject({ ok: false });
    expect(missing.report.error).toBe(
      "BIZINFO_API_KEY is not set: the API key for bizinfo goes in that environment variable",
    );
    expect(store.status("bizinfo")).toBeNull();

    const refused = await run(bizinfo(), deps({ env: { BIZINFO_API_KEY: "wrong-key" } }));
    expect(refused.report.error).toBe(
      "bizinfo answer has no jsonArray: 인증키가 유효하지 않습니다.",
    );

    const broken = source({ name: "bizinfo-500", kind: "bizinfo", url: "/fault/500.xml" });
    const failed = await run(broken);
    expect(failed.report.error).toBe(
      `${server.url}/fault/500.xml?crtfcKey=***&dataType=json&searchCnt=100&pageUnit=100&pageIndex=1: HTTP 500 Internal Server Error`,
    );
    expect(JSON.stringify(store.statuses())).not.toContain("test-biz-key");
  });

  it("K-Startup: an encoded key is sent once-encoded; receipt dates and region are declared", async () => {
    const config = source({
      name: "kstartup",
      kind: "kstartup",
      url: "/B552735/kisedKstartupService01/getAnnouncementInformation01",
      defaults: { category: "startup" },
    });
    const { report } = await run(config);
    expect(report).toMatchObject({ ok: true, new: 2 });
    const path = server.requestsTo(
      "/B552735/kisedKstartupService01/getAnnouncementInformation01",
    )[0]?.path;
    expect(path).toContain("serviceKey=test%2Fks%2Bkey%3D%3D&returnType=json&page=1&perPage=100");
    expect(path).toContain("cond%5Brcrt_prgs_yn%3A%3AEQ%5D=Y");
    const { index } = await buildIndexWithStore([], stateDir);
    const call = index.get("kstartup:176001");
    expect(call).toMatchObject({
      title: "2025년 예비창업패키지 예비창업자 모집 공고",
      url: "https://www.k-startup.go.kr/web/contents/bizpbanc-ongoing.do?schM=view&pbancSn=176001",
      source: "K-Startup · 창업진흥원",
      publishedAt: "2025-04-03",
      regions: [],
    });
    expect(call?.application).toMatchObject({
      status: "dated",
      start: "2025-04-03",
      end: "2025-04-17",
    });
    expect(call?.categories).toContain("startup");
    const incubator = index.get("kstartup:176002");
    expect(incubator?.application).toMatchObject({
      status: "rolling",
      start: "2025-04-01",
      end: null,
    });
    // Declared 대전; the text's 유성구 is inside it.
    expect(incubator?.regions).toEqual(["25040"]);
    expect(incubator?.url).toBe(
      "https://www.k-startup.go.kr/web/contents/bizpbanc-ongoing.do?schM=view&pbancSn=176002",
    );
  });

  it("K-Startup: the gateway's XML error answer is the reported error", async () => {
    const config = source({
      name: "kstartup",
      kind: "kstartup",
      url: "/B552735/kisedKstartupService01/getAnnouncementInformation01",
    });
    const { report } = await run(config, deps({ env: { KSTARTUP_API_KEY: "unregistered" } }));
    expect(report.error).toBe("K-Startup answered XML: SERVICE_KEY_IS_NOT_REGISTERED_ERROR");
  });
});

describe("html: list page and article pages", () => {
  it("reads each new link's page with the selectors, in the page's own charset", async () => {
    const config = source({
      name: "dailygoodtime",
      kind: "html",
      url: "/news/list.html",
      links: "ul.article-list a.title",
      body: "#article-view-content-div",
      title: "h1.headline",
      date: ".published",
      defaults: { source: "데일리굿타임" },
    });
    const { report } = await run(config);
    expect(report).toMatchObject({ ok: true, new: 2, skipped: 1 });
    expect(report.skips).toEqual([{ item: "광고", reason: 'unusable link "javascript:void(0)"' }]);
    const [tax, fair] = stored("dailygoodtime");
    expect(tax).toMatchObject({
      itemId: `${server.url}/news/articleView.html?idxno=5001`,
      title: "고양시, 기업인을 위한 세무 설명회 개최",
      publishedAt: "2025-04-10T00:12:00.000Z",
      outlet: "데일리굿타임",
    });
    expect(tax?.body).toMatch(/^고양특례시는 오는 4월 24일\(목\)/);
    expect(tax?.body).not.toContain("무단전재");
    // Resolved against the list page's directory; EUC-KR declared in a meta tag.
    expect(fair?.url).toBe(`${server.url}/news/articleView.html?idxno=5002`);
    expect(fair?.body).toContain("펲시 음료 유통사 ‘샾 무역’");
    expect(fair?.publishedAt).toBe("2025-04-09");
    const second = await run(config);
    expect(second.report).toMatchObject({ ok: true, notModified: true, new: 0 });
  });
});

describe("faults", () => {
  const faults: Array<[string, string, RegExp]> = [
    ["server-error", "/fault/500.xml", /\/fault\/500\.xml: HTTP 500 Internal Server Error$/],
    ["not-found", "/fault/404.xml", /\/fault\/404\.xml: HTTP 404 Not Found$/],
    ["slow", "/fault/slow.xml", /\/fault\/slow\.xml: no answer within 300 ms$/],
    ["malformed", "/fault/malformed.xml", /^not a readable RSS, RDF or Atom feed: /],
    ["huge", "/fault/huge.xml", /response of 6291456 bytes is over the 5242880-byte cap$/],
    ["loop", "/fault/loop.xml", /\/fault\/loop\.xml: more than 5 redirects$/],
    ["rate-limited", "/fault/429.xml", /429 Too Many Requests \(retry after 120 s\)$/],
  ];

  it("each fault is that source's reported error; the others still fetch and nothing stored is lost", async () => {
    const good = { name: "mss-press", kind: "feed", url: "/mss/press.xml" };
    const configs = sources(good, ...faults.map(([name, url]) => ({ name, kind: "feed", url })));
    const first = await fetchSources(configs.slice(0, 1), deps({ timeoutMs: 300 }));
    expect(first[0]?.report.new).toBe(4);
    store.saveValidators(`${server.url}/mss/press.xml`, { etag: null, lastModified: null }, "x");
    const results = await fetchSources(configs, deps({ timeoutMs: 300 }));
    expect(results.map((r) => r.report.name)).toEqual(["mss-press", ...faults.map(([n]) => n)]);
    expect(results[0]?.report).toMatchObject({ ok: true, unchanged: 4 });
    faults.forEach(([name, , error], i) => {
      const report = results[i + 1]?.report;
      expect(report, name).toMatchObject({ ok: false, new: 0 });
      expect(report?.error, name).toMatch(error);
    });
    expect(stored("mss-press")).toHaveLength(4);
    expect(store.readAll().articles).toHaveLength(4);
    // The loop was followed 5 times, then given up.
    expect(
      server.requestsTo("/fault/loop.xml").length + server.requestsTo("/fault/loop2.xml").length,
    ).toBe(6);
    // Back-off: five minutes after a first failure; a 429 waits as long as Retry-After says.
    const at = (name: string) => store.status(name)?.retryAt;
    expect(at("server-error")).toBe("2025-04-05T00:05:00.000Z");
    expect(at("rate-limited")).toBe("2025-04-05T00:02:00.000Z");
  });

  it("pauses a source after 10 failures in a row until resumed or reconfigured", async () => {
    const config = source({ name: "server-error", kind: "feed", url: "/fault/500.xml" });
    const d = deps();
    for (let i = 1; i <= 9; i++) {
      const { report } = await run(config, d);
      expect(report.paused).toBe(false);
    }
    expect(store.status("server-error")?.retryAt).toBe(
      new Date(now.getTime() + 6 * 60 * 60_000).toISOString(),
    );
    const tenth = await run(config, d);
    expect(tenth.report).toMatchObject({ ok: false, paused: true });
    const requests = server.requestsTo("/fault/500.xml").length;
    const eleventh = await run(config, d);
    expect(eleventh.report.error).toMatch(
      /^paused after 10 failures in a row \(last: .*HTTP 500.*\); resume it with \/sources resume server-error$/,
    );
    expect(server.requestsTo("/fault/500.xml")).toHaveLength(requests);

    expect(store.resume("server-error")).toBe(true);
    expect(store.status("server-error")).toMatchObject({ failures: 0, pausedAt: null });
    for (let i = 0; i < 10; i++) await run(config, d);
    expect(store.status("server-error")?.pausedAt).not.toBeNull();
    store.syncConfig("server-error", config.configHash);
    expect(store.status("server-error")?.pausedAt).not.toBeNull();
    expect(store.syncConfig("server-error", "edited").resumed).toBe(true);
    expect(store.status("server-error")?.pausedAt).toBeNull();
  });

  it("keeps the minimum gap between requests to one host, one source at a time", async () => {
    const configs = sources(
      { name: "a", kind: "feed", url: "/mss/notices.rdf" },
      { name: "b", kind: "feed", url: "/goyang/atom.xml" },
    );
    const start = server.requests.length;
    await fetchSources(configs, deps({ gapMs: 300 }));
    const [first, second] = server.requests.slice(start);
    expect(second && first && second.at - first.at).toBeGreaterThanOrEqual(290);
  });
});
