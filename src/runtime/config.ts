/**
 * Bot configuration from an environment object. The caller passes `process.env` in, so tests
 * and the CLI can hand over any map; nothing here reads globals. Every problem becomes one
 * sentence naming the variable, so a misconfigured start explains itself in a single screen.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The shipped sample data, wherever jiwon is run from. */
export const DEFAULT_DATA_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../index-data",
);
export const DEFAULT_API_URL = "https://discord.com/api";
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface BotConfig {
  /** null: no Discord connection, the bot runs as an offline console. */
  token: string | null;
  /** The application (client) id; always set when `token` is. */
  clientId: string | null;
  /** Development guild for command registration; null registers global commands. */
  guildId: string | null;
  /** REST base without version, e.g. `https://discord.com/api` (no trailing slash). */
  apiUrl: string;
  dataDirs: string[];
  stateDir: string;
  logLevel: LogLevel;
  /** Default Seoul hour (0–23) at which a new subscription's daily digest goes out. */
  reminderHour: number;
  /** The sources file; fetching is off while it does not exist. */
  sourcesFile: string;
  /** Named in the fetcher's User-Agent so site operators can reach whoever runs jiwon. */
  contactUrl: string | null;
  /** API keys for the sources' `keyEnv` (only the variables that are set). */
  apiKeys: Record<string, string>;
  /** Politeness: minimum gap between requests to one host, and the timeout of one request. */
  fetch: { gapMs: number; timeoutMs: number };
}

/** The API key variables sources.example.json uses; a source may name any other in `keyEnv`. */
export const API_KEY_VARIABLES = ["BIZINFO_API_KEY", "KSTARTUP_API_KEY"] as const;

export type ConfigResult = { ok: true; config: BotConfig } | { ok: false; errors: string[] };

type Env = Readonly<Record<string, string | undefined>>;

const SNOWFLAKE = /^\d{17,20}$/;

/** `FOO=` in an env file means "not set", and stray spaces around values are never meant. */
function blankAsUnset(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function snowflake(name: string) {
  return z.string().regex(SNOWFLAKE, {
    error: (issue) =>
      `${name} must be a Discord snowflake id (17–20 digits), got ${JSON.stringify(issue.input)}`,
  });
}

function apiKey(name: string) {
  return z.string().regex(/^\S+$/, { error: `${name} must be the bare key without spaces` });
}

function milliseconds(name: string, min: number, max: number) {
  return z
    .string()
    .refine((value) => /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max, {
      error: (issue) =>
        `${name} must be a whole number of milliseconds from ${min} to ${max}, got ${JSON.stringify(issue.input)}`,
    })
    .transform(Number);
}

function isApiBase(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    (url.protocol === "https:" || url.protocol === "http:") && !/\/v\d+\/?$/.test(url.pathname)
  );
}

