/**
 * Alerts in the real `npm start` process against the loopback Discord: a moderator adds an alert,
 * a new article reaches the index (a `/reindex` that brings a new file), and its message arrives
 * in the channel once — and not again after a restart of the process on the same state.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
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

/** `npm start` itself, with a token, on the test data and state. */
function npmStart() {
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

/** Dispatches a slash command through the gateway and waits for its answer. */
async function command(name: string, subcommand: string | undefined, options = {}) {
  const raw = chatInputInteraction({ name, subcommand, options, memberPermissions: MODERATOR });
  fake.dispatchInteraction(raw);
  const answer = await fake.waitFor(
    (r) =>
      (r.method === "PATCH" && r.path.includes(`/${raw.token}/messages/`)) ||
      (r.method === "POST" && r.path === `/api/v10/interactions/${raw.id}/${raw.token}/callback`),
    60_000,
  );
  return answer;
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
    const json = post.json as {
      content: string;
      nonce: string;
      enforce_nonce: boolean;
      allowed_mentions: unknown;
      embeds: Array<{ title: string; url: string }>;
    };
    expect(json.content).toBe("🔔 알림 #1 · 평택시 · “관세” — 새 소식 1건");
    expect(json.enforce_nonce).toBe(true);
    expect(json.allowed_mentions).toEqual({ parse: [] });
    expect(json.embeds.map((e) => [e.title, e.url])).toEqual([[TARIFF.title, TARIFF.url]]);
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
