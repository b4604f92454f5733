/**
 * One fetch of one source, start to finish: fetch its items, read the pages of new or changed
 * items when the source needs them, validate every item as a dump record would be, store the
 * batch in one transaction, remember the HTTP validators only then, and record the outcome in the
 * source's status (back-off, Retry-After, pause after too many failures in a row). A broken source
 * never throws out of here: it reports its error and leaves what was stored before untouched.
 */
import { createHash } from "node:crypto";
import { analyzeArticle } from "../extract/article.ts";
import { validateRecord } from "../ingest/record.ts";
import type { Logger } from "../runtime/logger.ts";
import {
  type ArticleStore,
  type ItemToStore,
  type SourceStatus,
  type StoredArticle,
  storedRecord,
} from "../state/articles.ts";
import type { Article, Clock } from "../types.ts";
import { type SourceConfig, sourceHost } from "./config.ts";
import { parseFeedDate } from "./dates.ts";
import { FetchFailure, type HttpClient } from "./http.ts";
import type { FetchedItem, KindContext, KindResult, Skip } from "./item.ts";
import { hostAllowed } from "./links.ts";

/** Failures in a row after which a source is paused until resumed or reconfigured. */
export const PAUSE_AFTER_FAILURES = 10;
/** Back-off after the first failure; doubles with each further one, up to the cap. */
export const BACKOFF_BASE_MS = 5 * 60_000;
export const BACKOFF_MAX_MS = 6 * 60 * 60_000;

export interface SourceReport {
  name: string;
  kind: SourceConfig["kind"];
  ok: boolean;
  new: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Why each skipped item was skipped. */
  skips: Skip[];
  error: string | null;
  /** The source answered 304 Not Modified. */
  notModified: boolean;
  /** The source is paused (now, after this run). */
  paused: boolean;
}

/** What one run stored: exactly the articles the alerts (and the live index) must look at. */
export interface StoredBatch {
  source: string;
  /** The source's first successful fetch: everything is new, nothing is news. */
  firstRun: boolean;
  added: Article[];
  updated: Array<{ article: Article; previousEnd: string | null }>;
}

export interface RunDeps {
  store: ArticleStore;
  http: HttpClient;
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  logger?: Pick<Logger, "info" | "warn" | "debug">;
}

export interface RunResult {
  report: SourceReport;
  batch: StoredBatch | null;
}

type Fetcher = (s: never, c: KindContext) => Promise<KindResult>;

/**
 * Each kind's fetcher, imported on its first run: the feed and HTML parsers (feedsmith, linkedom)
 * take longer to load than the rest of a start, and a console or a bot without sources never
 * needs them.
 */
const FETCHERS: { [K in SourceConfig["kind"]]: () => Promise<Fetcher> } = {
  feed: async () => (await import("./kinds/feed.ts")).fetchFeed as Fetcher,
  bizinfo: async () => (await import("./kinds/bizinfo.ts")).fetchBizinfo as Fetcher,
  kstartup: async () => (await import("./kinds/kstartup.ts")).fetchKstartup as Fetcher,
  html: async () => (await import("./kinds/html.ts")).fetchHtml as Fetcher,
};

/** A report of nothing done yet: what a run fills in, or what a failed run is. */
export function emptyReport(source: Pick<SourceConfig, "name" | "kind">): SourceReport {
  return {
    name: source.name,
    kind: source.kind,
    ok: false,
    new: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    skips: [],
    error: null,
    notModified: false,
    paused: false,
  };
}

/** Hash of what the source said about the item (before any page was read). */
export function contentHash(item: FetchedItem): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        item.title,
        item.url,
        item.body,
        item.publishedAt,
        item.outlet,
        item.declared,
        item.page?.url ?? null,
      ]),
    )
    .digest("hex")
    .slice(0, 32);
}

