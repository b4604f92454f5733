/**
 * `jiwon fetch [--sources FILE] [--only NAME]… [--json]`: fetch every source (or the named ones)
 * once into the article store and print per source what was new, updated, unchanged and skipped,
 * or why it failed. Exit 0 when at least one source succeeded, 1 when all failed, 2 for a bad
 * sources file or an unknown name.
 */
import { printable } from "../ingest/report.ts";
import { loadConfig } from "../runtime/config.ts";
import { loadDotEnv } from "../runtime/env-file.ts";
import { loadSourcesFile } from "../sources/config.ts";
import { createRunDeps } from "../sources/deps.ts";
import { fetchSources, type SourceReport } from "../sources/run.ts";
import { openArticleStore } from "../state/articles.ts";
import type { Clock } from "../types.ts";
import { UsageError } from "./args.ts";
import type { CliContext } from "./context.ts";

export function fetchJson(reports: readonly SourceReport[]) {
  return {
    sources: reports.map((r) => ({
      name: r.name,
      kind: r.kind,
      ok: r.ok,
      new: r.new,
      updated: r.updated,
      unchanged: r.unchanged,
      skipped: r.skipped,
      error: r.error,
      notModified: r.notModified,
      paused: r.paused,
      skips: r.skips,
    })),
  };
}

function printReports(reports: readonly SourceReport[], out: NodeJS.WritableStream): void {
  const width = Math.max(...reports.map((r) => r.name.length), 4);
  for (const r of reports) {
    const name = r.name.padEnd(width);
    if (r.ok) {
      const counts = `new ${r.new}, updated ${r.updated}, unchanged ${r.unchanged}, skipped ${r.skipped}`;
      out.write(`${name}  ok      ${counts}${r.notModified ? " (not modified)" : ""}\n`);
    } else {
      // The error can quote a server's answer: never let it act on the terminal.
      const error = printable(r.error ?? "unknown error");
      out.write(`${name}  ${r.paused ? "paused" : "failed"}  ${error}\n`);
    }
    for (const skip of r.skips.slice(0, 20))
      out.write(`    skipped ${printable(`${skip.item}: ${skip.reason}`)}\n`);
    if (r.skips.length > 20) out.write(`    … ${r.skips.length - 20} more skipped\n`);
  }
}

export async function runFetch(context: CliContext, clock: Clock): Promise<number> {
  loadDotEnv();
  const loaded = loadConfig(process.env);
  if (!loaded.ok) throw new UsageError(loaded.errors.join("; "));
  const { config } = loaded;
  const path = context.args.values.sources ?? config.sourcesFile;
  const file = loadSourcesFile(path);
  if (file.status === "absent") {
    throw new UsageError(`no sources file at ${path} (set JIWON_SOURCES or pass --sources FILE)`);
  }
  if (file.status === "invalid") {
    throw new UsageError(`${path} is not a valid sources file:\n  ${file.errors.join("\n  ")}`);
  }
  const only = context.args.values.only ?? [];
  const unknown = only.filter((name) => !file.sources.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new UsageError(
      `no source named ${unknown.join(", ")} in ${path} (there are: ${file.sources.map((s) => s.name).join(", ")})`,
    );
  }
  const sources =
    only.length > 0 ? file.sources.filter((s) => only.includes(s.name)) : file.sources;
  if (sources.length === 0) throw new UsageError(`${path} lists no sources`);

  const store = openArticleStore(context.stateDir);
  try {
    for (const source of sources) store.syncConfig(source.name, source.configHash);
    const deps = createRunDeps({
      store,
      contactUrl: config.contactUrl,
      gapMs: config.fetch.gapMs,
      timeoutMs: config.fetch.timeoutMs,
      env: { ...process.env, ...config.apiKeys },
      keyNames: sources.flatMap((s) => (s.keyEnv ? [s.keyEnv] : [])),
      clock,
    });
    const reports = (await fetchSources(sources, deps)).map((r) => r.report);
    if (context.args.values.json) {
      context.out.write(`${JSON.stringify(fetchJson(reports), null, 2)}\n`);
    } else {
      printReports(reports, context.out);
    }
    return reports.some((r) => r.ok) ? 0 : 1;
  } finally {
    store.close();
  }
}
