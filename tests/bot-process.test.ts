/**
 * The real `npm start` process (`node bin/jiwon.js start`) with a token: it logs in through
 * the loopback Discord's gateway (HELLO, IDENTIFY → READY, GUILD_CREATE), answers a dispatched
 * INTERACTION_CREATE through REST, never registers commands, and stops cleanly on SIGTERM —
 * also when the signal goes to the `npm` process only, as a supervisor or `kill <npm pid>` sends it.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chatInputInteraction,
  type FakeDiscord,
  startFakeDiscord,
} from "./support/fake-discord.ts";

const TOKEN = "process-test-token.abcdef";
const stateDir = mkdtempSync(join(tmpdir(), "jiwon-process-"));
let fake: FakeDiscord;
let child: ChildProcess | null = null;
let output = "";

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN, heartbeatIntervalMs: 1_000 });
});

/** Processes the test started below npm: killed at the end even when an assertion failed first. */
const started: number[] = [];

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  for (const pid of started) if (isRunning(pid)) process.kill(pid, "SIGKILL");
  await fake.close();
  rmSync(stateDir, { recursive: true, force: true });
});

function botEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: fake.ids.application,
    DISCORD_API_URL: fake.url,
    JIWON_STATE_DIR: stateDir,
    LOG_LEVEL: "info",
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

function waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (pattern.test(output)) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`no ${pattern} in the bot's output within ${timeoutMs} ms:\n${output}`));
      }
    }, 50);
  });
}

/** Starts a process with the bot's environment; its output collects in `output`. */
function launch(command: string, args: string[]) {
  output = "";
  const proc = spawn(command, [...args, "--as-of", "2025-04-10"], {
    env: botEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = proc;
  const collect = (chunk: unknown) => {
    output += String(chunk);
  };
  proc.stdout?.on("data", collect);
  proc.stderr?.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    proc.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { proc, exited };
}

describe("npm start with DISCORD_TOKEN", () => {
  it("connects, answers an interaction through REST, and exits cleanly on SIGTERM", async () => {
    const { proc, exited } = launch(process.execPath, ["bin/jiwon.js", "start"]);

    const connection = await fake.waitForIdentify(40_000);
    expect(connection.identify).toMatchObject({ token: TOKEN, intents: 1 });
    await waitForOutput(/"msg":"bot ready"/, 10_000);

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
    await waitForOutput(/"kind":"command","command":"news search"/, 5_000);
    expect(output).not.toContain(TOKEN);

    proc.kill("SIGTERM");
    const { code, signal } = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toMatch(/"reason":"SIGTERM".*"msg":"shutting down"/);
    expect(output).toContain('"msg":"stopped"');
  }, 90_000);
});

describe("npm start under a supervisor", () => {
  it("SIGTERM to the npm process only stops the bot too: no orphan left running", async () => {
    const { proc: npm, exited } = launch("npm", ["start", "--"]);

    await fake.waitForIdentify(40_000);
    await waitForOutput(/"msg":"bot ready"/, 10_000);
    // Everything npm started (a shell, if any, and the node process running the bot).
    started.push(...descendantsOf(npm.pid ?? 0));
    expect(started.length).toBeGreaterThan(0);

    npm.kill("SIGTERM");
    const left: number[] = [];
    for (const pid of started) if (!(await waitUntilGone(pid, 20_000))) left.push(pid);
    expect(left).toEqual([]);
    expect(output).toMatch(/"reason":"SIGTERM".*"msg":"shutting down"/);
    expect(output).toContain('"msg":"stopped"');
    await exited;
  }, 90_000);
});
