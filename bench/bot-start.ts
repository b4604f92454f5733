/**
 * The bot's start, measured as the console's is: `node bin/jiwon.js start` with a token, against
 * the loopback Discord of the tests (gateway and REST on 127.0.0.1), on the bench's corpus.
 * `readyMs`: process start → "bot ready" (logged in, index loaded); `answerMs`: process start →
 * the first `/news search 관세` answered (the interaction's reply edited through REST), the
 * interaction dispatched as soon as the bot is ready, as Discord would deliver a user's command.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { chatInputInteraction, startFakeDiscord } from "../tests/support/fake-discord.ts";
import { BENCH_AS_OF } from "./queries.ts";
import { round } from "./stats.ts";

export interface BotStart {
  readyMs: number | null;
  answerMs: number | null;
  error: string | null;
}

const TOKEN = "bench-bot-token.abcdef";

export async function measureBotStart(
  sandbox: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<BotStart> {
  const fake = await startFakeDiscord({ token: TOKEN, heartbeatIntervalMs: 30_000 });
  const started = performance.now();
  const proc = spawn(
    process.execPath,
    [join(sandbox, "bin", "jiwon.js"), "start", "--as-of", BENCH_AS_OF],
    {
      cwd: sandbox,
      env: {
        ...env,
        DISCORD_TOKEN: TOKEN,
        DISCORD_CLIENT_ID: fake.ids.application,
        DISCORD_API_URL: fake.url,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  let readyMs: number | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const look = (chunk: Buffer) => {
      output += String(chunk);
      if (readyMs === null && output.includes('"msg":"bot ready"')) {
        readyMs = performance.now() - started;
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout.on("data", look);
    proc.stderr.on("data", look);
    proc.on("exit", (code) => reject(new Error(`exited with ${code} before ready`)));
  });
  const exited = new Promise<void>((resolve) => proc.on("exit", () => resolve()));
  try {
    await ready;
    const raw = chatInputInteraction({
      name: "news",
      subcommand: "search",
      options: { query: "관세" },
    });
    fake.dispatchInteraction(raw);
    await fake.waitFor(
      (r) => r.method === "PATCH" && r.path.includes(`/${raw.token}/messages/`),
      timeoutMs,
    );
    const answerMs = performance.now() - started;
    return { readyMs: round(readyMs ?? 0), answerMs: round(answerMs), error: null };
  } catch (error) {
    const tail = output.split("\n").slice(-3).join(" | ").slice(0, 300);
    return { readyMs, answerMs: null, error: `${(error as Error).message}: ${tail}` };
  } finally {
    if (proc.exitCode === null) proc.kill("SIGTERM");
    await exited;
    await fake.close();
  }
}
