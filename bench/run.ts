/**
 * `npm run bench [-- --sizes 1000,10000] [--out file.json]`: speed and memory of jiwon's search
 * against MiniSearch (default tokenizer), Orama (default tokenizer), SQLite FTS5 (trigram
 * tokenizer, on disk) and a substring scan, on
 * corpora of 1,000 / 10,000 / 100,000 articles built from ../shared/corpus (see corpus.ts).
 *
 * Every engine runs in its own child process per size (bench/worker.ts, with --expose-gc), so the
 * heap and RSS figures are that engine's alone. The offline console is measured end to end by
 * spawning `node bin/jiwon.js console` on the same corpus (the console takes its data from
 * JIWON_DATA_DIRS; it has no --data option). Prints one table per size and writes
 * the figures to --out in the shape the issue asks for; a `.detail.json` beside it keeps the
 * breakdowns (ingest / analyse / engines, slowest queries, cold console start, failures).
 */
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { snapshotPathFor } from "../src/index/snapshot.ts";
import { type BotStart, measureBotStart } from "./bot-start.ts";
import { generateCorpus, type PreparedCorpus, prepareCorpus } from "./corpus.ts";
import { BENCH_AS_OF, BENCH_QUERIES } from "./queries.ts";
import { MB, type Percentiles, round } from "./stats.ts";
import type {
  Fts5Figures,
  Fts5OpenFigures,
  JiwonFigures,
  LoadFigures,
  PeerFigures,
} from "./worker.ts";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const CONSOLE_QUERY = "/news search 관세";

// ---- the --out shape -------------------------------------------------------------------------

export interface PeerResult {
  buildMs: number | null;
  heapMb: number | null;
  queryMs: Percentiles | null;
}

/** A process's memory, after two forced collections: JS heap, outside it (array buffers), RSS. */
export interface MemoryResult {
  heapMb: number | null;
  externalMb: number | null;
  rssMb: number | null;
}

export interface SizeResult extends MemoryResult {
  articles: number;
  avgChars: number;
  /** UTF-8 bytes of the indexed text (every article's title and body). */
  textBytes: number | null;
  buildMs: number | null;
  tokenizeMs: number | null;
  /** heapMb, externalMb and rssMb above are the building process's; this is a serving one's. */
  serving: MemoryResult & { articles: number | null };
  /** Making that many new articles searchable in the built index (withArticles). */
  incremental: { articles: number; ms: number } | null;
  snapshotBytes: number | null;
  snapshotLoadMs: number | null;
  /** Over every pass of the query set; p99Runs: each pass's own p99. */
  queryMs: (Percentiles & { p99Runs: number[] }) | null;
  consoleMs: number | null;
  /** The bot (`start` with a token, loopback Discord): process start → first answer. */
  botMs: number | null;
  peers: {
    minisearch: PeerResult;
    orama: PeerResult;
    scan: { queryMs: Percentiles | null };
    fts5: PeerResult & { dbBytes: number | null; openMs: number | null };
  };
}

export interface BenchResult {
  machine: string;
  node: string;
  sizes: SizeResult[];
}

interface SizeDetail {
  articles: number;
  corpus: Omit<PreparedCorpus, "dir" | "file"> & { dir: string };
  jiwon: JiwonFigures | null;
  load: LoadFigures | null;
  peers: Partial<Record<"minisearch" | "orama" | "scan", PeerFigures | null>> & {
    fts5?: Fts5Figures | null;
    fts5Open?: Fts5OpenFigures | null;
  };
  console: {
    warmMs: number | null;
    coldMs: number | null;
    exitCode: number | null;
    outputSample: string;
  };
  bot: BotStart | null;
  failures: string[];
}

// ---- child processes -------------------------------------------------------------------------

interface ChildOutcome {
  code: number | null;
  signal: string | null;
  ms: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runChild(
  args: string[],
  options: {
    input?: string;
    timeoutMs: number;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    echo?: boolean;
  },
): Promise<ChildOutcome> {
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: options.cwd ?? REPO,
      env: options.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (options.echo) process.stderr.write(chunk);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, ms: performance.now() - started, stdout, stderr, timedOut });
    });
    child.stdin.end(options.input ?? "");
  });
}

