/**
 * The structured filters of the query path, Orama (the project's record engine) against sorted
 * doc ordinals (CompactFilterIndex): build time, and the time of every filter the bench query mix
 * issues, replayed on both. The filters are captured from answerSearch itself.
 *
 *   node --expose-gc bin/run-ts.js bench/proto/filters.ts --size 100000
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { analyzeArticle } from "../../src/extract/article.ts";
import {
  createRecordEngine,
  fillRecordEngine,
  filterRecords,
  type RecordFilter,
} from "../../src/index/record-engine.ts";
import { SearchIndex } from "../../src/index/search-index.ts";
import { ingestSources } from "../../src/ingest/sources.ts";
import { answerSearch } from "../../src/query/answer.ts";
import { prepareCorpus } from "../corpus.ts";
import { BENCH_AS_OF, BENCH_QUERIES } from "../queries.ts";
import { percentiles, round } from "../stats.ts";
import { CompactFilterIndex } from "./compact.ts";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: "string", default: "10000" } } });
  const corpus = await prepareCorpus(Number(values.size));
  const analyzed = ingestSources([corpus.dir]).articles.map(analyzeArticle);

  const c0 = performance.now();
  const compact = new CompactFilterIndex(analyzed);
  const c1 = performance.now();
  const orama = createRecordEngine();
  await fillRecordEngine(orama, analyzed);
  const c2 = performance.now();

  // Capture the filters answerSearch asks for (a SearchIndex with no text engine: every text match
  // is empty, which only changes which relaxations run, not the filters' shape).
  const captured: RecordFilter[] = [];
  const index = Object.create(SearchIndex.prototype) as SearchIndex;
  Object.assign(index, {
    articles: analyzed,
    byId: new Map(analyzed.map((a) => [a.id, a])),
    matchText: () => ({ size: 0, scoreOf: () => undefined, top: () => [] }),
    searchText: () => [],
    suggest: () => [],
    filter: async (filter: RecordFilter) => {
      captured.push(filter);
      return compact.filter(filter);
    },
  });
  for (const q of BENCH_QUERIES) await answerSearch(index, { query: q.text, asOf: BENCH_AS_OF });

  const oramaMs: number[] = [];
  const compactMs: number[] = [];
  let disagree = 0;
  for (const filter of captured) {
    const t0 = performance.now();
    const a = await filterRecords(orama, filter);
    const t1 = performance.now();
    const b = compact.filter(filter);
    const t2 = performance.now();
    oramaMs.push(t1 - t0);
    compactMs.push(t2 - t1);
    if ((a?.size ?? -1) !== (b?.size ?? -1)) disagree++;
  }
  const total = (xs: number[]) => round(xs.reduce((s, x) => s + x, 0));
  process.stdout.write(
    `${JSON.stringify(
      {
        articles: analyzed.length,
        filters: captured.length,
        build: { oramaMs: round(c2 - c1), compactMs: round(c1 - c0) },
        orama: { totalMs: total(oramaMs), ...percentiles(oramaMs) },
        compact: { totalMs: total(compactMs), ...percentiles(compactMs) },
        resultSizeDisagreements: disagree,
      },
      null,
      2,
    )}\n`,
  );
}

await main();
