/**
 * The reindex worker thread: reads the data paths and the article store, builds the index and saves its snapshot, all
 * off the main thread so the bot keeps answering. Only counts travel back; the main thread loads
 * the snapshot itself (a SearchIndex cannot cross a thread boundary).
 */
import { parentPort, workerData } from "node:worker_threads";
import { saveSnapshot } from "../index/snapshot.ts";
import type { IngestReport } from "../ingest/report.ts";
import { buildIndexWithStore, snapshotPathWithStore } from "./stored-index.ts";

export interface ReindexJob {
  dataPaths: string[];
  /** The state directory whose article store is read with the data paths; null: none. */
  stateDir: string | null;
  /** Where snapshots live; the default beside the shipped data when absent. */
  snapshotDir?: string;
}

export type ReindexWorkerResult =
  | {
      ok: true;
      articles: number;
      report: IngestReport;
      buildMs: number;
      snapshotBytes: number;
      /** Where the snapshot was saved: its name depends on whether the store was read. */
      snapshotPath: string;
      /** The store's highest revision the build read: later ones are added on the main side. */
      storeHead: number;
      /** Why the build fell back to one thread, when a build worker crashed. */
      workerCrash: string | null;
    }
  | { ok: false; error: { name: string; message: string; stack?: string } };

async function run(job: ReindexJob): Promise<ReindexWorkerResult> {
  try {
    let workerCrash: string | null = null;
    const built = await buildIndexWithStore(job.dataPaths, job.stateDir, {
      onWorkerCrash: (error) => {
        workerCrash = error.message;
      },
    });
    const { index, storeHead, storeLabel } = built;
    const snapshotPath = snapshotPathWithStore(
      job.dataPaths,
      storeLabel === null ? null : job.stateDir,
      job.snapshotDir,
    );
    const snapshotBytes = saveSnapshot(index, snapshotPath);
    return {
      ok: true,
      articles: index.size,
      report: index.meta.report,
      buildMs: index.meta.buildMs,
      snapshotBytes,
      snapshotPath,
      storeHead,
      workerCrash,
    };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    // Subclasses often keep the name "Error"; their class name says more (NothingToIndexError).
    const name = failure.name === "Error" ? failure.constructor.name : failure.name;
    return { ok: false, error: { name, message: failure.message, stack: failure.stack } };
  }
}

if (parentPort && workerData) {
  parentPort.postMessage(await run(workerData as ReindexJob));
}