interface WorkerOptions {
  maxOldSpaceMb: number;
  timeoutMs: number;
  profileDir: string | null;
  scratch: string;
  /** The frozen copy of the code every child runs (see codeSandbox). */
  sandbox: string;
}

async function runWorker<T>(
  mode: string,
  args: string[],
  label: string,
  options: WorkerOptions,
  failures: string[],
): Promise<T | null> {
  const result = join(options.scratch, `${label}.json`);
  rmSync(result, { force: true });
  const nodeFlags = ["--expose-gc", `--max-old-space-size=${options.maxOldSpaceMb}`];
  if (options.profileDir)
    nodeFlags.push(
      "--cpu-prof",
      `--cpu-prof-dir=${options.profileDir}`,
      `--cpu-prof-name=${label}.cpuprofile`,
    );
  process.stderr.write(`· ${label}\n`);
  const runTs = join(options.sandbox, "bin", "run-ts.js");
  const worker = join(options.sandbox, "bench", "worker.ts");
  const outcome = await runChild([...nodeFlags, runTs, worker, mode, ...args, "--result", result], {
    timeoutMs: options.timeoutMs,
    echo: true,
    cwd: options.sandbox,
  });
  if (outcome.code === 0 && existsSync(result))
    return JSON.parse(readFileSync(result, "utf8")) as T;
  const oom = /heap out of memory|Allocation failed/i.test(outcome.stderr);
  const why = outcome.timedOut
    ? `timed out after ${Math.round(options.timeoutMs / 60_000)} min`
    : oom
      ? `ran out of memory (--max-old-space-size=${options.maxOldSpaceMb})`
      : `exited with ${outcome.code ?? outcome.signal}: ${outcome.stderr.trim().split("\n").slice(-3).join(" | ")}`;
  failures.push(`${label}: ${why} after ${Math.round(outcome.ms / 1000)} s`);
  process.stderr.write(`  ✗ ${label}: ${why}\n`);
  return null;
}

// ---- the offline console end to end ------------------------------------------------------------

/**
 * A frozen copy of the repository (everything but .git, node_modules — linked — and the data and
 * state directories) that every worker and the console run from. Other people edit src/ while a
 * long run goes on; without the copy, the build, the snapshot load and the console could each
 * measure different code (and the snapshot's code fingerprint would reject a save made seconds
 * earlier). The console's snapshot and state land in this copy, never in the repository.
 */
const NOT_COPIED = new Set([".git", "node_modules", "index-data", "state", "coverage", ".env"]);

function codeSandbox(scratch: string): string {
  const root = join(scratch, "code");
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const entry of readdirSync(REPO)) {
    if (NOT_COPIED.has(entry) || entry.startsWith("bench-out")) continue;
    cpSync(join(REPO, entry), join(root, entry), { recursive: true });
  }
  symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"), "dir");
  mkdirSync(join(root, "index-data"));
  mkdirSync(join(root, "state"));
  return root;
}

function consoleEnv(sandbox: string, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("DISCORD_")) delete env[key];
  return {
    ...env,
    JIWON_DATA_DIRS: dataDir,
    JIWON_STATE_DIR: join(sandbox, "state"),
    LOG_LEVEL: "silent",
    NO_COLOR: "1",
  };
}

