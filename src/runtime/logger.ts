/**
 * Structured logging: one JSON object per line for machines, pino-pretty for a human at a
 * terminal. Tokens must never reach a log: known secret fields are redacted by path, the
 * interaction token inside Discord webhook/callback URLs is masked in every line, and any
 * secret handed over in `secrets` is replaced in the final line wherever it appears.
 */

import { type DestinationStream, type Logger, pino, stdSerializers } from "pino";
import pretty from "pino-pretty";
import { escapeRegExp } from "../analysis/escape-regexp.ts";

export type { Logger } from "pino";

export interface LoggerOptions {
  level: string;
  /** Human-readable output; defaults to "only when stdout is a terminal". */
  pretty?: boolean;
  /** Where lines go; stdout by default. */
  destination?: DestinationStream;
  /** Literal values (the bot token) to mask anywhere in the output. */
  secrets?: readonly (string | null | undefined)[];
}

const CENSOR = "[redacted]";

/** Every place a token is known to travel in our objects and in discord.js/HTTP shapes. */
export const REDACT_PATHS = [
  "token",
  "*.token",
  "DISCORD_TOKEN",
  "*.DISCORD_TOKEN",
  "config.DISCORD_TOKEN",
  "env.DISCORD_TOKEN",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "req.headers.authorization",
  "request.headers.authorization",
];

/** `/webhooks/{appId}/{token}` and `/interactions/{id}/{token}`: the token is a credential. */
export function maskUrlTokens(text: string): string {
  return text.replace(/(\/(?:webhooks|interactions)\/\d+\/)[^/?#\s"']+/g, `$1${CENSOR}`);
}

/** Errors under `err` or `error` keep type, message, stack and own fields (status, code, url). */
function serializeError(error: unknown): unknown {
  return error instanceof Error ? stdSerializers.err(error) : error;
}

export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter(
    (secret): secret is string => typeof secret === "string" && secret.length >= 8,
  );
  const secretPattern =
    secrets.length > 0 ? new RegExp(secrets.map(escapeRegExp).join("|"), "g") : null;
  const usePretty =
    options.pretty ?? (options.destination === undefined && process.stdout.isTTY === true);
  const stream = usePretty
    ? pretty({
        colorize: options.destination === undefined,
        translateTime: "SYS:yyyy-mm-dd HH:MM:ss",
        ignore: "pid,hostname",
        destination: options.destination ?? 1,
        sync: true,
      })
    : (options.destination ?? pino.destination({ dest: 1, sync: false }));
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      serializers: { err: serializeError, error: serializeError },
      // The last line of defence: masks tokens in messages and stacks, whatever their key.
      hooks: {
        streamWrite: (line: string) => {
          const masked = maskUrlTokens(line);
          return secretPattern ? masked.replace(secretPattern, CENSOR) : masked;
        },
      },
    },
    stream,
  );
}
