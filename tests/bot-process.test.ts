/**
 * The real `npm start` process (`node bin/jiwon.js start`) with a token: it logs in through
 * the loopback Discord's gateway (HELLO, IDENTIFY → READY, GUILD_CREATE), answers a dispatched
 * INTERACTION_CREATE through REST, never registers commands, and stops cleanly on SIGTERM — also
 * when the signal goes to the `npm` process only, as a supervisor or `kill <npm pid>` sends it; a
 * digest caught in a 429 wait when the process is killed goes out when it comes back, even much
 * later the same day; a fatal gateway close (bad token, bad intents) ends the process non-zero.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { snapshotPathFor } from "../src/index/snapshot.ts";
import { isSafeHttpUrl } from "../src/ingest/safe-url.ts";
import { openStore } from "../src/state/store.ts";
import {
  chatInputInteraction,
  type FakeDiscord,
  startFakeDiscord,
} from "./support/fake-discord.ts";
import { makeDataDir } from "./support/news-data.ts";

const TOKEN = "process-test-token.abcdef";
const stateDir = mkdtempSync(join(tmpdir(), "jiwon-process-"));
let fake: FakeDiscord;
const children: ChildProcess[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN, heartbeatIntervalMs: 1_000 });
});

afterEach(() => {
  fake.reset();
});

/** Processes started below npm: killed at the end even when an assertion failed first. */
const grandchildren: number[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  for (const pid of grandchildren) if (isRunning(pid)) process.kill(pid, "SIGKILL");
  await fake.close();
  rmSync(stateDir, { recursive: true, force: true });
});

interface Bot {
  proc: ChildProcess;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

/** The bot as `node bin/jiwon.js start` runs it, or through `npm start` itself. */
function startBot(
  args: string[],
  env: Record<string, string> = {},
  via: "node" | "npm" = "node",
): Bot {
  const [command, ...head] =
    via === "npm" ? ["npm", "start", "--"] : [process.execPath, "bin/jiwon.js", "start"];
  const proc = spawn(command ?? "npm", [...head, ...args], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? "",
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: fake.ids.application,
      DISCORD_API_URL: fake.url,
      JIWON_STATE_DIR: stateDir,
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
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    proc.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    proc,
    output: () => output,
    exited,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (pattern.test(output)) {
            clearInterval(poll);
            resolve();
          } else if (Date.now() - started > timeoutMs) {
            clearInterval(poll);
            reject(
              new Error(`no ${pattern} in the bot's output within ${timeoutMs} ms:\n${output}`),
            );
          }
        }, 50);
      });
    },
  };
}

/** The ids of every process below `root`, from the real process table. */
function descendantsOf(root: number): number[] {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const children = rows
      .filter(([, ppid]) => frontier.includes(ppid ?? -1))
      .map(([pid]) => pid ?? 0);
    found.push(...children);
    frontier = children;
  }
  return found;
}