async function runConsole(
  sandbox: string,
  dataDir: string,
  timeoutMs: number,
  maxOldSpaceMb: number,
  failures: string[],
  label: string,
): Promise<{ ms: number | null; code: number | null; output: string }> {
  const args = [
    `--max-old-space-size=${maxOldSpaceMb}`,
    join(sandbox, "bin", "jiwon.js"),
    "console",
    "--as-of",
    BENCH_AS_OF,
  ];
  const outcome = await runChild(args, {
    input: `${CONSOLE_QUERY}\n`,
    timeoutMs,
    env: consoleEnv(sandbox, dataDir),
    cwd: sandbox,
  });
  const output = `${outcome.stdout}\n${outcome.stderr}`.trim();
  if (outcome.code !== 0 || outcome.timedOut) {
    const why = outcome.timedOut
      ? "timed out (did it exit at end of input?)"
      : `exited with ${outcome.code ?? outcome.signal}`;
    failures.push(
      `console ${label}: ${why}: ${output.split("\n").slice(-3).join(" | ").slice(0, 300)}`,
    );
    return { ms: null, code: outcome.code, output };
  }
  return { ms: round(outcome.ms), code: outcome.code, output };
}

// ---- tables ------------------------------------------------------------------------------------

function fmt(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return "—";
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
        .join("  "),
    )
    .join("\n");
}

export function sizeTable(size: SizeResult, detail: SizeDetail): string {
  const j = detail.jiwon;
  const header = [
    "engine",
    "build ms",
    "engines ms",
    "tokenize ms",
    "heap MB",
    "ext MB",
    "rss MB",
    "snapshot MB",
    "load ms",
    "p50 ms",
    "p95 ms",
    "p99 ms",
  ];
  const q = (p: Percentiles | null | undefined): string[] => [
    fmt(p?.p50, 2),
    fmt(p?.p95, 2),
    fmt(p?.p99, 2),
  ];
  const rows: string[][] = [header];
  rows.push([
    "jiwon (full pipeline)",
    fmt(size.buildMs),
    fmt(j?.enginesMs),
    fmt(size.tokenizeMs),
    fmt(size.heapMb),
    fmt(size.externalMb),
    fmt(size.rssMb),
    size.snapshotBytes === null ? "—" : fmt(size.snapshotBytes / MB, 1),
    fmt(size.snapshotLoadMs),
    ...q(size.queryMs),
  ]);
  for (const name of ["minisearch", "orama", "scan"] as const) {
    const peer = detail.peers[name];
    rows.push([
      name === "scan" ? "substring scan" : `${name} (default)`,
      "",
      fmt(peer?.buildMs),
      "",
      fmt(peer?.heapMb),
      "",
      fmt(peer?.rssMb),
      "",
      "",
      ...q(peer?.queryMs),
    ]);
  }
  const fts5 = detail.peers.fts5;
  // Its database file stands in the snapshot column, its open-and-first-answer in the load column.
  rows.push([
    "sqlite fts5 (trigram)",
    "",
    fmt(fts5?.buildMs),
    "",
    fmt(fts5?.heapMb),
    "",
    fmt(fts5?.rssMb),
    fts5 ? fmt(fts5.dbBytes / MB, 1) : "",
    fmt(detail.peers.fts5Open?.openMs),
    ...q(fts5?.queryMs),
  ]);
  const lines = [
    `\n== ${fmt(size.articles)} articles · avg ${fmt(size.avgChars)} chars · ${BENCH_QUERIES.length} queries as of ${BENCH_AS_OF} ==`,
    table(rows),
  ];
  if (j) {
    lines.push(
      `jiwon build = ingest ${fmt(j.ingestMs)} + analyse ${fmt(j.analyseMs)} + engines ${fmt(j.enginesMs)} ms; ` +
        `build/floor ${fmt(j.buildMs / j.tokenizeMs, 2)}×, engines/floor ${fmt(j.enginesMs / j.tokenizeMs, 2)}×; ` +
        `${j.emptyQueries} of ${BENCH_QUERIES.length} queries empty`,
    );
  }
  const { serving } = size;
  lines.push(
    `serving (snapshot loaded, warmed in ${fmt(detail.load?.warmMs)} ms, query set answered ${detail.load?.queryMs.p99Runs.length ?? 0} + 30 warm-up times): ` +
      `heap ${fmt(serving.heapMb)} MB, external ${fmt(serving.externalMb)} MB, rss ${fmt(serving.rssMb)} MB`,
  );
  if (size.textBytes !== null && size.snapshotBytes !== null)
    lines.push(
      `text ${fmt(size.textBytes / MB, 1)} MB UTF-8; snapshot / text ${fmt(size.snapshotBytes / size.textBytes, 2)}×`,
    );
  if (size.queryMs)
    lines.push(
      `serving p99 of each pass: ${size.queryMs.p99Runs.map((p) => fmt(p, 2)).join(" / ")} ms (p50/p95/p99 in the table)`,
    );
  if (j?.queryMs)
    lines.push(
      `in the building process, right after the build: p50 ${fmt(j.queryMs.p50, 2)} ms, p99 of each pass ${j.queryMs.p99Runs.map((p) => fmt(p, 2)).join(" / ")} ms`,
    );
  if (size.incremental)
    lines.push(
      `incremental: ${fmt(size.incremental.articles)} new articles searchable in ${fmt(size.incremental.ms)} ms`,
    );
  if (size.snapshotLoadMs !== null && size.buildMs !== null) {
    lines.push(`snapshot load / build ${fmt((100 * size.snapshotLoadMs) / size.buildMs, 1)}%`);
  }
  const scan = detail.peers.scan?.queryMs;
  if (scan && size.queryMs)
    lines.push(`scan p50 / jiwon p50 ${fmt(scan.p50 / size.queryMs.p50, 1)}×`);
  const unhidden = detail.load?.unhidden;
  if (unhidden)
    lines.push(
      `serving as of ${unhidden.asOf} (the day after the newest article: nothing hidden, as a bot serving today's data): ` +
        `p50 / p95 / p99 ${fmt(unhidden.queryMs.p50, 2)} / ${fmt(unhidden.queryMs.p95, 2)} / ${fmt(unhidden.queryMs.p99, 2)} ms` +
        (scan ? `, scan p50 / p50 ${fmt(scan.p50 / unhidden.queryMs.p50, 1)}×` : ""),
    );
  const warm = detail.console.warmMs;
  const cold = detail.console.coldMs;
  lines.push(
    `console end to end (${CONSOLE_QUERY}): ` +
      [
        warm === null ? null : `${fmt(warm)} ms with the snapshot`,
        cold === null ? null : `${fmt(cold)} ms cold (no snapshot: full build)`,
      ]
        .filter(Boolean)
        .join(", "),
  );
  if (detail.bot?.answerMs)
    lines.push(
      `bot (start with a token, loopback Discord, with the snapshot): ready in ${fmt(detail.bot.readyMs)} ms, first ${CONSOLE_QUERY} answered at ${fmt(detail.bot.answerMs)} ms`,
    );
  for (const failure of detail.failures) lines.push(`FAILED ${failure}`);
  return lines.join("\n");
}

