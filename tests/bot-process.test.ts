/**
 * The real `npm start` process (`node bin/jiwon.js console`) with a token: it logs in through
 * the loopback Discord's gateway (HELLO, IDENTIFY → READY, GUILD_CREATE), answers a dispatched
 * INTERACTION_CREATE through REST, never registers commands, and stops cleanly on SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
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

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await fake.close();
  rmSync(stateDir, { recursive: true, force: true });
});

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

describe("npm start with DISCORD_TOKEN", () => {
  it("connects, answers an interaction through REST, and exits cleanly on SIGTERM", async () => {
    const proc = spawn(process.execPath, ["bin/jiwon.js", "console", "--as-of", "2025-04-10"], {
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: TOKEN,
        DISCORD_CLIENT_ID: fake.ids.application,
        DISCORD_API_URL: fake.url,
        JIWON_STATE_DIR: stateDir,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    proc.stdout?.on("data", (chunk) => {
      output += String(chunk);
    });
    proc.stderr?.on("data", (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      proc.on("exit", (code, signal) => resolve({ code, signal })),
    );

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
