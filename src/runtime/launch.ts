/**
 * What every long-running start (`npm start`, `jiwon console`) reads before it chooses a
 * transport: the flags `--as-of` and `--locale`, `.env`, and the configuration. One reading, so
 * the bot and the console take the same flags and report the same errors.
 */
import { parseArgs } from "node:util";
import { LOCALES, type Locale } from "../messages/catalogue.ts";
import { isYmd } from "../time/calendar.ts";
import { fixedClock, parseInstant, runningClock } from "../time/clock.ts";
import type { Clock } from "../types.ts";
import { type BotConfig, loadConfig } from "./config.ts";
import { loadDotEnv } from "./env-file.ts";

export const LAUNCH_FLAGS =
  "[--as-of YYYY-MM-DD | --as-of YYYY-MM-DDTHH:MM+09:00] [--locale ko|en]";

/** What the flags mean, for the usage texts. */
export const LAUNCH_FLAGS_HELP = `--as-of with a date fixes the clock at noon that day in Seoul; with a time and offset the clock
starts at that instant and runs (the bot's hourly digests then see time pass).`;

export interface Launch {
  /** The real clock, noon in Seoul on the `--as-of` day, or a clock running from its instant. */
  clock: Clock;
  /** The console's language (`--locale`, Korean by default); on Discord each member's own. */
  locale: Locale;
  config: BotConfig;
}

/** Either what to run, or what to print and the exit code (help: stdout and 0; errors: 2). */
export type LaunchResult =
  | { ok: true; launch: Launch }
  | { ok: false; code: number; message: string; stream: "stdout" | "stderr" };

function refuse(message: string): LaunchResult {
  return { ok: false, code: 2, message, stream: "stderr" };
}

export function prepareLaunch(
  argv: string[],
  clock: Clock,
  usage: string,
  env: NodeJS.ProcessEnv = process.env,
): LaunchResult {
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
    return refuse(`${(error as Error).message}\n${usage}`);
  }
  if (values.help) return { ok: false, code: 0, message: usage, stream: "stdout" };
  const asOf = values["as-of"];
  const instant = asOf === undefined ? null : parseInstant(asOf);
  if (asOf !== undefined && !isYmd(asOf) && instant === null) {
    return refuse(
      `--as-of must be a date YYYY-MM-DD or an instant like 2026-05-01T09:00+09:00, got "${asOf}"`,
    );
  }
  const locale = values.locale ?? "ko";
  if (!(LOCALES as readonly string[]).includes(locale)) {
    return refuse(`--locale must be ko or en, got "${locale}"`);
  }
  loadDotEnv();
  const loaded = loadConfig(env);
  if (!loaded.ok) return refuse(loaded.errors.map((error) => `jiwon: ${error}`).join("\n"));
  return {
    ok: true,
    launch: {
      clock: instant ? runningClock(instant) : asOf ? fixedClock(asOf) : clock,
      locale: locale as Locale,
      config: loaded.config,
    },
  };
}

/** Prints a refused launch where it belongs and returns its exit code. */
export function reportRefusal(result: Extract<LaunchResult, { ok: false }>): number {
  (result.stream === "stdout" ? process.stdout : process.stderr).write(`${result.message}\n`);
  return result.code;
}
