/** Memory and latency measurement shared by the bench worker and the prototypes. */
import { performance } from "node:perf_hooks";
import { BENCH_QUERIES } from "./queries.ts";
import type { Percentiles } from "./stats.ts";
import { MB, percentiles, round } from "./stats.ts";

export interface MemoryFigures {
  heapMb: number;
  rssMb: number;
  /** Memory outside the JS heap that V8 knows of: array buffers (typed arrays, Buffers) and more. */
  externalMb: number;
}

export interface QueryFigures {
  /** Over every timed pass; `p99Runs` is the p99 of each pass (run of the query set) alone. */
  queryMs: Percentiles & { p99Runs: number[] };
  meanMs: number;
  maxMs: number;
  samples: number;
  /** Queries of the mix that returned nothing (a broken pipeline is fast: watch this). */
  emptyQueries: number;
  /** The slowest queries of the mix, for the report. */
  slowest: { text: string; ms: number }[];
}

export function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    collect();
  }
}

export function memory(): MemoryFigures {
  gc();
  const usage = process.memoryUsage();
  return {
    heapMb: round(usage.heapUsed / MB),
    rssMb: round(usage.rss / MB),
    // `external` already counts the array buffers (Node's docs); adding them counted them twice.
    externalMb: round(usage.external / MB),
  };
}

/** Times `run` over the whole mix `passes` times after a short warm-up. */
export async function timeQueries(
  run: (text: string) => Promise<number>,
  passes: number,
): Promise<QueryFigures> {
  for (const query of BENCH_QUERIES.slice(0, 30)) await run(query.text);
  const samples: number[] = [];
  const p99Runs: number[] = [];
  const worst = new Map<string, number>();
  let emptyQueries = 0;
  for (let pass = 0; pass < passes; pass++) {
    const times: number[] = [];
    for (const query of BENCH_QUERIES) {
      const started = performance.now();
      const count = await run(query.text);
      const ms = performance.now() - started;
      samples.push(ms);
      times.push(ms);
      worst.set(query.text, Math.max(ms, worst.get(query.text) ?? 0));
      if (pass === 0 && count === 0) emptyQueries++;
    }
    p99Runs.push(percentiles(times).p99);
  }
  const slowest = [...worst]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([text, ms]) => ({ text, ms: round(ms, 1) }));
  return {
    queryMs: { ...percentiles(samples), p99Runs },
    meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length, 3),
    maxMs: round(Math.max(...samples), 1),
    samples: samples.length,
    emptyQueries,
    slowest,
  };
}
