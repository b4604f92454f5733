/**
 * The reindex worker thread: reads the sources, builds the index and saves its snapshot, all
 * off the main thread so the bot keeps answering. Only counts travel back; the main thread loads
 * the snapshot itself (a SearchIndex cannot cross a thread boundary).
 */
import { parentPort, workerData } from "node:worker_threads";
import { buildIndex } from "../index/build.ts";
import { saveSnapshot } from "../index/snapshot.ts";
import type { IngestReport } from "../ingest/report.ts";

export interface ReindexJob {
  dataPaths: string[];
  snapshotPath: string;
}

export type ReindexWorkerResult =
  | {
      ok: true;
      articles: number;
      report: IngestReport;
      buildMs: number;
      snapshotBytes: number;
      /** Why the build fell back to one thread, when a build worker crashed. */
      workerCrash: string | null;
    }
  | { ok: false; error: { name: string; message: string; stack?: string } };

async function run(job: ReindexJob): Promise<ReindexWorkerResult> {
  try {
    let workerCrash: string | null = null;
    const index = await buildIndex(job.dataPaths, {
      onWorkerCrash: (error) => {
        workerCrash = error.message;
      },
    });
    const snapshotBytes = saveSnapshot(index, job.snapshotPath);
    return {
      ok: true,
      articles: index.size,
      report: index.meta.report,
      buildMs: index.meta.buildMs,
      snapshotBytes,
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