/** The source's defaults (region, category, outlet) on an item, as declared facts. */
function withDefaults(item: FetchedItem, source: SourceConfig): FetchedItem {
  const defaults = source.defaults;
  if (!defaults) return item;
  const declared = { ...(item.declared ?? {}) };
  if (defaults.region && declared.regions === undefined)
    declared.defaultRegions = [defaults.region];
  if (defaults.category) {
    declared.categories = [...new Set([...(declared.categories ?? []), defaults.category])];
  }
  return {
    ...item,
    outlet: item.outlet ?? defaults.source ?? null,
    declared: Object.keys(declared).length > 0 ? declared : null,
  };
}

export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_MS);
}

/** Reads an item's page into its body (and title, date); null with a reason when it cannot. */
async function readPage(
  item: FetchedItem,
  source: SourceConfig,
  http: HttpClient,
): Promise<{ item: FetchedItem } | { reason: string }> {
  const page = item.page;
  if (!page) return { item };
  if (!hostAllowed(page.url, source.url, source.allowHosts)) {
    return { reason: `page on another host (${new URL(page.url).host}); add it to allowHosts` };
  }
  try {
    const response = await http.get(page.url, {
      accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    });
    if (response.status !== "ok") return { reason: "page answered 304 without a cached copy" };
    const { mainText, parsePage, selectText } = await import("./html-text.ts");
    const body = mainText(response.text, page.body);
    if (!body) {
      return {
        reason: page.body
          ? `no text in ${JSON.stringify(page.body)} on the page`
          : "no main text found on the page",
      };
    }
    const document = page.title || page.date ? parsePage(response.text) : null;
    const title = document && page.title ? selectText(document, page.title) : null;
    const date = document && page.date ? parseFeedDate(selectText(document, page.date)) : null;
    return {
      item: {
        ...item,
        body,
        title: title?.replace(/\s+/g, " ") ?? item.title,
        publishedAt: date ?? item.publishedAt,
      },
    };
  } catch (error) {
    return { reason: `page not read: ${http.redact((error as Error).message)}` };
  }
}

function toArticle(stored: StoredArticle): Article | null {
  const outcome = validateRecord(storedRecord(stored));
  return outcome.ok ? outcome.article : null;
}

/** The previous version's application end, as analysis read it. */
function applicationEnd(previous: StoredArticle): string | null {
  const article = toArticle(previous);
  return article ? analyzeArticle(article).application.end : null;
}

async function collect(
  source: SourceConfig,
  result: KindResult,
  deps: RunDeps,
  report: SourceReport,
): Promise<ItemToStore[]> {
  const seen = new Set<string>();
  const fresh: FetchedItem[] = [];
  for (const raw of result.items) {
    if (seen.has(raw.itemId)) {
      report.skips.push({ item: raw.itemId, reason: "listed twice in this fetch" });
      continue;
    }
    seen.add(raw.itemId);
    fresh.push(withDefaults(raw, source));
  }
  const known = deps.store.knownHashes(
    source.name,
    fresh.map((item) => item.itemId),
  );
  const toStore: ItemToStore[] = [];
  for (const listed of fresh) {
    const hash = contentHash(listed);
    let item = listed;
    if (known.get(item.itemId) !== hash && item.page) {
      const read = await readPage(item, source, deps.http);
      if ("item" in read) {
        item = read.item;
      } else if (!item.page?.optional || !item.body) {
        report.skips.push({ item: item.url ?? item.itemId, reason: read.reason });
        continue;
      } else {
        deps.logger?.debug(
          { source: source.name, item: item.url, reason: read.reason },
          "kept the feed's text: page not read",
        );
      }
    }
    const candidate: ItemToStore = {
      itemId: item.itemId,
      url: item.url,
      title: item.title,
      body: item.body,
      outlet: item.outlet,
      publishedAt: item.publishedAt,
      declared: item.declared,
      contentHash: hash,
    };
    // The same checks a dump record gets; a record ingest would skip is not stored at all.
    const check = validateRecord(
      storedRecord({
        ...candidate,
        source: source.name,
        rev: 0,
        firstSeenAt: deps.clock().toISOString(),
        changedAt: "",
      }),
    );
    if (!check.ok) {
      report.skips.push({ item: item.url ?? item.itemId, reason: check.reason });
      continue;
    }
    toStore.push(candidate);
  }
  return toStore;
}