// ---- main --------------------------------------------------------------------------------------

function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? "unknown CPU"} × ${cpu.length} cores, ${round(totalmem() / 1024 ** 3, 1)} GB RAM, ${process.platform} ${process.arch}`;
}

/** How many new articles the incremental figure makes searchable (issue #11: 100). */
const INCREMENTAL_ARTICLES = 100;

/**
 * A directory of INCREMENTAL_ARTICLES new articles as the fetcher would hand them over: recombined
 * from the real records with another seed than the corpus's, under ids no corpus holds. Written
 * here, where ../shared is at hand (the workers run from a copy of the code elsewhere).
 */
function incrementalArticles(scratch: string): string {
  const dir = join(scratch, "incremental");
  if (existsSync(dir)) return dir;
  const records = generateCorpus(INCREMENTAL_ARTICLES, { seed: 0x6e6577 }).map((record, i) => ({
    ...record,
    id: `incremental-${i}`,
  }));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "new.jsonl"), records.map((r) => JSON.stringify(r)).join("\n"));
  return dir;
}

async function benchSize(
  size: number,
  options: WorkerOptions & { passes: number; consoleCold: boolean; skip: Set<string> },
): Promise<{ result: SizeResult; detail: SizeDetail }> {
  const failures: string[] = [];
  process.stderr.write(`\n# ${size.toLocaleString("en-US")} articles\n`);
  const corpus = await prepareCorpus(size);
  process.stderr.write(
    `· corpus ${corpus.file} (${round(corpus.bytes / MB, 1)} MB, avg ${Math.round(corpus.avgChars)} chars)\n`,
  );
  const sandbox = options.sandbox;
  // The worker saves its snapshot exactly where the console will look for it.
  const snapshot = snapshotPathFor([corpus.dir], join(sandbox, "index-data"));
  const passes = ["--passes", String(options.passes)];

  const jiwon = await runWorker<JiwonFigures>(
    "jiwon",
    [
      "--data",
      corpus.dir,
      "--snapshot",
      snapshot,
      "--incremental",
      incrementalArticles(options.scratch),
      ...passes,
    ],
    `jiwon-${size}`,
    options,
    failures,
  );
  const load = jiwon
    ? await runWorker<LoadFigures>(
        "load",
        ["--snapshot", snapshot, ...passes],
        `load-${size}`,
        options,
        failures,
      )
    : null;
  const peers: SizeDetail["peers"] = {};
  for (const name of ["minisearch", "orama", "scan"] as const) {
    if (options.skip.has(name)) continue;
    peers[name] = await runWorker<PeerFigures>(
      name,
      ["--data", corpus.dir, ...passes],
      `${name}-${size}`,
      options,
      failures,
    );
  }

  if (!options.skip.has("fts5")) {
    const db = join(options.scratch, `fts5-${size}.sqlite`);
    peers.fts5 = await runWorker<Fts5Figures>(
      "fts5",
      ["--data", corpus.dir, "--db", db, ...passes],
      `fts5-${size}`,
      options,
      failures,
    );
    peers.fts5Open = peers.fts5
      ? await runWorker<Fts5OpenFigures>(
          "fts5-open",
          ["--db", db],
          `fts5-open-${size}`,
          options,
          failures,
        )
      : null;
    rmSync(db, { force: true });
  }

  process.stderr.write("· console end to end\n");
  const consoleDetail: SizeDetail["console"] = {
    warmMs: null,
    coldMs: null,
    exitCode: null,
    outputSample: "",
  };
  // Without a snapshot (the worker could not save one) the console's first start is a cold build.
  const hadSnapshot = existsSync(snapshot);
  const first = await runConsole(
    sandbox,
    corpus.dir,
    options.timeoutMs,
    options.maxOldSpaceMb,
    failures,
    hadSnapshot ? "with snapshot" : "cold",
  );
  consoleDetail.exitCode = first.code;
  consoleDetail.outputSample = first.output.slice(0, 600);
  if (hadSnapshot) consoleDetail.warmMs = first.ms;
  else consoleDetail.coldMs = first.ms;
  if (hadSnapshot && options.consoleCold) {
    rmSync(snapshot, { force: true });
    const cold = await runConsole(
      sandbox,
      corpus.dir,
      options.timeoutMs,
      options.maxOldSpaceMb,
      failures,
      "cold",
    );
    consoleDetail.coldMs = cold.ms;
  }
  // The bot second, on the snapshot the console's cold start saved (or the worker's).
  let bot: BotStart | null = null;
  if (!options.skip.has("bot")) {
    process.stderr.write("· bot start to first answer (loopback Discord)\n");
    bot = await measureBotStart(sandbox, consoleEnv(sandbox, corpus.dir), options.timeoutMs);
    if (bot.error) failures.push(`bot: ${bot.error}`);
  }
  const snapshotBytes = jiwon?.snapshotBytes ?? null;
  rmSync(snapshot, { force: true });

  const peerResult = (p: PeerFigures | null | undefined): PeerResult => ({
    buildMs: p?.buildMs ?? null,
    heapMb: p?.heapMb ?? null,
    queryMs: p?.queryMs ?? null,
  });
  const result: SizeResult = {
    articles: jiwon?.articles ?? size,
    avgChars: round(corpus.avgChars),
    buildMs: jiwon?.buildMs ?? null,
    tokenizeMs: jiwon?.tokenizeMs ?? null,
    textBytes: jiwon?.textBytes ?? null,
    heapMb: jiwon?.heapMb ?? null,
    externalMb: jiwon?.externalMb ?? null,
    rssMb: jiwon?.rssMb ?? null,
    serving: {
      articles: load?.articles ?? null,
      heapMb: load?.heapMb ?? null,
      externalMb: load?.externalMb ?? null,
      rssMb: load?.rssMb ?? null,
    },
    incremental: jiwon?.incremental ?? null,
    snapshotBytes,
    snapshotLoadMs: load?.snapshotLoadMs ?? null,
    // Timed where users are answered: the serving process (snapshot loaded, index warmed).
    queryMs: load?.queryMs ?? null,
    consoleMs: consoleDetail.warmMs ?? consoleDetail.coldMs,
    botMs: bot?.answerMs ?? null,
    peers: {
      minisearch: peerResult(peers.minisearch),
      orama: peerResult(peers.orama),
      scan: { queryMs: peers.scan?.queryMs ?? null },
      fts5: {
        ...peerResult(peers.fts5),
        dbBytes: peers.fts5?.dbBytes ?? null,
        openMs: peers.fts5Open?.openMs ?? null,
      },
    },
  };
  const { dir, file: _file, ...corpusFigures } = corpus;
  const detail: SizeDetail = {
    articles: result.articles,
    corpus: { ...corpusFigures, dir },
    jiwon,
    load,
    peers,
    console: consoleDetail,
    bot,
    failures,
  };
  return { result, detail };
}

