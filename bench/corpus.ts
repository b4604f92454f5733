/**
 * Benchmark corpora of any size from the real records in ../shared/corpus.
 *
 * The real records come first, as the project's own ingestion reads them (validation, NFC,
 * deduplication), so their ids are the ids the judged set uses. When a size is smaller than the
 * real set, a fixed-seed sample of it is taken (kept in ingestion order). Above it, synthetic
 * articles are recombined from real sentences (split with the project's `splitSentences`) by a
 * fixed-seed PRNG: each synthetic article borrows a real "donor" for its length, its source file
 * (sentences, title halves and dates come from the same file, so a 기업마당 one-liner stays a
 * one-liner and a 20,000-character 공고문 stays one), its source and its date (± 90 days). The
 * length distribution is therefore the real one. Nothing here is ever written into the repository:
 * corpora go to os.tmpdir() and are read back through the project's real ingestion path.
 */
import { createHash } from "node:crypto";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { splitSentences } from "../src/analysis/sentences.ts";
import { ingestSources, resolveSourceFiles } from "../src/ingest/sources.ts";
import type { Article } from "../src/types.ts";

/** The shared corpus, resolved from this file (../shared/corpus next to the repository). */
export const CORPUS_DIR = fileURLToPath(new URL("../../shared/corpus/", import.meta.url));
/** The shipped seed articles (index-data/), part of the judged set and of the smoke test. */
export const SEED_DIR = fileURLToPath(new URL("../index-data/", import.meta.url));

export const DEFAULT_SEED = 0x6a69776f; // "jiwo"
/** Bump when the generator changes: cached corpora of another version are regenerated. */
const GENERATOR_VERSION = 1;
const DATE_JITTER_DAYS = 90;

/** One line of a corpus file: exactly the keys of ../shared/corpus records. */
export interface CorpusRecord {
  id: string;
  url: string | null;
  title: string | null;
  publishedAt: string | null;
  source: string | null;
  body: string;
}

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; the same seed gives the same stream. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/** The real articles as the project ingests them (deduplicated, normalised). */
export function loadRealArticles(dirs: string[] = [CORPUS_DIR]): Article[] {
  return ingestSources(dirs).articles;
}

function toRecord(article: Article): CorpusRecord {
  return {
    id: article.id,
    url: article.url,
    title: article.title,
    publishedAt: article.publishedAt,
    source: article.source,
    body: article.body,
  };
}

interface Group {
  sentences: string[];
  titles: string[][];
  /** Join sentences with a newline (line-structured notices) or a space (press prose). */
  separator: string;
}

function groupsOf(real: readonly Article[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  const newlines = new Map<string, { withNewline: number; total: number }>();
  for (const article of real) {
    const key = article.origin.file;
    let group = groups.get(key);
    if (!group) {
      group = { sentences: [], titles: [], separator: " " };
      groups.set(key, group);
    }
    for (const sentence of splitSentences(article.body)) group.sentences.push(sentence.text);
    const title = article.title ?? splitSentences(article.body)[0]?.text ?? "";
    group.titles.push(title.split(" ").filter((w) => w.length > 0));
    const count = newlines.get(key) ?? { withNewline: 0, total: 0 };
    count.total++;
    if (article.body.includes("\n")) count.withNewline++;
    newlines.set(key, count);
  }
  for (const [key, group] of groups) {
    const count = newlines.get(key);
    if (count && count.withNewline * 2 >= count.total) group.separator = "\n";
  }
  return groups;
}

function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** First half of one real title, second half of another from the same file. */
function syntheticTitle(rng: () => number, group: Group): string {
  const a = pick(rng, group.titles);
  const b = pick(rng, group.titles);
  const head = a.slice(0, Math.max(1, Math.ceil(a.length / 2)));
  const tail = b.slice(Math.floor(b.length / 2));
  return [...head, ...tail].join(" ").trim() || "제목 없음";
}

/** Real sentences of the donor's file, drawn until the donor's length is reached (closest fit). */
function syntheticBody(rng: () => number, group: Group, target: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let guard = 0; guard < 100_000; guard++) {
    const sentence = pick(rng, group.sentences);
    const added = sentence.length + (parts.length > 0 ? group.separator.length : 0);
    if (parts.length > 0 && Math.abs(length + added - target) > Math.abs(length - target)) break;
    parts.push(sentence);
    length += added;
    if (length >= target) break;
  }
  return parts.join(group.separator);
}

