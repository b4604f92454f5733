/**
 * `npm start` (`jiwon start`): the Discord bot when DISCORD_TOKEN is set, the offline console
 * otherwise, with the same flags. The two transports are siblings: this is the one place that
 * knows both.
 */
import { LAUNCH_FLAGS, LAUNCH_FLAGS_HELP, prepareLaunch, reportRefusal } from "./runtime/launch.ts";
import type { Clock } from "./types.ts";

const USAGE = `usage: npm start -- ${LAUNCH_FLAGS}

${LAUNCH_FLAGS_HELP}

With DISCORD_TOKEN (and DISCORD_CLIENT_ID) in the environment or .env: the Discord bot
(--locale does not apply there: each member is answered in their own Discord language).
Without it: the offline console (jiwon console), e.g.
  /news search 관세
  /deadlines list days:30`;

/** A library that keeps a handle open must not keep a stopped bot's process alive. */
const EXIT_GRACE_MS = 3_000;

export async function start(argv: string[], clock: Clock): Promise<number> {
  const prepared = prepareLaunch(argv, clock, USAGE);
  if (!prepared.ok) return reportRefusal(prepared);
  const { launch } = prepared;
  const { token } = launch.config;
  if (token === null) {
    const { runOfflineConsole } = await import("./console/main.ts");
    return runOfflineConsole(launch);
  }
  const { runBot } = await import("./discord/bot.ts");
  const code = await runBot({
    config: { ...launch.config, token },
    clock: launch.clock,
    dataDirs: launch.config.dataDirs,
  });
  setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
  return code;
}