function failureMessage(error: unknown, http: HttpClient): string {
  const message = error instanceof Error ? error.message : String(error);
  return http.redact(message).slice(0, 500);
}

/** Fetches one source once and stores what it has; never throws for a source's failure. */
export async function fetchSource(source: SourceConfig, deps: RunDeps): Promise<RunResult> {
  const report = emptyReport(source);
  const before: SourceStatus | null = deps.store.status(source.name);
  if (before?.pausedAt) {
    report.paused = true;
    report.error = `paused after ${before.failures} failures in a row (last: ${before.lastError ?? "unknown"}); resume it with /sources resume ${source.name}`;
    return { report, batch: null };
  }
  const key = source.keyEnv ? (deps.env[source.keyEnv]?.trim() ?? "") : null;
  if (source.keyEnv && !key) {
    // A configuration problem, not the source's failure: nothing was requested.
    report.error = `${source.keyEnv} is not set: the API key for ${source.name} goes in that environment variable`;
    return { report, batch: null };
  }
  try {
    const fetchKind = await FETCHERS[source.kind]();
    const result = await fetchKind(source as never, { http: deps.http, key });
    report.notModified = result.notModified;
    const items = await collect(source, result, deps, report);
    const now = deps.clock();
    const saved = deps.store.save(source.name, items, now);
    result.remember();
    deps.store.recordSuccess(source.name, now.toISOString());
    report.skips.unshift(...result.skipped);
    report.ok = true;
    report.new = saved.added.length;
    report.updated = saved.updated.length;
    report.unchanged = saved.unchanged;
    report.skipped = report.skips.length;
    const added = saved.added.map(toArticle).filter((a): a is Article => a !== null);
    const updated = saved.updated.flatMap(({ article, previous }) => {
      const current = toArticle(article);
      return current ? [{ article: current, previousEnd: applicationEnd(previous) }] : [];
    });
    const batch =
      added.length + updated.length > 0
        ? { source: source.name, firstRun: before?.lastSuccessAt == null, added, updated }
        : null;
    deps.logger?.info(
      {
        source: source.name,
        new: report.new,
        updated: report.updated,
        unchanged: report.unchanged,
        skipped: report.skipped,
        notModified: report.notModified,
      },
      "source fetched",
    );
    return { report, batch };
  } catch (error) {
    const message = failureMessage(error, deps.http);
    const now = deps.clock();
    const failures = (before?.failures ?? 0) + 1;
    const waitMs =
      error instanceof FetchFailure && error.retryAfterMs !== null
        ? Math.max(error.retryAfterMs, 1000)
        : backoffMs(failures);
    const status = deps.store.recordFailure(source.name, {
      at: now.toISOString(),
      error: message,
      retryAt: new Date(now.getTime() + waitMs).toISOString(),
      pauseAfter: PAUSE_AFTER_FAILURES,
    });
    report.error = message;
    report.paused = status.pausedAt !== null;
    report.skipped = report.skips.length;
    deps.logger?.warn(
      { source: source.name, error: message, failures: status.failures, paused: report.paused },
      report.paused ? "source failed and is now paused" : "source failed; will retry later",
    );
    return { report, batch: null };
  }
}

/**
 * Fetches the given sources once: sources on different hosts at the same time, sources of one
 * host one after the other. Results come back in the order given.
 */
export async function fetchSources(
  sources: readonly SourceConfig[],
  deps: RunDeps,
  onResult?: (result: RunResult) => Promise<void> | void,
): Promise<RunResult[]> {
  const byHost = new Map<string, SourceConfig[]>();
  for (const source of sources) {
    const host = sourceHost(source);
    byHost.set(host, [...(byHost.get(host) ?? []), source]);
  }
  const results = new Map<string, RunResult>();
  await Promise.all(
    [...byHost.values()].map(async (group) => {
      for (const source of group) {
        const result = await fetchSource(source, deps);
        results.set(source.name, result);
        await onResult?.(result);
      }
    }),
  );
  return sources.map((source) => results.get(source.name) as RunResult);
}
