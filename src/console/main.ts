/**
 * The offline console: slash commands typed as text run through the same command modules as on
 * Discord, and the same reply model is drawn in the terminal — embeds as boxes, links printed,
 * buttons as numbered choices (type the number to press one). Piped input runs each line and exits.
 * `jiwon console` always runs this, token or not; `npm start` runs it when there is no token.
 */
import { createInterface } from "node:readline";
import { pino } from "pino";
import {
  LAUNCH_FLAGS,
  LAUNCH_FLAGS_HELP,
  type Launch,
  prepareLaunch,
  reportRefusal,
} from "../runtime/launch.ts";
import { createLogger } from "../runtime/logger.ts";
import { sourceSettings } from "../runtime/source-service.ts";
import type { Clock } from "../types.ts";

const USAGE = `usage: jiwon console ${LAUNCH_FLAGS}

${LAUNCH_FLAGS_HELP}

An offline console that answers the bot's slash commands, e.g.
  /news search 관세
  /news search query:"upcoming seminars in Goyang"
  /deadlines list days:30`;

/** `jiwon console`. */
export async function runConsole(argv: string[], clock: Clock): Promise<number> {
  const prepared = prepareLaunch(argv, clock, USAGE);
  return prepared.ok ? runOfflineConsole(prepared.launch) : reportRefusal(prepared);
}

export async function runOfflineConsole(launch: Launch): Promise<number> {
  const { config } = launch;
  // Logs go to stderr at "warn" unless LOG_LEVEL asks otherwise, so stdout holds only replies.
  const logger = createLogger({
    level: process.env.LOG_LEVEL?.trim() ? config.logLevel : "warn",
    pretty: false,
    destination: pino.destination({ dest: 2, sync: true }),
  });
  const { startOfflineConsole } = await import("./session.ts");
  const session = await startOfflineConsole({
    clock: launch.clock,
    locale: launch.locale,
    dataDirs: config.dataDirs,
    stateDir: config.stateDir,
    reminderHour: config.reminderHour,
    logger,
    out: process.stdout,
    sources: sourceSettings(config, process.env),
  });
  try {
    if (process.stdin.isTTY) return await interactive(session);
    return await piped(session);
  } finally {
    await session.close();
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
