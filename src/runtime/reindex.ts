/**
 * `/reindex`: rebuild the index from the configured sources in a worker thread, then load the
 * snapshot the worker saved and swap it in. One rebuild at a time; a failed one (nothing usable
 * left, a worker crash, a damaged snapshot) leaves the serving index untouched.
 */
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { loadSnapshot } from "../index/snapshot.ts";
import { withArticles } from "../index/update.ts";
import type { IngestReport } from "../ingest/report.ts";
import type { Article } from "../types.ts";
import type { IndexHolder } from "./index-holder.ts";
import type { Logger } from "./logger.ts";
import type { ReindexJob, ReindexWorkerResult } from "./reindex-worker.ts";
import { type ArticleEvents, indexDifference } from "./stored-articles.ts";

export const WORKER_ENTRY = new URL("./reindex-worker-entry.js", import.meta.url);
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

export type ReindexOutcome =
  | {
      status: "done";
      articles: number;
      previousArticles: number;
      report: IngestReport;
      buildMs: number;
      totalMs: number;
    }
  | { status: "busy"; startedAt: Date }
  | { status: "failed"; error: string; totalMs: number };

export interface ReindexService {
  readonly running: boolean;
  /** Rebuilds now, or answers `busy` at once when a rebuild is already under way. */
  run(requestedBy?: string): Promise<ReindexOutcome>;
}

export interface ReindexOptions {
  holder: IndexHolder;
  dataPaths: string[];
  /** The state directory whose fetched articles every rebuild reads too; none when absent. */
  stateDir?: string | null;
  /**
   * The fetched articles stored after the revision a rebuild read: they were made searchable in
   * the serving index while the worker ran, and are added to the rebuilt one before it serves.
   */
  storedSince?: (rev: number) => Article[];
  /** Where snapshots live; the CLI's default when absent. */
  snapshotDir?: string;
  logger: Logger;
  timeoutMs?: number;
  /** The worker module (tests swap in one that crashes). */
  workerEntry?: URL;
  /** Told what each successful rebuild brought: articles new to the index, changed deadlines. */
  events?: ArticleEvents;
}

class WorkerFailed extends Error {}

/** The worker's error, rebuilt on this side with its name and its stack from the worker. */
class BuildFailed extends Error {
  constructor(error: { name: string; message: string; stack?: string }) {
    super(error.message);
    this.name = error.name;
    if (error.stack) this.stack = error.stack;
  }
}

function runWorker(entry: URL, job: ReindexJob, timeoutMs: number): Promise<ReindexWorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: job });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      finish(() =>
        reject(new WorkerFailed(`reindex worker gave no answer within ${timeoutMs} ms`)),
      );
      void worker.terminate();
    }, timeoutMs);
    worker.once("message", (result: ReindexWorkerResult) => finish(() => resolve(result)));
    worker.once("error", (error) => finish(() => reject(error)));
    worker.once("exit", (code) =>
      finish(() =>
        reject(new WorkerFailed(`reindex worker exited with code ${code} before answering`)),
      ),
    );
  });
}

export function createReindexService(options: ReindexOptions): ReindexService {
  const { holder, dataPaths, logger } = options;
  const entry = options.workerEntry ?? WORKER_ENTRY;
  let startedAt: Date | null = null;

  async function rebuild(requestedBy: string | undefined): Promise<ReindexOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const stateDir = options.stateDir ?? null;
    logger.info({ dataPaths, stateDir, requestedBy }, "reindex started");
    try {
      const result = await runWorker(
        entry,
        {
          dataPaths,
          stateDir,
          ...(options.snapshotDir ? { snapshotDir: options.snapshotDir } : {}),
        },
        options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      );
      if (!result.ok) throw new BuildFailed(result.error);
      if (result.workerCrash) {
        logger.warn({ reason: result.workerCrash }, "a build worker crashed; built on one thread");
      }
      const storeHead = result.storeHead;
      // Through the holder's queue: a fetch that lands while this swaps in is never lost.
      const swapped = await holder.update(async () => {
        const rebuilt = loadSnapshot(result.snapshotPath, null);
        const late = options.storedSince?.(storeHead) ?? [];
        return late.length > 0 ? withArticles(rebuilt, late) : rebuilt;
      });
      const { previous } = swapped;
      const next = swapped.next ?? previous;
      // Alerts must hear about files the rebuild brought; they never hold up the reply.
      void options.events?.publish(indexDifference(previous, next, "reindex"));
      const outcome: ReindexOutcome = {
        status: "done",
        articles: next.size,
        previousArticles: previous.size,
        report: result.report,
        buildMs: result.buildMs,
        totalMs: elapsed(),
      };
      logger.info(
        {
          articles: outcome.articles,
          previousArticles: outcome.previousArticles,
          skipped: result.report.skipped.length,
          duplicates: result.report.duplicates.length,
          totalMs: outcome.totalMs,
          requestedBy,
        },
        "reindex done; new index serving",
      );
      return outcome;
    } catch (error) {
      logger.error(
        { err: error, dataPaths, requestedBy },
        "reindex failed; previous index keeps serving",
      );
      const message = error instanceof Error ? error.message : String(error);
      return { status: "failed", error: message, totalMs: elapsed() };
    }
  }

  return {
    get running() {
      return startedAt !== null;
    },
    async run(requestedBy) {
      if (startedAt !== null) return { status: "busy", startedAt };
      startedAt = new Date();
      try {
        return await rebuild(requestedBy);
      } finally {
        startedAt = null;
      }
    },
  };
}