function fingerprint(body: string): string {
  return body.replace(/\s+/g, " ").trim();
}

/**
 * `size` records: the real articles (or a seeded sample of them), then synthetic ones. The same
 * inputs and seed always give the same records, and a larger corpus starts with the synthetic
 * articles of a smaller one (the synthetic stream does not depend on the size).
 */
export function generateCorpus(
  size: number,
  options: { real?: readonly Article[]; seed?: number } = {},
): CorpusRecord[] {
  const real = options.real ?? loadRealArticles();
  const seed = options.seed ?? DEFAULT_SEED;
  if (real.length === 0) throw new Error("no real articles to build a corpus from");
  if (size <= real.length) {
    // A seeded sample keeps every source file represented at small sizes.
    const rng = mulberry32(seed ^ 0x5a5a5a5a);
    const order = real.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const chosen = order.slice(0, size).sort((a, b) => a - b);
    return chosen.map((i) => toRecord(real[i] as Article));
  }

  const records = real.map(toRecord);
  const seen = new Set(records.map((r) => fingerprint(r.body)));
  const groups = groupsOf(real);
  const rng = mulberry32(seed);
  let serial = 0;
  while (records.length < size) {
    const donor = pick(rng, real);
    const group = groups.get(donor.origin.file) as Group;
    const title = syntheticTitle(rng, group);
    const body = syntheticBody(rng, group, donor.body.length);
    const jitter = Math.floor(rng() * (2 * DATE_JITTER_DAYS + 1)) - DATE_JITTER_DAYS;
    serial++;
    const print = fingerprint(body);
    if (seen.has(print)) continue; // ingestion would drop it as a duplicate
    seen.add(print);
    records.push({
      id: `syn-${String(serial).padStart(7, "0")}`,
      url: null,
      title,
      publishedAt: donor.publishedAt ? shiftDate(donor.publishedAt, jitter) : null,
      source: donor.source,
      body,
    });
  }
  return records;
}

export function averageChars(records: readonly { body: string }[]): number {
  if (records.length === 0) return 0;
  let total = 0;
  for (const r of records) total += r.body.length;
  return total / records.length;
}

export interface PreparedCorpus {
  size: number;
  /** Directory holding `articles.jsonl`: what `--data` and `ingestSources` are given. */
  dir: string;
  file: string;
  avgChars: number;
  realCount: number;
  bytes: number;
}

/** A hash of the shared corpus files (names, sizes, mtimes): a changed corpus regenerates. */
function corpusStamp(): string {
  const hash = createHash("sha256");
  for (const file of resolveSourceFiles([CORPUS_DIR]).files) {
    const stat = statSync(file);
    hash.update(`${file}\u0000${stat.size}\u0000${stat.mtimeMs}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * Writes (or reuses) the corpus of `size` articles as JSONL under os.tmpdir()/jiwon-bench, so the
 * project's ingestion of files is what the bench measures.
 */
export async function prepareCorpus(
  size: number,
  options: { seed?: number; root?: string; real?: readonly Article[] } = {},
): Promise<PreparedCorpus> {
  const seed = options.seed ?? DEFAULT_SEED;
  const stamp = corpusStamp();
  const dir = join(
    options.root ?? join(tmpdir(), "jiwon-bench"),
    `corpus-${size}-${seed.toString(16)}`,
  );
  const file = join(dir, "articles.jsonl");
  const manifestPath = join(dir, "manifest.json");
  const want = { version: GENERATOR_VERSION, size, seed, stamp };
  if (existsSync(manifestPath) && existsSync(file)) {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as typeof want &
      Omit<PreparedCorpus, "dir" | "file">;
    if (
      manifest.version === want.version &&
      manifest.size === size &&
      manifest.seed === seed &&
      manifest.stamp === stamp
    ) {
      return {
        size,
        dir,
        file,
        avgChars: manifest.avgChars,
        realCount: manifest.realCount,
        bytes: manifest.bytes,
      };
    }
  }
  const real = options.real ?? loadRealArticles();
  const records = generateCorpus(size, { real, seed });
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(file);
  let bytes = 0;
  for (const record of records) {
    const line = `${JSON.stringify(record)}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  out.end();
  await finished(out);
  const prepared = {
    size,
    avgChars: averageChars(records),
    realCount: Math.min(size, real.length),
    bytes,
  };
  writeFileSync(manifestPath, JSON.stringify({ ...want, ...prepared }));
  return { ...prepared, dir, file };
}
