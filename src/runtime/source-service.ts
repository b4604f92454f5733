/**
 * The running bot's fetcher: every source of the sources file on its own croner schedule, its
 * articles made searchable as soon as they are stored and reported to the alerts.
 *
 * - Each source's next run is one croner job at a computed instant: its last attempt plus its
 *   `every`, or while it fails the instant its last failure set: growing back-off, or what a 429's
 *   `Retry-After` asked (`dueAt`). A paused source has no job until it is resumed or its
 *   entry in the file changes.
 * - Sources of one host run one at a time (and the HTTP client keeps its gap between requests to
 *   a host); sources of different hosts run side by side.
 * - What a run stored goes into the serving index through `withArticles` and `IndexHolder.update`
 *   (no rebuild), then to the article events: a source's first fetch is its archive and is
 *   reported as `backfill`, so it is searchable but never floods an alert channel.
 * - A source that throws, times out or is misconfigured reports its error; nothing here ever
 *   throws into the bot, and the other sources keep their schedules.
 * - The sources file is watched: an edit is read again, its sources rescheduled, and a paused
 *   source whose entry changed is resumed (`ArticleStore.syncConfig`).
 */
import { type StatWatcher, unwatchFile, watchFile } from "node:fs";
import { Cron } from "croner";
import { withArticles } from "../index/update.ts";
import {
  loadSourcesFile,
  type SourceConfig,
  type SourcesFile,
  sourceHost,
} from "../sources/config.ts";
import { createRunDeps } from "../sources/deps.ts";
import { HostGate } from "../sources/http.ts";
import {
  emptyReport,
  fetchSource,
  type RunDeps,
  type RunResult,
  type SourceReport,
} from "../sources/run.ts";
import { type ArticleStore, openArticleStore, type SourceStatus } from "../state/articles.ts";
import type { Article, Clock } from "../types.ts";
import type { BotConfig } from "./config.ts";
import type { IndexHolder } from "./index-holder.ts";
import type { Logger } from "./logger.ts";
import type { ArticleEvents } from "./stored-articles.ts";

const DAY_MS = 24 * 60 * 60_000;
/** A job is never armed closer than this: croner runs one-off jobs on whole seconds. */
const MIN_DELAY_MS = 1000;
/** How often the sources file is checked for an edit. */
const WATCH_INTERVAL_MS = 5000;
/** How long `stop` waits for runs in progress before the store is closed under them. */
const STOP_WAIT_MS = 10_000;

export interface SourceSettings {
  /** The sources file (JIWON_SOURCES); absent means no fetching. */
  file: string;
  contactUrl: string | null;
  fetch: { gapMs: number; timeoutMs: number; maxBytes?: number };
  /** Where `keyEnv` variables are read (process.env with the configured keys). */
  env: Readonly<Record<string, string | undefined>>;
}

/** The settings from the configuration; `env` is where `keyEnv` variables are looked up. */
export function sourceSettings(
  config: Pick<BotConfig, "sourcesFile" | "contactUrl" | "fetch" | "apiKeys">,
  env: Readonly<Record<string, string | undefined>>,
): SourceSettings {
  return {
    file: config.sourcesFile,
    contactUrl: config.contactUrl,
    fetch: config.fetch,
    env: { ...env, ...config.apiKeys },
  };
}

export interface SourceView {
  name: string;
  kind: SourceConfig["kind"];
  url: string;
  everyMs: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  failures: number;
  /** Articles of this source first stored in the last 24 hours. */
  newLastDay: number;
  /** When the next scheduled run is due; null when paused or not scheduled (console). */
  nextRun: Date | null;
  paused: boolean;
  running: boolean;
}

export type FileState =
  | { status: "ok"; path: string }
  | { status: "absent"; path: string }
  | { status: "invalid"; path: string; errors: string[] };

export type RefreshOutcome =
  | { status: "done"; reports: SourceReport[] }
  | { status: "unknown"; name: string; known: string[] }
  | { status: "none"; file: FileState };

export type ResumeOutcome =
  | { status: "resumed" }
  | { status: "not-paused" }
  | { status: "unknown"; known: string[] };