const schema = z.object({
  DISCORD_TOKEN: z.preprocess(
    blankAsUnset,
    z
      .string()
      .regex(/^\S+$/, {
        error: 'DISCORD_TOKEN must be the bare token without spaces (drop any "Bot " prefix)',
      })
      .optional(),
  ),
  DISCORD_CLIENT_ID: z.preprocess(blankAsUnset, snowflake("DISCORD_CLIENT_ID").optional()),
  DISCORD_GUILD_ID: z.preprocess(blankAsUnset, snowflake("DISCORD_GUILD_ID").optional()),
  DISCORD_API_URL: z.preprocess(
    blankAsUnset,
    z
      .string()
      .refine(isApiBase, {
        error: (issue) =>
          `DISCORD_API_URL must be an http(s) URL of the API base without a version (like ${DEFAULT_API_URL}), got ${JSON.stringify(issue.input)}`,
      })
      .transform((url) => url.replace(/\/+$/, ""))
      .default(DEFAULT_API_URL),
  ),
  JIWON_DATA_DIRS: z.preprocess(
    blankAsUnset,
    z
      .string()
      .refine((list) => list.split(",").some((dir) => dir.trim() !== ""), {
        error: (issue) =>
          `JIWON_DATA_DIRS must list at least one directory (comma-separated), got ${JSON.stringify(issue.input)}`,
      })
      .transform((list) =>
        list
          .split(",")
          .map((dir) => dir.trim())
          .filter((dir) => dir !== ""),
      )
      .default([DEFAULT_DATA_DIR]),
  ),
  JIWON_STATE_DIR: z.preprocess(blankAsUnset, z.string().default("state")),
  LOG_LEVEL: z.preprocess(
    blankAsUnset,
    z
      .string()
      .refine((level) => (LOG_LEVELS as readonly string[]).includes(level.toLowerCase()), {
        error: (issue) =>
          `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got ${JSON.stringify(issue.input)}`,
      })
      .transform((level) => level.toLowerCase() as LogLevel)
      .default("info"),
  ),
  JIWON_SOURCES: z.preprocess(blankAsUnset, z.string().default("sources.json")),
  JIWON_CONTACT_URL: z.preprocess(
    blankAsUnset,
    z
      .string()
      .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
        error: (issue) =>
          `JIWON_CONTACT_URL must be an http(s) URL where site operators can reach you (a repository, a contact page), got ${JSON.stringify(issue.input)}`,
      })
      .optional(),
  ),
  BIZINFO_API_KEY: z.preprocess(blankAsUnset, apiKey("BIZINFO_API_KEY").optional()),
  KSTARTUP_API_KEY: z.preprocess(blankAsUnset, apiKey("KSTARTUP_API_KEY").optional()),
  JIWON_FETCH_GAP_MS: z.preprocess(
    blankAsUnset,
    milliseconds("JIWON_FETCH_GAP_MS", 0, 600_000).default(2_000),
  ),
  JIWON_FETCH_TIMEOUT_MS: z.preprocess(
    blankAsUnset,
    milliseconds("JIWON_FETCH_TIMEOUT_MS", 100, 300_000).default(15_000),
  ),
  REMINDER_HOUR: z.preprocess(
    blankAsUnset,
    z
      .string()
      .refine((hour) => /^\d{1,2}$/.test(hour) && Number(hour) <= 23, {
        error: (issue) =>
          `REMINDER_HOUR must be a whole hour 0–23, got ${JSON.stringify(issue.input)}`,
      })
      .transform(Number)
      .default(9),
  ),
});

export function loadConfig(env: Env): ConfigResult {
  const parsed = schema.safeParse(env);
  const errors = new Map<string, string>();
  if (!parsed.success) {
    // One message per variable: the first problem is the one worth fixing.
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      if (!errors.has(key)) errors.set(key, issue.message);
    }
  }
  const token = blankAsUnset(env.DISCORD_TOKEN);
  if (token !== undefined && blankAsUnset(env.DISCORD_CLIENT_ID) === undefined) {
    errors.set("DISCORD_CLIENT_ID", "DISCORD_CLIENT_ID is required when DISCORD_TOKEN is set");
  }
  if (errors.size > 0 || !parsed.success) {
    const order = Object.keys(schema.shape);
    const sorted = [...errors].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
    return { ok: false, errors: sorted.map(([, message]) => message) };
  }

  const values = parsed.data;
  return {
    ok: true,
    config: {
      token: values.DISCORD_TOKEN ?? null,
      clientId: values.DISCORD_CLIENT_ID ?? null,
      guildId: values.DISCORD_GUILD_ID ?? null,
      apiUrl: values.DISCORD_API_URL,
      dataDirs: values.JIWON_DATA_DIRS,
      stateDir: values.JIWON_STATE_DIR,
      logLevel: values.LOG_LEVEL,
      reminderHour: values.REMINDER_HOUR,
      sourcesFile: values.JIWON_SOURCES,
      contactUrl: values.JIWON_CONTACT_URL ?? null,
      fetch: { gapMs: values.JIWON_FETCH_GAP_MS, timeoutMs: values.JIWON_FETCH_TIMEOUT_MS },
      apiKeys: Object.fromEntries(
        API_KEY_VARIABLES.flatMap((name) => {
          const key = values[name];
          return key === undefined ? [] : [[name, key]];
        }),
      ),
    },
  };
}
