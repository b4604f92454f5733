/**
 * `npm run eval [-- --set file.json] [--only hn,hk01] [--per-query] [--out file.json]`: search
 * quality on a judged query set over ../shared/corpus and the seed. `--set` defaults to
 * bench/judged.json; the held-out set nobody tunes on is bench/heldout.json (how both were
 * judged: bench/JUDGING.md). `--only` keeps the queries whose id starts with one of the given
 * prefixes. jiwon runs the full query path (answerSearch, as of each query's date); the peers get
 * the raw query text with their defaults. Reports recall@10, nDCG@10 and MRR@10 as one table and,
 * when the queries have classes, nDCG@10 per query class for every system.
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { buildIndex } from "../src/index/build.ts";
import { classTable, scoresByClass } from "./class-scores.ts";
import { CORPUS_DIR, SEED_DIR } from "./corpus.ts";
import {
  EVAL_K,
  evalDocs,
  JUDGED_PATH,
  type JudgedQuery,
  jiwonRanking,
  loadJudged,
  visibleJudgments,
} from "./judged-set.ts";
import { type QueryScores, scoreRanking } from "./metrics.ts";
import { buildPeer, PEER_NAMES, type Peer } from "./peers.ts";
import { mean, round } from "./stats.ts";

interface SystemScores {
  name: string;
  perQuery: Map<string, QueryScores>;
}

function summary(scores: SystemScores, queries: readonly JudgedQuery[]) {
  const of = (pick: (s: QueryScores) => number, subset = queries) =>
    round(mean(subset.map((q) => pick(scores.perQuery.get(q.id) as QueryScores))), 3);
  const ko = queries.filter((q) => q.lang === "ko");
  const en = queries.filter((q) => q.lang !== "ko");
  return {
    system: scores.name,
    ndcg: of((s) => s.ndcg),
    recall: of((s) => s.recall),
    mrr: of((s) => s.rr),
    ndcgKo: of((s) => s.ndcg, ko),
    ndcgEn: of((s) => s.ndcg, en),
  };
}

function pad(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join("  "),
    )
    .join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      set: { type: "string" },
      "per-query": { type: "boolean", default: false },
      only: { type: "string" },
      out: { type: "string" },
    },
  });
  // Relative paths are the caller's (npm runs from the project root); no --set is judged.json.
  const setName = values.set ?? "bench/judged.json";
  const judged = loadJudged(values.set ?? JUDGED_PATH);
  const prefixes = values.only?.split(",").map((p) => p.trim()) ?? [];
  const queries = judged.queries.filter(
    (q) => prefixes.length === 0 || prefixes.some((p) => q.id.startsWith(p)),
  );
  if (queries.length === 0) throw new Error(`no judged query matches --only ${values.only}`);
  if (judged.unjudged.length > 0)
    process.stderr.write(
      `${judged.unjudged.length} quer${judged.unjudged.length === 1 ? "y" : "ies"} not judged yet, left out: ${judged.unjudged.map((q) => q.id).join(", ")}\n`,
    );
  process.stderr.write(`building jiwon over ${CORPUS_DIR} and ${SEED_DIR}…\n`);
  const started = performance.now();
  const index = await buildIndex([CORPUS_DIR, SEED_DIR]);
  process.stderr.write(
    `  ${index.size} articles in ${Math.round(performance.now() - started)} ms\n`,
  );
  const docs = evalDocs();
  const peers: Peer[] = [];
  for (const name of PEER_NAMES) peers.push(await buildPeer(name, docs));

  const articles = index.allArticles();
  const known = new Set(articles.map((a) => a.id));
  // The clock sees only the past (issue #13; JUDGING.md): a record published after a query's
  // as-of day cannot answer a question asked that day, so it is not relevant to it. judged.json
  // and the first held-out queries were judged before that rule; their judgments of later records
  // are left out here, for every system alike.
  const publishedOn = new Map(articles.map((a) => [a.id, a.publishedAt]));
  for (const query of queries) query.judgments = visibleJudgments(query, publishedOn);
  const unanswerable = queries.filter((q) => Object.keys(q.judgments).length === 0);
  if (unanswerable.length > 0) {
    process.stderr.write(
      `left out, every judged record published after the as-of day: ${unanswerable.map((q) => q.id).join(", ")}\n`,
    );
    for (const q of unanswerable) queries.splice(queries.indexOf(q), 1);
  }
  const unknown = queries.flatMap((q) =>
    Object.keys(q.judgments)
      .filter((id) => !known.has(id))
      .map((id) => `${q.id}:${id}`),
  );
  if (unknown.length > 0)
    process.stderr.write(`warning: judged ids not in the index: ${unknown.join(", ")}\n`);

  const systems: SystemScores[] = [{ name: "jiwon", perQuery: new Map() }];
  for (const peer of peers) systems.push({ name: peer.name, perQuery: new Map() });
  const rankings = new Map<string, Map<string, string[]>>();
  for (const query of queries) {
    const perSystem = new Map<string, string[]>();
    perSystem.set("jiwon", await jiwonRanking(index, query.query, query.asOf));
    for (const peer of peers) perSystem.set(peer.name, await peer.search(query.query, EVAL_K));
    rankings.set(query.id, perSystem);
    for (const system of systems) {
      system.perQuery.set(
        query.id,
        scoreRanking(perSystem.get(system.name) ?? [], query.judgments, EVAL_K),
      );
    }
  }

  const summaries = systems.map((s) => summary(s, queries));
  const relevant = queries.map((q) => Object.values(q.judgments).filter((g) => g > 0).length);
  const label: Record<string, string> = {
    jiwon: "jiwon (answerSearch)",
    minisearch: "MiniSearch (default)",
    orama: "Orama (default)",
    scan: "substring scan",
    fts5: "SQLite FTS5 (trigram)",
  };
  const rows = [["system", "nDCG@10", "recall@10", "MRR@10", "nDCG@10 ko", "nDCG@10 en/mixed"]];
  for (const s of summaries) {
    rows.push([
      label[s.system] ?? s.system,
      s.ndcg.toFixed(3),
      s.recall.toFixed(3),
      s.mrr.toFixed(3),
      s.ndcgKo.toFixed(3),
      s.ndcgEn.toFixed(3),
    ]);
  }
  const ko = queries.filter((q) => q.lang === "ko").length;
  process.stdout.write(
    `\n${setName}: ${queries.length} judged queries (${ko} Korean, ${queries.length - ko} English or mixed), ` +
      `${relevant.reduce((a, b) => a + b, 0)} graded articles (median ${[...relevant].sort((a, b) => a - b)[relevant.length >> 1]} per query), ` +
      `${index.size} articles indexed\n\n${pad(rows)}\n`,
  );
  if (queries.some((q) => q.class !== undefined)) {
    const table = classTable(
      systems.map((s) => ({ label: label[s.name] ?? s.name, perQuery: s.perQuery })),
      queries,
    );
    process.stdout.write(`\nnDCG@10 per query class (number of queries)\n${pad(table)}\n`);
  }

  if (values["per-query"]) {
    const perRows = [["query", "class", "as of", "rel", ...systems.map((s) => s.name)]];
    for (const q of queries) {
      perRows.push([
        `${q.id} ${q.query}`,
        q.class ?? "",
        q.asOf,
        String(Object.values(q.judgments).filter((g) => g > 0).length),
        ...systems.map((s) => (s.perQuery.get(q.id)?.ndcg ?? 0).toFixed(2)),
      ]);
    }
    process.stdout.write(`\nnDCG@10 per query\n${pad(perRows)}\n`);
  }
  if (values.out) {
    const perQuery = queries.map((q) => ({
      id: q.id,
      query: q.query,
      scores: Object.fromEntries(systems.map((s) => [s.name, s.perQuery.get(q.id)])),
      rankings: Object.fromEntries(rankings.get(q.id) ?? []),
    }));
    const byClass = Object.fromEntries(
      systems.map((s) => [s.name, scoresByClass(queries, s.perQuery)]),
    );
    writeFileSync(values.out, `${JSON.stringify({ summaries, byClass, perQuery }, null, 2)}\n`);
  }
}

await main();
