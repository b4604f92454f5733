/**
 * Alerts and sources in the real `npm start` process against the loopback Discord: a moderator
 * adds an alert, a new article reaches the index (a `/reindex` that brings a new file), and its
 * message arrives in the channel once — and not again after a restart of the process on the same
 * state. Then with a sources file and a loopback feed server: the bot fetches the feed at start
 * and `/news search` finds its article without `/reindex`; after `/alerts add`, a
 * `/sources refresh` brings a matching article and its message arrives in the channel, once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chatInputInteraction,
  type FakeDiscord,
  startFakeDiscord,
  TEST_IDS,
} from "./support/fake-discord.ts";
import { makeDataDir, writeData } from "./support/news-data.ts";
import { fixture, startSourceServer } from "./support/source-server.ts";

const TOKEN = "alerts-process-token.abcdef";
const MODERATOR =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ManageChannels |
  PermissionFlagsBits.ManageGuild;

const stateDir = mkdtempSync(join(tmpdir(), "jiwon-alerts-process-"));
const data = makeDataDir({
  "base.jsonl": [
    {
      id: "care",
      title: "양주시 요양보호사 교육생 모집",
      body: "양주시가 요양보호사 교육생 30명을 모집한다고 14일 밝혔다.",
      url: "https://news.example.kr/care",
      publishedAt: "2025-04-14",
      source: "테스트경제",
    },
  ],
});
const TARIFF = {
  id: "tariff-aid",
  title: "평택시, 美 관세 대응 수출기업 긴급자금 지원",
  body: "평택시는 미국의 관세 부과에 대응해 관내 수출 중소기업에 긴급 경영안정자금을 지원한다고 14일 밝혔다. 신청은 4월 30일까지 평택시청 기업지원과에서 받는다.",
  url: "https://news.example.kr/tariff-aid",
  publishedAt: "2025-04-14",
  source: "테스트경제",
};

let fake: FakeDiscord;
const children: ChildProcess[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN, heartbeatIntervalMs: 1_000 });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await fake.close();
  rmSync(stateDir, { recursive: true, force: true });
  data.remove();
});

/** `npm start` itself, with a token, on the test data and state (or those `env` names). */
function npmStart(env: Record<string, string> = {}) {
  const proc = spawn("npm", ["start", "--", "--as-of", "2025-04-14"], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? "",
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: fake.ids.application,
      DISCORD_API_URL: fake.url,
      JIWON_STATE_DIR: stateDir,
      JIWON_DATA_DIRS: data.dir,
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(proc);
  let output = "";
  proc.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  proc.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const waitForOutput = async (pattern: RegExp, timeoutMs: number) => {
    const started = Date.now();
    while (!pattern.test(output)) {
      if (Date.now() - started > timeoutMs) {
        throw new Error(`no ${pattern} in the bot's output within ${timeoutMs} ms:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { proc, exited, waitForOutput, output: () => output };
}

/**
 * Dispatches a slash command through the gateway and waits for its answer: the message of the
 * callback, or the edit of a deferred reply.
 */
async function command(
  name: string,
  subcommand: string | undefined,
  options: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const raw = chatInputInteraction({ name, subcommand, options, memberPermissions: MODERATOR });
  fake.dispatchInteraction(raw);
  const callback = await fake.waitFor(
    (r) =>
      r.method === "POST" && r.path === `/api/v10/interactions/${raw.id}/${raw.token}/callback`,
    60_000,
  );
  const { type, data } = callback.json as { type: number; data?: Record<string, unknown> };
  if (type !== 5) return data ?? {};
  const edit = await fake.waitFor(
    (r) => r.method === "PATCH" && r.path.includes(`/${raw.token}/messages/`),
    60_000,
  );
  return edit.json as Record<string, unknown>;
}

/** Alert #1's message for one article: its embed, a nonce Discord enforces, no mentions. */
function expectAlertMessage(body: unknown, article: { title: string; url: string }): void {
  const json = body as {
    content: string;
    enforce_nonce: boolean;
    allowed_mentions: unknown;
    embeds: Array<{ title: string; url: string }>;
  };
  expect(json.content).toBe("🔔 알림 #1 · 평택시 · “관세” — 새 소식 1건");
  expect(json.enforce_nonce).toBe(true);
  expect(json.allowed_mentions).toEqual({ parse: [] });
  expect(json.embeds.map((e) => [e.title, e.url])).toEqual([[article.title, article.url]]);
}

const channelPosts = () =>
  fake.requests.filter(
    (r) => r.method === "POST" && r.path === `/api/v10/channels/${TEST_IDS.channel}/messages`,
  );

describe("alerts in the npm start process", () => {
  it("/alerts add, then a new matching article arrives: one message in the channel, once", async () => {
    const bot = npmStart();
    await fake.waitForIdentify(40_000);
    await bot.waitForOutput(/"msg":"bot ready"/, 20_000);

    await command("alerts", "add", { query: "관세", region: "평택" });
    await bot.waitForOutput(/"command":"alerts add"/, 20_000);
    expect(channelPosts()).toEqual([]);

    writeData(data.dir, { "new.jsonl": [TARIFF] });
    await command("reindex", undefined);
    const post = await fake.waitFor(
      (r) => r.method === "POST" && r.path === `/api/v10/channels/${TEST_IDS.channel}/messages`,
      60_000,
    );
    expectAlertMessage(post.json, TARIFF);
    await bot.waitForOutput(/"msg":"alert posted"/, 10_000);

    bot.proc.kill("SIGTERM");
    expect(await bot.exited).toBe(0);

    // The same state after a restart: the catch-up round and another reindex post nothing new.
    const again = npmStart();
    await fake.waitForIdentify(40_000);
    await again.waitForOutput(/"msg":"bot ready"/, 20_000);
    await command("reindex", undefined);
    await again.waitForOutput(/"msg":"reindex done; new index serving"/, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(channelPosts()).toHaveLength(1);
    expect(fake.posted.filter((p) => p.channelId === TEST_IDS.channel)).toHaveLength(1);
    again.proc.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  }, 180_000);
});

/** The regional Atom fixture with one more entry at the top. */
function feedWith(entry: {
  id: string;
  title: string;
  url: string;
  published: string;
  text: string;
}) {
  return fixture("regional-atom.xml")
    .toString("utf8")
    .replace(
      "<entry>",
      `<entry>
    <title>${entry.title}</title>
    <id>${entry.id}</id>
    <link href="${entry.url}"/>
    <published>${entry.published}</published>
    <content type="text">${entry.text}</content>
  </entry>
  <entry>`,
    );
}

describe("sources in the npm start process", () => {
  it("fetches at start, /news search finds the article without /reindex; /alerts add, /sources refresh, one alert message", async () => {
    const server = await startSourceServer();
    const own = mkdtempSync(join(tmpdir(), "jiwon-sources-process-"));
    const base = makeDataDir({
      "base.jsonl": [
        {
          ...TARIFF,
          id: "care-2",
          title: "양주시 요양보호사 교육생 추가 모집",
          body: "양주시가 요양보호사 교육생 10명을 추가로 모집한다.",
          url: "https://news.example.kr/care-2",
        },
      ],
    });
    const sources = join(own, "sources.json");
    const feedUrl = `${server.url}/goyang/atom.xml`;
    writeFileSync(
      sources,
      JSON.stringify({
        sources: [{ name: "goyang-news", kind: "feed", url: feedUrl, every: "1h" }],
      }),
    );
    try {
      const bot = npmStart({
        JIWON_SOURCES: sources,
        JIWON_STATE_DIR: join(own, "state"),
        JIWON_DATA_DIRS: base.dir,
      });
      await fake.waitForIdentify(40_000);
      await bot.waitForOutput(/"msg":"bot ready"/, 20_000);
      // The first fetch runs on its own at start.
      await bot.waitForOutput(/"source":"goyang-news".*"msg":"source fetched"/, 20_000);
      const answer = await command("news", "search", { query: "경영안정자금 2차 접수" });
      const found = answer as { embeds?: Array<{ title: string }> };
      expect(found.embeds?.map((e) => e.title)).toContain("고양시, 소상공인 경영안정자금 2차 접수");
      expect(bot.output()).not.toMatch(/reindex started/);

      await command("alerts", "add", { query: "관세", region: "평택" });
      await bot.waitForOutput(/"command":"alerts add"/, 20_000);
      const before = channelPosts().length;
      const article = {
        id: "tag:goyang.example,2025:news-2101",
        title: "평택시, 美 관세 대응 수출기업 긴급자금 추가 지원",
        url: "https://goyang.example/news/articleView.html?idxno=2101",
        published: "2025-04-14T09:00:00+09:00",
        text: "평택시는 미국의 관세 부과에 대응해 관내 수출 중소기업에 긴급 경영안정자금을 추가로 지원한다고 14일 밝혔다. 신청은 4월 30일까지 평택시청 기업지원과에서 받는다.",
      };
      server.route("/goyang/atom.xml", {
        body: feedWith(article),
        headers: { "content-type": "application/atom+xml; charset=utf-8" },
        etag: true,
      });
      const refreshed = await command("sources", "refresh");
      const report = refreshed as { embeds?: Array<{ fields?: Array<{ value: string }> }> };
      expect(report.embeds?.[0]?.fields?.[0]?.value).toBe(
        "새 글 1 · 바뀐 글 0 · 그대로 2 · 건너뜀 0",
      );
      // The fake keeps the first test's post too: this one is the next post to the channel.
      const deadline = Date.now() + 60_000;
      while (channelPosts().length <= before && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const post = channelPosts()[before];
      if (!post) throw new Error("no alert message in the channel within 60 s");
      console.log(`alert message JSON (npm start, /sources refresh): ${JSON.stringify(post.json)}`);
      expectAlertMessage(post.json, article);
      await bot.waitForOutput(/"msg":"alert posted"/, 10_000);
      // A second refresh: 304, nothing new, nothing posted again.
      await command("sources", "refresh");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(channelPosts()).toHaveLength(before + 1);
      bot.proc.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
    } finally {
      await server.close();
      base.remove();
      rmSync(own, { recursive: true, force: true });
    }
  }, 180_000);
});