/** Whether a process with this id still exists (signal 0 only checks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isRunning(pid);
}

describe("npm start with DISCORD_TOKEN", () => {
  it("connects, answers an interaction through REST, and exits cleanly on SIGTERM", async () => {
    const bot = startBot(["--as-of", "2025-04-10"]);
    const connection = await fake.waitForIdentify(40_000);
    expect(connection.identify).toMatchObject({ token: TOKEN, intents: 1 });
    await bot.waitForOutput(/"msg":"bot ready"/, 10_000);

    const raw = chatInputInteraction({
      name: "news",
      subcommand: "search",
      options: { query: "관세" },
    });
    fake.dispatchInteraction(raw);
    const edit = await fake.waitFor(
      (r) =>
        r.method === "PATCH" &&
        r.path === `/api/v10/webhooks/${fake.ids.application}/${raw.token}/messages/%40original`,
      10_000,
    );
    const callback = fake.requests.find(
      (r) => r.path === `/api/v10/interactions/${raw.id}/${raw.token}/callback`,
    );
    expect(callback?.json).toEqual({ type: 5, data: { flags: 0 } });
    const body = edit.json as {
      content: string;
      embeds: Array<{ title: string }>;
      allowed_mentions: unknown;
    };
    expect(body.content).toMatch(/^🔎 .+ — 1건 · 1\/1쪽$/);
    expect(body.embeds[0]?.title).toContain("평택");
    expect(body.allowed_mentions).toEqual({ parse: [] });

    // The bot never registers commands on start; that is `npm run deploy-commands`.
    expect(fake.requests.filter((r) => r.method === "PUT" && r.path.includes("/commands"))).toEqual(
      [],
    );
    // The interaction was logged; the token never was.
    await bot.waitForOutput(/"kind":"command","command":"news search"/, 5_000);
    expect(bot.output()).not.toContain(TOKEN);

    bot.proc.kill("SIGTERM");
    const { code, signal } = await bot.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(bot.output()).toMatch(/"reason":"SIGTERM".*"msg":"shutting down"/);
    expect(bot.output()).toContain('"msg":"stopped"');
  }, 90_000);
});

describe("npm start under a supervisor", () => {
  it("SIGTERM to the npm process only stops the bot too: no orphan left running", async () => {
    const npm = startBot(["--as-of", "2025-04-10"], {}, "npm");
    await fake.waitForIdentify(40_000);
    await npm.waitForOutput(/"msg":"bot ready"/, 10_000);
    // Everything npm started (a shell, if any, and the node process running the bot).
    const below = descendantsOf(npm.proc.pid ?? 0);
    grandchildren.push(...below);
    expect(below.length).toBeGreaterThan(0);

    npm.proc.kill("SIGTERM");
    const left: number[] = [];
    for (const pid of below) if (!(await waitUntilGone(pid, 20_000))) left.push(pid);
    expect(left).toEqual([]);
    expect(npm.output()).toMatch(/"reason":"SIGTERM".*"msg":"shutting down"/);
    expect(npm.output()).toContain('"msg":"stopped"');
    await npm.exited;
  }, 90_000);
});

describe("a fatal gateway close", () => {
  // Closes after which Discord will never accept this session again: the process must say why
  // and exit non-zero, so that a supervisor (systemd, Docker, pm2) restarts it or alerts.
  it.each([
    [4004, "Authentication failed."],
    [4010, "Invalid shard."],
    [4011, "Sharding required."],
    [4012, "Invalid API version."],
    [4013, "Invalid intent(s)."],
    [4014, "Disallowed intent(s)."],
  ])(
    "%i at IDENTIFY is logged with its meaning and ends the process with exit code 1",
    async (code, reason) => {
      fake.refuseIdentify({ code, reason });
      try {
        const bot = startBot(["--as-of", "2025-04-10"]);
        const exited = await Promise.race([
          bot.exited,
          new Promise<null>((resolve) => setTimeout(() => resolve(null), 45_000)),
        ]);
        expect(fake.gatewayCloses).toContain(code);
        expect(exited, `still running after the ${code} close:\n${bot.output()}`).toEqual({
          code: 1,
          signal: null,
        });
        const fatal = bot
          .output()
          .split("\n")
          .filter((line) => line.includes('"level":60'))
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(fatal[0]).toMatchObject({
          closeCode: code,
          msg: expect.stringContaining(`${code}`),
        });
        // Said once: no gateway error, failed login or failed start repeating it.
        const errors = bot.output().match(/"level":(50|60)/g) ?? [];
        expect(errors, bot.output()).toHaveLength(1);
        expect(bot.output()).not.toContain(TOKEN);
      } finally {
        fake.refuseIdentify(null);
      }
    },
    60_000,
  );

  it("a token revoked while running (4004 on a live session) also ends the process non-zero", async () => {
    const bot = startBot(["--as-of", "2025-04-10"]);
    await fake.waitForIdentify(40_000);
    await bot.waitForOutput(/"msg":"bot ready"/, 10_000);
    fake.refuseIdentify({ code: 4004, reason: "Authentication failed." });
    try {
      fake.closeGateway(4004, "Authentication failed.");
      const exited = await Promise.race([
        bot.exited,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000)),
      ]);
      expect(exited, bot.output()).toEqual({ code: 1, signal: null });
      expect(bot.output()).toMatch(/"closeCode":4004.*authentication failed/i);
      expect(bot.output()).toContain('"msg":"stopped"');
    } finally {
      fake.refuseIdentify(null);
    }
  }, 60_000);
});

describe("a digest caught in a 429 wait when the process is killed", () => {
  const SMUGGLED = "https://e.example/y)[로그인하기](https://phish.example/login)";
  const data = makeDataDir({
    "calls.jsonl": [
      {
        id: "call-1",
        title: "고양시 소상공인 경영안정자금 신청 접수",
        url: SMUGGLED,
        publishedAt: "2026-04-28",
        source: "테스트 신문",
        body: "고양특례시는 관내 소상공인을 위한 경영안정자금 신청을 2026년 5월 4일까지 받는다고 밝혔다. 지원 대상은 관내 사업장을 둔 소상공인이다.",
      },
      {
        id: "call-2",
        title: "평택시 수출기업 물류비 지원 **긴급** @everyone <@&1100000000000000002>",
        url: "https://e.example/물류비 지원",
        publishedAt: "2026-04-28",
        source: "테스트 신문",
        body: "평택시는 수출기업 물류비 지원사업 참여기업을 5월 1일까지 모집한다고 밝혔다. 신청은 시청 누리집에서 하면 된다.",
      },
    ],
  });

  afterAll(() => {
    rmSync(snapshotPathFor([data.dir]), { force: true });
    data.remove();
  });

  const posts = () =>
    fake.requests.filter(
      (r) => r.method === "POST" && r.path === `/api/v10/channels/${fake.ids.channel}/messages`,
    );

  it("is posted once when the bot comes back 35 minutes later, and /deadlines status says so", async () => {
    const store = openStore(stateDir);
    store.subscribe({
      guildId: fake.ids.guild,
      channelId: fake.ids.channel,
      hour: 9,
      createdBy: "moderator",
    });
    store.close();
    const env = { JIWON_DATA_DIRS: data.dir };

    // 09:00 in Seoul: the digest goes out at start, and Discord answers 429 (retry after 60 s).
    fake.setChannelResponse(fake.ids.channel, 429);
    const first = startBot(["--as-of", "2026-05-01T09:00:00+09:00"], env);
    await fake.waitFor((r) => r.status === 429, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    first.proc.kill("SIGKILL");
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(fake.posted).toEqual([]);

    // Back at 09:35, long after Discord's nonce window: the digest goes out, once.
    fake.setChannelResponse(fake.ids.channel, 200);
    const second = startBot(["--as-of", "2026-05-01T09:35:00+09:00"], env);
    await fake.waitForIdentify(40_000);
    await second.waitForOutput(/"msg":"digest sent"/, 20_000);
    expect(fake.posted).toHaveLength(1);
    expect(posts().filter((r) => r.status === 200)).toHaveLength(1);
    const content = String(fake.posted[0]?.body.content);
    expect(content.split("\n")).toEqual([
      "**마감 임박 지원사업 알림** (2026-05-01)",
      expect.stringMatching(
        /^• \*\*D-day\*\* \[평택시 수출기업 물류비 지원 \\\*\\\*긴급\\\*\\\* @\u200beveryone <@&\u200b1100000000000000002>\]\(<https:\/\/e\.example\/%EB%AC%BC%EB%A5%98%EB%B9%84%20%EC%A7%80%EC%9B%90>\) — 5월 1일\(금\) 마감$/,
      ),
      expect.stringMatching(
        /^• \*\*D-3\*\* \[고양시 소상공인 경영안정자금 신청 접수\]\(<https:\/\/e\.example\/y%29%5B.*%29>\) — 5월 4일\(월\) 마감$/,
      ),
    ]);
    // The title of call-2 is linked to the space-free form of its URL, and nothing smuggled.
    expect(content).not.toMatch(/\]\(<?https:\/\/phish/);
    for (const [, url] of content.matchAll(/\]\(<([^>]*)>\)/g))
      expect(isSafeHttpUrl(url ?? "")).toBe(true);

    // /deadlines status tells the truth: sent today, working.
    const raw = chatInputInteraction({ name: "deadlines", subcommand: "status" });
    fake.dispatchInteraction(raw);
    const reply = await fake.waitFor(
      (r) => r.path === `/api/v10/interactions/${raw.id}/${raw.token}/callback`,
      10_000,
    );
    const status = JSON.stringify(reply.json);
    expect(status).toContain("오늘: 보냄");
    expect(status).toContain("✅ 정상");
    expect(status).not.toContain("실패");

    second.proc.kill("SIGTERM");
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(fake.posted).toHaveLength(1);
  }, 120_000);
});
