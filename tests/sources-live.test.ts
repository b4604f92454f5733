/**
 * The running bot's fetcher (src/runtime/source-service.ts) with the real services: a sources
 * file in a temp directory, the loopback source server, the real SQLite state and index. What a
 * source stores becomes searchable in the serving index without a rebuild, alerts hear it (the
 * first fetch as backfill), /reindex keeps it, and the schedule follows back-off, Retry-After,
 * pauses, resumes and edits of the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { validateRecord } from "../src/ingest/record.ts";
import { answerSearch } from "../src/query/answer.ts";
import { DEFAULT_DATA_DIR } from "../src/runtime/config.ts";
import { createLogger } from "../src/runtime/logger.ts";
import { createReindexService } from "../src/runtime/reindex.ts";
import { dueAt, type SourceSettings } from "../src/runtime/source-service.ts";
import type { StoredArticles } from "../src/runtime/stored-articles.ts";
import { parseSources, type SourceConfig } from "../src/sources/config.ts";
import { BACKOFF_BASE_MS, PAUSE_AFTER_FAILURES } from "../src/sources/run.ts";
import { openArticleStore } from "../src/state/articles.ts";
import { type Harness, SEED_AS_OF, startHarness } from "./support/bot-harness.ts";
import { type FakeDiscord, startFakeDiscord } from "./support/fake-discord.ts";
import {
  defaultRoutes,
  type Route,
  type SourceServer,
  startSourceServer,
} from "./support/source-server.ts";

const CONTACT = "https://github.com/example/jiwon";
const TITLE_2001 = "고양시, 소상공인 경영안정자금 2차 접수";

let server: SourceServer;
let fake: FakeDiscord;
let dir: string;
let harness: Harness | null = null;

beforeAll(async () => {
  server = await startSourceServer();
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await server.close();
  await fake.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "jiwon-live-"));
});
afterEach(async () => {
  server.route("/goyang/atom.xml", defaultRoutes()["/goyang/atom.xml"] as Route);
  await harness?.close();
  harness = null;
  rmSync(dir, { recursive: true, force: true });
});

function writeSources(entries: Array<Record<string, unknown>>): string {
  const path = join(dir, "sources.json");
  const sources = entries.map((e) => ({ ...e, url: `${server.url}${e.url as string}` }));
  writeFileSync(path, JSON.stringify({ sources }, null, 2));
  return path;
}

async function start(entries: Array<Record<string, unknown>>, gapMs = 0): Promise<Harness> {
  const settings: SourceSettings = {
    file: writeSources(entries),
    contactUrl: CONTACT,
    fetch: { gapMs, timeoutMs: 2_000 },
    env: {},
  };
  harness = await startHarness({ fake, stateDir: join(dir, "state"), sources: settings });
  return harness;
}

const GOYANG = { name: "goyang-news", kind: "feed", url: "/goyang/atom.xml", every: "30m" };

function titles(h: Harness): string[] {
  return h.opened.holder
    .current()
    .allArticles()
    .map((a) => a.title ?? "");
}

async function search(h: Harness, query: string) {
  const answer = await answerSearch(h.opened.holder.current(), { query, asOf: SEED_AS_OF });
  return answer.hits.map((hit) => hit.article.title);
}

describe("the bot's fetcher", () => {
  it("makes a fetched article searchable without a rebuild, and tells the alerts (first run as backfill)", async () => {
    const h = await start([GOYANG]);
    const batches: StoredArticles[] = [];
    h.opened.events.subscribe((batch) => void batches.push(batch));
    const before = h.opened.holder.current();
    expect(titles(h)).not.toContain(TITLE_2001);
    expect(await search(h, "경영안정자금 2차")).not.toContain(TITLE_2001);

    const outcome = await h.opened.sources.refresh();
    expect(outcome.status).toBe("done");
    const serving = h.opened.holder.current();
    expect(serving).not.toBe(before);
    // Everything the shipped data had is still there, plus the two fetched entries.
    expect(serving.size).toBe(before.size + 2);
    expect(await search(h, "경영안정자금 2차")).toContain(TITLE_2001);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ origin: "goyang-news", backfill: true, updated: [] });
    expect(batches[0]?.added).toHaveLength(2);
    expect(server.requestsTo("/goyang/atom.xml")[0]?.headers["user-agent"]).toBe(
      `jiwon/0.1 (+${CONTACT})`,
    );

    // The next version of the feed has one more entry: news now, not backfill.
    const atom = (await import("./support/source-server.ts")).fixture("regional-atom.xml");
    const next = atom.toString("utf8").replace(
      "<entry>",
      `<entry>
    <title>고양시, 수출기업 물류비 지원 추가 공모</title>
    <id>tag:goyang.example,2025:news-2003</id>
    <link href="https://goyang.example/news/articleView.html?idxno=2003"/>
    <updated>2025-04-09T10:00:00+09:00</updated>
    <content type="text">고양시는 수출 중소기업의 해외 물류비를 업체당 최대 500만 원 지원하는 추가 공모를 4월 25일까지 받는다.</content>
  </entry>
  <entry>`,
    );
    server.route("/goyang/atom.xml", {
      body: next,
      headers: { "content-type": "application/atom+xml; charset=utf-8" },
      etag: true,
    });
    await h.opened.sources.refresh("goyang-news");
    expect(batches).toHaveLength(2);
    expect(batches[1]).toMatchObject({ origin: "goyang-news", backfill: false, updated: [] });
    expect(batches[1]?.added).toHaveLength(1);
    expect(await search(h, "물류비 추가 공모")).toContain("고양시, 수출기업 물류비 지원 추가 공모");
    // A third fetch: the server answers 304 to the remembered ETag; nothing new, nothing told.
    await h.opened.sources.refresh("goyang-news");
    expect(server.requestsTo("/goyang/atom.xml").at(-1)?.headers["if-none-match"]).toMatch(/^"/);
    expect(batches).toHaveLength(2);
  });

  it("a /reindex reads the store too: fetched articles survive the rebuild", async () => {
    const h = await start([GOYANG]);
    await h.opened.sources.refresh();
    const fetched = h.opened.holder.current().size;
    const outcome = await h.opened.services.reindex.run("test");
    expect(outcome).toMatchObject({ status: "done", articles: fetched, previousArticles: fetched });
    // The worker read the store itself (not only the catch-up after it): it is one of its inputs.
    const files = outcome.status === "done" ? outcome.report.files : [];
    expect(files.filter((f) => f.startsWith("store:"))).toEqual([
      `store:${join(dir, "state", "jiwon.sqlite")}`,
    ]);
    expect(await search(h, "경영안정자금 2차")).toContain(TITLE_2001);
  });

  it("a rebuild adds what was stored after the revision its worker read, before it serves", async () => {
    const h = await start([GOYANG]);
    await h.opened.sources.refresh();
    const head = (() => {
      const store = openArticleStore(join(dir, "state"));
      try {
        return store.head();
      } finally {
        store.close();
      }
    })();
    // As if a fetch had landed while the worker ran: the store says one more article came after
    // the revision the worker read, which the worker's snapshot cannot hold.
    const late = validateRecord({
      id: "late-1",
      url: "https://news.example.kr/late-1",
      urlIsArticle: true,
      title: "양주시, 늦게 도착한 수출 바우처 공고",
      publishedAt: "2025-04-09",
      source: "테스트",
      body: "양주시는 수출 바우처 참여기업을 4월 30일까지 모집한다.",
      origin: { file: "store:test#late-1", line: 0 },
    });
    if (!late.ok) throw new Error(late.reason);
    const asked: number[] = [];
    const service = createReindexService({
      holder: h.opened.holder,
      dataPaths: [DEFAULT_DATA_DIR],
      stateDir: join(dir, "state"),
      snapshotDir: h.stateDir,
      logger: createLogger({ level: "silent" }),
      storedSince: (rev) => {
        asked.push(rev);
        return [late.article];
      },
    });
    const outcome = await service.run("test");
    expect(outcome.status).toBe("done");
    expect(asked).toEqual([head]);
    expect(h.opened.holder.current().get("late-1")?.title).toBe(late.article.title);
    expect(await search(h, "경영안정자금 2차")).toContain(TITLE_2001);
  });

  it("starts each source on its schedule: a new source at once, a failing one after its back-off", async () => {
    const h = await start([
      GOYANG,
      { name: "broken", kind: "feed", url: "/fault/500.xml", every: "15m" },
      { name: "limited", kind: "feed", url: "/fault/429.xml", every: "15m" },
    ]);
    const started = Date.now();
    h.opened.sources.start();
    // Due now: each runs about a second after the start (croner's whole-second timer).
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const views = h.opened.sources.list();
      if (
        views.every((v) => v.lastSuccessAt !== null || v.lastError !== null) &&
        views.every((v) => !v.running)
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await h.opened.sources.idle();
    const views = Object.fromEntries(h.opened.sources.list().map((v) => [v.name, v]));
    expect(titles(h)).toContain(TITLE_2001);
    expect(views["goyang-news"]).toMatchObject({ lastError: null, paused: false, newLastDay: 2 });
    expect(views.broken?.lastError).toMatch(/HTTP 500/);
    expect(views.limited?.lastError).toMatch(/429/);
    const inMs = (name: string) => (views[name]?.nextRun?.getTime() ?? 0) - started;
    // The good source: its `every` after the run; the 500: the first back-off; the 429: Retry-After 120 s.
    expect(inMs("goyang-news")).toBeGreaterThan(30 * 60_000 - 20_000);
    expect(inMs("goyang-news")).toBeLessThan(30 * 60_000 + 20_000);
    expect(inMs("broken")).toBeGreaterThan(BACKOFF_BASE_MS - 20_000);
    expect(inMs("broken")).toBeLessThan(BACKOFF_BASE_MS + 20_000);
    expect(inMs("limited")).toBeGreaterThan(120_000 - 20_000);
    expect(inMs("limited")).toBeLessThan(120_000 + 20_000);
  });

  it("pauses a source after 10 failures in a row, says so, and resumes it on request or when its entry changes", async () => {
    const broken = { name: "broken", kind: "feed", url: "/fault/404.xml", every: "15m" };
    const h = await start([GOYANG, broken]);
    h.opened.sources.start();
    for (let i = 0; i < PAUSE_AFTER_FAILURES; i++) await h.opened.sources.refresh("broken");
    await h.opened.sources.idle();
    let view = h.opened.sources.list().find((v) => v.name === "broken");
    expect(view).toMatchObject({ paused: true, failures: PAUSE_AFTER_FAILURES, nextRun: null });
    // Paused: a refresh reports the pause and sends nothing.
    const requests = server.requestsTo("/fault/404.xml").length;
    const refused = await h.opened.sources.refresh("broken");
    expect(refused.status === "done" && refused.reports[0]?.error).toMatch(
      /paused after 10 failures/,
    );
    expect(server.requestsTo("/fault/404.xml")).toHaveLength(requests);
    // The other source never stopped.
    expect(h.opened.sources.list().find((v) => v.name === "goyang-news")?.paused).toBe(false);

    expect(h.opened.sources.resume("goyang-news")).toEqual({ status: "not-paused" });
    expect(h.opened.sources.resume("nope").status).toBe("unknown");
    expect(h.opened.sources.resume("broken")).toEqual({ status: "resumed" });
    view = h.opened.sources.list().find((v) => v.name === "broken");
    expect(view).toMatchObject({ paused: false, failures: 0 });
    expect(view?.nextRun).not.toBeNull();

    // Paused again, then the operator fixes its URL in the file: resumed without a command.
    for (let i = 0; i < PAUSE_AFTER_FAILURES; i++) await h.opened.sources.refresh("broken");
    expect(h.opened.sources.list().find((v) => v.name === "broken")?.paused).toBe(true);
    writeSources([GOYANG, { ...broken, url: "/mss/notices.rdf" }]);
    view = h.opened.sources.list().find((v) => v.name === "broken");
    expect(view).toMatchObject({ paused: false });
    const fixed = await h.opened.sources.refresh("broken");
    expect(fixed.status === "done" && fixed.reports[0]).toMatchObject({ ok: true, error: null });
  });

  it("runs sources of one host one at a time, with the minimum gap between requests", async () => {
    const h = await start(
      [
        GOYANG,
        { name: "mss-notices", kind: "feed", url: "/mss/notices.rdf", every: "1h" },
        { name: "mss-press", kind: "feed", url: "/mss/press.xml", every: "1h" },
      ],
      300,
    );
    const from = server.requests.length;
    await h.opened.sources.refresh();
    const feeds = server.requests
      .slice(from)
      .filter((r) => /\.(xml|rdf)$/.test(r.path))
      .map((r) => r.at)
      .sort((a, b) => a - b);
    expect(feeds).toHaveLength(3);
    for (let i = 1; i < feeds.length; i++) {
      expect((feeds[i] as number) - (feeds[i - 1] as number)).toBeGreaterThanOrEqual(290);
    }
  });

  it("a broken sources file fetches nothing and says why; the bot still serves", async () => {
    const path = join(dir, "sources.json");
    writeFileSync(path, JSON.stringify({ sources: [{ name: "Bad Name", kind: "feed" }] }));
    harness = await startHarness({
      fake,
      stateDir: join(dir, "state"),
      sources: { file: path, contactUrl: null, fetch: { gapMs: 0, timeoutMs: 1000 }, env: {} },
    });
    const file = harness.opened.sources.file();
    expect(file.status).toBe("invalid");
    expect(file.status === "invalid" && file.errors.join("\n")).toMatch(
      /source "Bad Name" \(#1\): name/,
    );
    expect(harness.opened.sources.list()).toEqual([]);
    expect((await harness.opened.sources.refresh()).status).toBe("none");
    expect(harness.opened.holder.current().size).toBeGreaterThan(0);
  });
});

describe("dueAt", () => {
  const source = parseSources({
    sources: [{ name: "s", kind: "feed", url: "https://example.kr/rss", every: "30m" }],
  });
  const config = (source.ok ? source.sources[0] : null) as SourceConfig;
  const now = new Date("2025-04-10T03:00:00Z");
  const status = (over: Record<string, string | number | null>) => ({
    name: "s",
    failures: 0,
    lastAttemptAt: null,
    lastSuccessAt: null,
    lastError: null,
    lastErrorAt: null,
    retryAt: null,
    pausedAt: null,
    configHash: null,
    ...over,
  });

  it("is now for a source never run, last attempt + every after a run, the retry time after a failure, none when paused", () => {
    expect(dueAt(config, null, now)).toEqual(now);
    expect(
      dueAt(config, status({ lastAttemptAt: "2025-04-10T02:50:00.000Z" }) as never, now),
    ).toEqual(new Date("2025-04-10T03:20:00Z"));
    expect(
      dueAt(config, status({ lastAttemptAt: "2025-04-10T01:00:00.000Z" }) as never, now),
    ).toEqual(now);
    expect(
      dueAt(
        config,
        status({
          failures: 3,
          lastAttemptAt: "2025-04-10T02:59:00.000Z",
          retryAt: "2025-04-10T05:00:00.000Z",
        }) as never,
        now,
      ),
    ).toEqual(new Date("2025-04-10T05:00:00Z"));
    // A 429 asking for two minutes on a 30-minute source: retried when the server said.
    expect(
      dueAt(
        config,
        status({
          failures: 1,
          lastAttemptAt: "2025-04-10T02:59:00.000Z",
          retryAt: "2025-04-10T03:01:00.000Z",
        }) as never,
        now,
      ),
    ).toEqual(new Date("2025-04-10T03:01:00Z"));
    expect(
      dueAt(config, status({ pausedAt: "2025-04-10T02:00:00.000Z" }) as never, now),
    ).toBeNull();
  });
});
