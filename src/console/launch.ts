/**
 * `jiwon console` (what `npm start` runs). With DISCORD_TOKEN set it starts the bot. Without it,
 * the offline console: slash commands typed as text run through the same command modules as on
 * Discord, and the same reply model is drawn in the terminal — embeds as boxes, links printed,
 * buttons as numbered choices (type the number to press one). Piped input runs each line and exits.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { pino } from "pino";
import type { Locale } from "../messages/catalogue.ts";
import { loadConfig } from "../runtime/config.ts";
import { loadDotEnv } from "../runtime/env-file.ts";
import { createLogger } from "../runtime/logger.ts";
import { dataDirsFrom } from "../runtime/services.ts";
import { isYmd } from "../time/calendar.ts";
import { fixedClock, parseInstant, runningClock } from "../time/clock.ts";
import type { Clock } from "../types.ts";

const USAGE = `usage: jiwon console [--as-of YYYY-MM-DD | --as-of YYYY-MM-DDTHH:MM+09:00] [--locale ko|en]

--as-of with a date fixes the clock at noon that day in Seoul; with a time and offset the clock
starts at that instant and runs (the bot's hourly digests then see time pass).

Without DISCORD_TOKEN: an offline console that answers the bot's slash commands, e.g.
  /news search 관세
  /news search query:"upcoming seminars in Goyang"
  /deadlines list days:30
With DISCORD_TOKEN (and DISCORD_CLIENT_ID) in the environment or .env: the Discord bot.`;

interface ConsoleArgs {
  clock: Clock;
  locale: Locale;
}

function parseConsoleArgs(argv: string[], clock: Clock): ConsoleArgs | string {
  let values: { "as-of"?: string; locale?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        "as-of": { type: "string" },
        locale: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    return `${(error as Error).message}\n${USAGE}`;
  }
  if (values.help) return USAGE;
  const asOf = values["as-of"];
  const instant = asOf === undefined ? null : parseInstant(asOf);
  if (asOf !== undefined && !isYmd(asOf) && instant === null) {
    return `--as-of must be a date YYYY-MM-DD or an instant like 2026-05-01T09:00+09:00, got "${asOf}"`;
  }
  if (values.locale !== undefined && values.locale !== "ko" && values.locale !== "en") {
    return `--locale must be ko or en, got "${values.locale}"`;
  }
  return {
    clock: instant ? runningClock(instant) : asOf ? fixedClock(asOf) : clock,
    locale: (values.locale as Locale | undefined) ?? "ko",
  };
}

export async function runConsole(argv: string[], clock: Clock): Promise<number> {
  const args = parseConsoleArgs(argv, clock);
  if (typeof args === "string") {
    const isHelp = args === USAGE && (argv.includes("--help") || argv.includes("-h"));
    (isHelp ? process.stdout : process.stderr).write(`${args}\n`);
    return isHelp ? 0 : 2;
  }
  // `npm start | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    process.stderr.write(`jiwon: ${error.message}\n`);
    process.exit(1);
  });
  loadDotEnv();
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    for (const error of loaded.errors) process.stderr.write(`jiwon: ${error}\n`);
    return 2;
  }
  const { config } = loaded;
  const dataDirs = dataDirsFrom(process.env, config.dataDirs);
  if (config.token !== null) {
    const { runBot } = await import("../discord/bot.ts");
    const code = await runBot({
      config: { ...config, token: config.token },
      clock: args.clock,
      dataDirs,
    });
    // Nothing should be left running; if a library keeps a handle open, do not hang the shell.
    setTimeout(() => process.exit(code), 3_000).unref();
    return code;
  }
  // Logs go to stderr at "warn" unless LOG_LEVEL asks otherwise, so stdout holds only replies.
  const logger = createLogger({
    level: process.env.LOG_LEVEL?.trim() ? config.logLevel : "warn",
    pretty: false,
    destination: pino.destination({ dest: 2, sync: true }),
  });
  const { startOfflineConsole } = await import("./session.ts");
  const session = await startOfflineConsole({
    clock: args.clock,
    locale: args.locale,
    dataDirs,
    stateDir: config.stateDir,
    reminderHour: config.reminderHour,
    logger,
    out: process.stdout,
  });
  try {
    if (process.stdin.isTTY) return await interactive(session);
    return await piped(session);
  } finally {
    session.close();
  }
}

type Session = Awaited<ReturnType<typeof import("./session.ts").startOfflineConsole>>;

async function interactive(session: Session): Promise<number> {
  session.greet();
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "jiwon> " });
  rl.prompt();
  for await (const line of rl) {
    const result = await session.run(line);
    if (result === "exit") break;
    rl.prompt();
  }
  rl.close();
  return 0;
}

/** `echo '/news search 관세' | npm start`: every line in order, then exit (1 if any failed). */
async function piped(session: Session): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const lines = Buffer.concat(chunks).toString("utf8").split(/\r?\n/);
  let failed = false;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const result = await session.run(line, { echo: true });
    if (result === "exit") break;
    if (result === "failed") failed = true;
  }
  return failed ? 1 : 0;
}
