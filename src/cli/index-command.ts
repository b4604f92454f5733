import { performance } from "node:perf_hooks";
import { saveSnapshot, snapshotPathFor } from "../index/snapshot.ts";
import { formatIssue, skippedByReason } from "../ingest/report.ts";
import { buildIndexWithStore } from "../runtime/stored-index.ts";
import type { CliContext } from "./context.ts";

/** `jiwon index`: always a fresh build, then saved as the snapshot. */
export async function runIndex(context: CliContext): Promise<number> {
  const started = performance.now();
  const { index, storeLabel } = await buildIndexWithStore(context.dataPaths, context.stateDir);
  const path = snapshotPathFor(
    context.dataPaths,
    undefined,
    storeLabel ? { label: storeLabel } : undefined,
  );
  const bytes = saveSnapshot(index, path);
  const { report } = index.meta;
  const ms = Math.round(performance.now() - started);
  const out = context.out;
  out.write(`indexed ${index.size} articles from ${report.files.length} file(s) in ${ms} ms\n`);
  out.write(
    `skipped ${report.skipped.length}, duplicates ${report.duplicates.length}, repaired ${report.repaired.length}, URLs dropped ${report.droppedUrls.length}\n`,
  );
  for (const [reason, count] of skippedByReason(report)) out.write(`  ${count} × ${reason}\n`);
  const lost = report.duplicates.filter((issue) => issue.lost);
  for (const issue of [...report.skipped, ...report.repaired, ...lost, ...report.droppedUrls])
    context.err.write(`${formatIssue(issue)}\n`);
  out.write(`snapshot ${path} (${(bytes / 1024).toFixed(0)} KiB)\n`);
  return 0;
}