export interface SourceService {
  file(): FileState;
  list(): SourceView[];
  /** Fetches the named source (or every source) now; resolves with the per-source reports. */
  refresh(name?: string): Promise<RefreshOutcome>;
  resume(name: string): ResumeOutcome;
  /** Starts the schedules (the bot); the console only refreshes on demand. */
  start(): void;
  /** Runs in progress and index updates they started have finished (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface SourceServiceOptions {
  settings: SourceSettings | null;
  stateDir: string;
  holder: IndexHolder;
  events: ArticleEvents;
  clock: Clock;
  logger: Logger;
}

function fileState(file: SourcesFile): FileState {
  if (file.status === "invalid") return { status: "invalid", path: file.path, errors: file.errors };
  return { status: file.status, path: file.path };
}

/**
 * When a source is next due, by its status: never run → now; after a success → its last attempt
 * plus `every`; while failing → the retry time its last failure set (back-off, or what a 429's
 * Retry-After asked); paused → never (null). Never before `now`.
 */
export function dueAt(source: SourceConfig, status: SourceStatus | null, now: Date): Date | null {
  if (status?.pausedAt) return null;
  let due = now.getTime();
  if (status?.failures && status.retryAt) due = Date.parse(status.retryAt);
  else if (status?.lastAttemptAt) due = Date.parse(status.lastAttemptAt) + source.every;
  return new Date(Math.max(Number.isFinite(due) ? due : 0, now.getTime()));
}

export function createSourceService(options: SourceServiceOptions): SourceService {
  const { settings, holder, events, clock, logger } = options;
  const log = logger.child({ component: "sources" });
  if (settings === null) return emptyService();

  let loaded: SourcesFile = loadSourcesFile(settings.file);
  let store: ArticleStore | null = null;
  let deps: RunDeps | null = null;
  const jobs = new Map<string, { job: Cron; at: Date }>();
  const running = new Map<string, Promise<RunResult | null>>();
  const hosts = new HostGate(0);
  const inFlight = new Set<Promise<unknown>>();
  let started = false;
  let stopped = false;
  let watcher: StatWatcher | null = null;

  function openStoreOnce(): ArticleStore {
    store ??= openArticleStore(options.stateDir);
    return store;
  }

  /** Reads what the file says now: validated sources, config hashes synced into the store. */
  function adopt(file: SourcesFile): void {
    loaded = file;
    if (file.status === "invalid") {
      log.error(
        { file: file.path, errors: file.errors },
        "the sources file is not valid; no fetching",
      );
    }
    if (file.status !== "ok") {
      deps = null;
      return;
    }
    const articleStore = openStoreOnce();
    for (const source of file.sources) {
      const { resumed } = articleStore.syncConfig(source.name, source.configHash);
      if (resumed) log.info({ source: source.name }, "source changed in the file; resumed");
    }
    deps = createRunDeps({
      store: articleStore,
      contactUrl: settings?.contactUrl ?? null,
      gapMs: settings?.fetch.gapMs ?? 0,
      timeoutMs: settings?.fetch.timeoutMs ?? 15_000,
      ...(settings?.fetch.maxBytes !== undefined ? { maxBytes: settings.fetch.maxBytes } : {}),
      env: settings?.env ?? {},
      keyNames: file.sources.flatMap((s) => (s.keyEnv ? [s.keyEnv] : [])),
      clock,
      logger: log,
    });
  }

  function sources(): SourceConfig[] {
    return loaded.status === "ok" ? loaded.sources : [];
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  /** Makes what a run stored searchable, then tells the alerts (after, never before). */
  async function publish(result: RunResult): Promise<void> {
    const batch = result.batch;
    if (!batch) return;
    const articles: Article[] = [...batch.added, ...batch.updated.map((u) => u.article)];
    await holder.update((current) => withArticles(current, articles), clock);
    await events.publish({
      origin: batch.source,
      added: batch.added.map((a) => a.id),
      updated: batch.updated.map((u) => ({ id: u.article.id, previousEnd: u.previousEnd })),
      backfill: batch.firstRun,
    });
  }

  /** One run of one source, after any other run on its host; never rejects. */
  function runSource(source: SourceConfig): Promise<RunResult | null> {
    const earlier = running.get(source.name);
    if (earlier) return earlier;
    const run = hosts
      .run(sourceHost(source), async () => {
        if (deps === null || stopped) return null;
        const result = await fetchSource(source, deps);
        await publish(result);
        return result;
      })
      .catch((error: unknown) => {
        log.error({ err: error, source: source.name }, "source run failed unexpectedly");
        return null;
      })
      .finally(() => {
        running.delete(source.name);
        // The file may have changed meanwhile: the next run follows what it says now.
        const current = sources().find((s) => s.name === source.name);
        if (current && started && !stopped) schedule(current);
      });
    running.set(source.name, run);
    return track(run);
  }

  function unschedule(name: string): void {
    jobs.get(name)?.job.stop();
    jobs.delete(name);
  }

  /** Arms the source's next run from its status; a paused source gets none. */
  function schedule(source: SourceConfig): void {
    unschedule(source.name);
    const now = clock();
    const due = dueAt(source, store?.status(source.name) ?? null, now);
    if (due === null) return;
    // The status speaks the injected clock's time; the timer runs on real time.
    const at = new Date(Date.now() + Math.max(due.getTime() - now.getTime(), MIN_DELAY_MS));
    // Unnamed: croner keeps a process-wide registry of named jobs, and a fired one-off job would
    // hold its name.
    const job = new Cron(at, { unref: true }, () => {
      job.stop();
      if (jobs.get(source.name)?.job === job) jobs.delete(source.name);
      void runSource(source);
    });
    jobs.set(source.name, { job, at });
  }

  function scheduleAll(): void {
    for (const name of [...jobs.keys()]) unschedule(name);
    for (const source of sources()) if (!running.has(source.name)) schedule(source);
  }

  function reloadIfChanged(): void {
    const file = loadSourcesFile(settings?.file ?? "");
    const before = JSON.stringify(sources().map((s) => [s.name, s.configHash]));
    const after = file.status === "ok" ? file.sources.map((s) => [s.name, s.configHash]) : [];
    if (file.status === loaded.status && before === JSON.stringify(after)) return;
    log.info(
      { file: file.path, status: file.status, sources: after.length },
      "sources file changed",
    );
    adopt(file);
    if (started && !stopped) scheduleAll();
  }

  adopt(loaded);

  function view(source: SourceConfig): SourceView {
    const status = store?.status(source.name) ?? null;
    const since = new Date(clock().getTime() - DAY_MS).toISOString();
    return {
      name: source.name,
      kind: source.kind,
      url: source.url,
      everyMs: source.every,
      lastSuccessAt: status?.lastSuccessAt ?? null,
      lastError: status?.lastError ?? null,
      lastErrorAt: status?.lastErrorAt ?? null,
      failures: status?.failures ?? 0,
      newLastDay: store?.countAddedSince(source.name, since) ?? 0,
      nextRun: status?.pausedAt ? null : (jobs.get(source.name)?.at ?? null),
      paused: status?.pausedAt != null,
      running: running.has(source.name),
    };
  }

  return {
    file() {
      reloadIfChanged();
      return fileState(loaded);
    },
    list() {
      reloadIfChanged();
      return sources().map(view);
    },
    async refresh(name) {
      reloadIfChanged();
      if (loaded.status !== "ok" || loaded.sources.length === 0) {
        return { status: "none", file: fileState(loaded) };
      }
      const all = loaded.sources;
      const chosen = name === undefined ? all : all.filter((s) => s.name === name);
      if (name !== undefined && chosen.length === 0) {
        return { status: "unknown", name, known: all.map((s) => s.name) };
      }
      const results = await Promise.all(chosen.map((source) => runSource(source)));
      const reports = results.flatMap((result, i) => {
        if (result) return [result.report];
        const source = chosen[i] as SourceConfig;
        return [{ ...emptyReport(source), error: "the run stopped unexpectedly; see the log" }];
      });
      return { status: "done", reports };
    },
    resume(name) {
      reloadIfChanged();
      const source = sources().find((s) => s.name === name);
      if (!source) return { status: "unknown", known: sources().map((s) => s.name) };
      if (!openStoreOnce().resume(name)) return { status: "not-paused" };
      log.info({ source: name }, "source resumed");
      if (started && !stopped && !running.has(name)) schedule(source);
      return { status: "resumed" };
    },
    start() {
      if (started) return;
      started = true;
      scheduleAll();
      watcher = watchFile(settings.file, { interval: WATCH_INTERVAL_MS, persistent: false }, () =>
        reloadIfChanged(),
      );
      log.info(
        { file: settings.file, status: loaded.status, sources: sources().length },
        "source schedules started",
      );
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      if (stopped && store === null) return;
      stopped = true;
      if (watcher) unwatchFile(settings.file);
      for (const name of [...jobs.keys()]) unschedule(name);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, STOP_WAIT_MS);
          timer.unref();
        }),
      ]);
      clearTimeout(timer);
      store?.close();
      store = null;
    },
  };
}

/** No sources file configured (tests that do not fetch): lists nothing, fetches nothing. */
function emptyService(): SourceService {
  const file: FileState = { status: "absent", path: "" };
  return {
    file: () => file,
    list: () => [],
    refresh: async () => ({ status: "none", file }),
    resume: () => ({ status: "unknown", known: [] }),
    start() {},
    idle: async () => {},
    stop: async () => {},
  };
}