function parseSizes(text: string): number[] {
  const sizes = text.split(",").map((s) => Number(s.trim().replaceAll("_", "")));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--sizes must be whole numbers, got "${text}"`);
  return sizes;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,10000,100000" },
      out: { type: "string" },
      passes: { type: "string", default: "5" },
      "max-old-space": { type: "string", default: "16384" },
      "timeout-min": { type: "string", default: "60" },
      profile: { type: "string" },
      skip: { type: "string", default: "" },
      "console-cold": { type: "string", default: "10000" },
    },
  });
  const sizes = parseSizes(values.sizes);
  const scratch = mkdtempSync(join(tmpdir(), "jiwon-bench-run-"));
  const sandbox = codeSandbox(scratch);
  process.stderr.write(`code copied to ${sandbox} at ${new Date().toISOString()}\n`);
  const profileDir = values.profile ? resolve(values.profile) : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const bench: BenchResult = { machine: machine(), node: process.version, sizes: [] };
  const details: SizeDetail[] = [];
  const tables: string[] = [];
  const out = values.out ? resolve(values.out) : null;
  const started = performance.now();
  try {
    for (const size of sizes) {
      const { result, detail } = await benchSize(size, {
        maxOldSpaceMb: Number(values["max-old-space"]),
        timeoutMs: Number(values["timeout-min"]) * 60_000,
        profileDir,
        scratch,
        sandbox,
        passes: Number(values.passes),
        consoleCold: size <= Number(values["console-cold"]),
        skip: new Set(values.skip.split(",").filter(Boolean)),
      });
      bench.sizes.push(result);
      details.push(detail);
      const text = sizeTable(result, detail);
      tables.push(text);
      process.stdout.write(`${text}\n`);
      // Written after every size, so a long run that dies at 100k keeps what it measured.
      if (out) {
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, `${JSON.stringify(bench, null, 2)}\n`);
        writeFileSync(
          `${out.replace(/\.json$/, "")}.detail.json`,
          `${JSON.stringify({ ...bench, details }, null, 2)}\n`,
        );
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  process.stdout.write(
    `\nmachine: ${bench.machine}; node ${bench.node}; total ${fmt((performance.now() - started) / 1000)} s\n`,
  );
  if (out)
    process.stdout.write(`wrote ${out} (${statSync(out).size} bytes) and its .detail.json\n`);
}

await main();
