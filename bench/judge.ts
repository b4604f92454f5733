/**
 * The pooling tool used to build bench/judged.json and bench/heldout.json (see JUDGING.md); not
 * part of the bench.
 *
 *   node bin/run-ts.js bench/judge.ts --spec specs.json        # candidates for many queries
 *   node bin/run-ts.js bench/judge.ts --show id1,id2 [--chars 1500]
 *   node bin/run-ts.js bench/judge.ts --help
 *
 * A spec is `[{ "query": "…", "asOf": "YYYY-MM-DD", "grep": ["regex", …] }]`. For each query it
 * pools jiwon's top 20 (full answerSearch path), the top 20 of MiniSearch, Orama and the scan,
 * and every article matching one of the grep patterns (synonyms, spellings, English and Korean
 * forms), then prints each candidate with its title, source, date and the passages around the
 * matches, for a person to read and grade. The jiwon index is cached in os.tmpdir().
 */
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadOrBuildIndex } from "../src/index/snapshot.ts";
import { CORPUS_DIR, SEED_DIR } from "./corpus.ts";
import { evalDocs, jiwonRanking } from "./judged-set.ts";
import { buildPeer, PEER_NAMES } from "./peers.ts";

interface Spec {
  query: string;
  asOf: string;
  grep?: string[];
}

const POOL_DEPTH = 20;

const USAGE = `usage:
  node bin/run-ts.js bench/judge.ts --spec specs.json [--depth 20] [--max-grep 40]
  node bin/run-ts.js bench/judge.ts --show id1,id2 [--chars 1200]

--spec      JSON array of { "query", "asOf": "YYYY-MM-DD", "grep": ["regex", …] }; prints, per
            query, the pooled candidates: jiwon's top --depth (answerSearch as of asOf), the top
            --depth of each peer (MiniSearch, Orama, scan) and the --max-grep strongest matches
            of the patterns (case-insensitive, title matches first), each with its title, source,
            date, application period and the passages around the matches. Tags: J3 = jiwon rank
            3, M/O/S = peers, G = pattern match.
--show      prints the full text (first --chars characters) of the given article ids.
`;

function snippets(text: string, patterns: RegExp[], width: number, max: number): string[] {
  const out: string[] = [];
  for (const pattern of patterns) {
    const re = new RegExp(pattern.source, "giu");
    for (const match of text.matchAll(re)) {
      const at = match.index ?? 0;
      const from = Math.max(0, at - width);
      const to = Math.min(text.length, at + match[0].length + width);
      out.push(`…${text.slice(from, to).replace(/\s+/g, " ")}…`);
      if (out.length >= max) return out;
      break;
    }
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      spec: { type: "string" },
      show: { type: "string" },
      chars: { type: "string", default: "1200" },
      depth: { type: "string", default: String(POOL_DEPTH) },
      "max-grep": { type: "string", default: "40" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const docs = evalDocs();
  const byId = new Map(docs.map((d) => [d.id, d]));
  if (values.show) {
    for (const id of values.show.split(",")) {
      const doc = byId.get(id.trim());
      if (!doc) {
        process.stdout.write(`${id}: not found\n`);
        continue;
      }
      process.stdout.write(
        `\n### ${doc.id} | ${doc.title}\n${doc.body.slice(0, Number(values.chars))}\n`,
      );
    }
    return;
  }
  if (!values.spec) {
    process.stderr.write(USAGE);
    throw new Error("--spec or --show is required");
  }
  const specs = JSON.parse(readFileSync(values.spec, "utf8")) as Spec[];
  const depth = Number(values.depth);
  const { index } = await loadOrBuildIndex([CORPUS_DIR, SEED_DIR], {
    snapshotDir: join(tmpdir(), "jiwon-judge"),
  });
  const peers = [];
  for (const name of PEER_NAMES) peers.push(await buildPeer(name, docs));
  const articles = new Map(index.allArticles().map((a) => [a.id, a]));

  for (const spec of specs) {
    const pool = new Map<string, string[]>();
    const add = (id: string, tag: string) => pool.set(id, [...(pool.get(id) ?? []), tag]);
    const jiwon = await jiwonRanking(index, spec.query, spec.asOf, depth);
    for (const [i, id] of jiwon.entries()) add(id, `J${i + 1}`);
    for (const peer of peers) {
      const ranked = await peer.search(spec.query, depth);
      for (const [i, id] of ranked.entries()) add(id, `${peer.name[0]?.toUpperCase()}${i + 1}`);
    }
    // Every article matching a pattern, strongest first (title matches, then match counts), so
    // boilerplate mentions (관세법 in an eligibility clause) do not crowd out the real ones.
    const patterns = (spec.grep ?? []).map((p) => new RegExp(p, "giu"));
    const count = (text: string) => patterns.reduce((n, p) => n + (text.match(p)?.length ?? 0), 0);
    const grepHits = docs
      .map((doc) => ({ id: doc.id, score: 10 * count(doc.title) + count(doc.body) }))
      .filter((h) => h.score > 0)
      .sort((a, b) => b.score - a.score);
    const grepped = grepHits.length;
    for (const hit of grepHits.slice(0, Number(values["max-grep"]))) add(hit.id, "G");
    const kwic =
      patterns.length > 0
        ? patterns
        : spec.query
            .split(/\s+/)
            .map((w) => new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "iu"));
    process.stdout.write(
      `\n======== ${spec.query} (as of ${spec.asOf}) — ${pool.size} candidates; ${grepped} articles match the patterns\n`,
    );
    for (const [id, tags] of pool) {
      const doc = byId.get(id);
      const article = articles.get(id);
      if (!doc) continue;
      const app = article?.application;
      const deadline = app ? `${app.status}${app.end ? ` ${app.start ?? ""}~${app.end}` : ""}` : "";
      process.stdout.write(
        `[${tags.join(" ")}] ${id} | ${article?.publishedAt ?? "-"} | ${(article?.source ?? "").slice(0, 24)} | ${deadline} | ${doc.title.slice(0, 90)} (${doc.body.length})\n`,
      );
      // The period as the portal listed it, for the time questions (read it, not the extractor).
      const listed = doc.body.match(/신청기간:[^\n]*/u)?.[0];
      if (listed && doc.body.length > 260) process.stdout.write(`      ${listed}\n`);
      if (doc.body.length <= 260) process.stdout.write(`      ${doc.body.replace(/\s+/g, " ")}\n`);
      else for (const s of snippets(doc.body, kwic, 45, 2)) process.stdout.write(`      ${s}\n`);
    }
  }
}

await main();
