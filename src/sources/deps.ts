/**
 * The fetcher's dependencies built from configuration: the polite HTTP client (User-Agent with the
 * operator's contact URL, gap, timeout, validators kept in the article store) and the environment
 * the API keys are read from, with every key masked in messages.
 */
import type { Logger } from "../runtime/logger.ts";
import type { ArticleStore } from "../state/articles.ts";
import type { Clock } from "../types.ts";
import { createHttpClient, userAgent } from "./http.ts";
import type { RunDeps } from "./run.ts";

export interface FetcherSettings {
  store: ArticleStore;
  contactUrl: string | null;
  gapMs: number;
  timeoutMs: number;
  maxBytes?: number;
  env: Readonly<Record<string, string | undefined>>;
  /** Variable names whose values must never appear in a message (the sources' keyEnv). */
  keyNames: readonly string[];
  clock: Clock;
  logger?: Pick<Logger, "info" | "warn" | "debug">;
}

export function createRunDeps(settings: FetcherSettings): RunDeps {
  const { env } = settings;
  const secrets = () =>
    settings.keyNames.flatMap((name) => {
      const value = env[name]?.trim();
      return value ? [value] : [];
    });
  const http = createHttpClient({
    userAgent: userAgent(settings.contactUrl),
    gapMs: settings.gapMs,
    timeoutMs: settings.timeoutMs,
    ...(settings.maxBytes !== undefined ? { maxBytes: settings.maxBytes } : {}),
    validators: settings.store,
    clock: settings.clock,
    secrets,
  });
  return { store: settings.store, http, env, clock: settings.clock, logger: settings.logger };
}
