/**
 * A/B of answers between two versions of the code: `dump` writes every answer the bench's
 * questions, /deadlines and /news latest give over one corpus (ids, scores, totals, alternatives,
 * suggestions, from a fresh build and from the snapshot it saved); `compare` lists what differs
 * between two dumps. Used to check that a refactor of the index changes no answer:
 *
 *   node bin/run-ts.js bench/ab.ts dump --size 10000 --out /tmp/new.json
 *   (in a checkout of the other version)  node bin/run-ts.js bench/ab.ts dump --size 10000 --out /tmp/old.json
 *   node bin/run-ts.js bench/ab.ts compare /tmp/old.json /tmp/new.json
 *
 * It uses only the entry points every version has (buildIndex, saveSnapshot, loadSnapshot,
 * answerSearch, listDeadlines, latestArticles), so it can be copied into an older checkout.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { loadSnapshot, saveSnapshot } from "../src/index/snapshot.ts";
import { answerSearch, latestArticles, type SearchAnswer } from "../src/query/answer.ts";
import { listDeadlines } from "../src/query/deadlines.ts";
import { prepareCorpus } from "./corpus.ts";
import { BENCH_AS_OF, BENCH_QUERIES } from "./queries.ts";

const REGIONS = [null, "서울", "경기", "부산", "고양", "전남"];
const CATEGORIES = [null, "startup", "trade", "training", "subsidy"];
const DAYS = [7, 30, 365];
const LATE_AS_OF = "2030-01-01";

type Answers = Record<string, unknown>;

function search(answer: SearchAnswer): unknown {
  return {
    total: answer.total,
    hits: answer.hits.map((h) => [h.article.id, h.score, h.event?.start ?? null]),
    alternatives: answer.alternatives.map((a) => ({
      relaxed: a.relaxed,
      total: a.total,
      hits: a.hits.map((h) => [h.article.id, h.score]),
    })),
    suggestions: answer.suggestions,
  };
}

async function answers(index: SearchIndex): Promise<Answers> {
  const out: Answers = {};
  for (const { text } of BENCH_QUERIES)
    out[`search ${text}`] = search(await answerSearch(index, { query: text, asOf: BENCH_AS_OF }));
  // As of a day after every article: nothing is hidden, so plain searches take the unfiltered path.
  for (const { text } of BENCH_QUERIES)
    out[`search ${LATE_AS_OF} ${text}`] = search(
      await answerSearch(index, { query: text, asOf: LATE_AS_OF }),
    );
  // Autocomplete: each question as typed, and with its last character still to come.
  for (const { text } of BENCH_QUERIES)
    out[`suggest ${text}`] = [index.suggest(text, 10), index.suggest(text.slice(0, -1), 10)];
  for (const region of REGIONS) {
    for (const category of CATEGORIES) {
      for (const days of DAYS) {
        const d = await listDeadlines(index, { asOf: BENCH_AS_OF, days, region, category });
        out[`deadlines ${region} ${category} ${days}`] = {
          deadlines: d.deadlines.map((i) => [i.article.id, i.end, i.dday]),
          events: d.events.map((e) => [e.article.id, e.event.start, e.event.kind]),
          open: d.open.map((a) => a.id),
        };
      }
      const latest = await latestArticles(index, { asOf: BENCH_AS_OF, region, category });
      out[`latest ${region} ${category}`] = latest.map((h) => h.article.id);
    }
  }
  return out;
}

async function dump(size: number, out: string): Promise<void> {
  const corpus = await prepareCorpus(size);
  const built = await buildIndex([corpus.dir]);
  const fromBuild = await answers(built);
  const snapshot = join(tmpdir(), `jiwon-ab-${process.pid}.bin`);
  saveSnapshot(built, snapshot);
  const fromSnapshot = await answers(loadSnapshot(snapshot, null));
  rmSync(snapshot, { force: true });
  writeFileSync(out, JSON.stringify({ size, build: fromBuild, snapshot: fromSnapshot }));
  process.stdout.write(`${Object.keys(fromBuild).length} answers × 2 written to ${out}\n`);
}

function compare(a: string, b: string): number {
  const left = JSON.parse(readFileSync(a, "utf8"));
  const right = JSON.parse(readFileSync(b, "utf8"));
  let compared = 0;
  let differ = 0;
  for (const side of ["build", "snapshot"] as const) {
    for (const [key, value] of Object.entries(left[side] as Answers)) {
      compared++;
      const other = (right[side] as Answers)[key];
      const x = JSON.stringify(value);
      const y = JSON.stringify(other);
      if (x === y) continue;
      differ++;
      let at = 0;
      while (at < x.length && x[at] === y?.[at]) at++;
      process.stdout.write(
        `${side} ${key}\n  a: …${x.slice(Math.max(0, at - 60), at + 100)}\n  b: …${(y ?? "(missing)").slice(Math.max(0, at - 60), at + 100)}\n`,
      );
    }
  }
  process.stdout.write(`${compared} answers compared, ${differ} differ\n`);
  return differ === 0 ? 0 : 1;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { size: { type: "string", default: "10000" }, out: { type: "string" } },
});
if (positionals[0] === "dump") {
  if (!values.out) throw new Error("dump needs --out");
  await dump(Number(values.size), values.out);
} else if (positionals[0] === "compare" && positionals[1] && positionals[2]) {
  process.exitCode = compare(positionals[1], positionals[2]);
} else {
  throw new Error("usage: ab.ts dump --size N --out FILE | ab.ts compare A B");
}
