import { createHash, type Hash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import type { Article } from "../types.ts";
import { segmentDump } from "./dump.ts";
import { parseJsonl } from "./jsonl.ts";
import { bodyFingerprintHash, bodyFingerprintText } from "./normalize.ts";
import { type RawRecord, validateRecord } from "./record.ts";
import type { IngestIssue, IngestReport, IngestResult } from "./report.ts";
import { readSidecar, sidecarPathFor } from "./sidecar.ts";

const SOURCE_EXTENSIONS = new Set([".txt", ".jsonl"]);

/** A readable name for reports: relative to the working directory when that is shorter. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.length < path.length ? rel : path;
}

/**
 * Expands `--data` arguments into source files: a file is taken as given, a directory
 * contributes its `*.txt` and `*.jsonl` (not recursively, sorted for a stable order).
 */
export function resolveSourceFiles(paths: string[]): { files: string[]; issues: IngestIssue[] } {
  const files: string[] = [];
  const issues: IngestIssue[] = [];
  for (const given of paths) {
    const path = resolve(given);
    try {
      if (statSync(path).isDirectory()) {
        const names = readdirSync(path)
          .filter((n) => SOURCE_EXTENSIONS.has(extname(n).toLowerCase()))
          .sort();
        files.push(...names.map((n) => join(path, n)));
      } else {
        files.push(path);
      }
    } catch (error) {
      issues.push({
        file: displayPath(path),
        line: 0,
        reason: `unreadable source: ${(error as Error).message}`,
      });
    }
  }
  return { files: [...new Set(files)], issues };
}

type FileContent = { ok: true; bytes: Buffer } | { ok: false; error: Error };

function readContent(path: string): FileContent {
  try {
    return { ok: true, bytes: readFileSync(path) };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

/** Adds one source (and its sidecar) to a content hash; a missing file counts as such. */
function hashFile(hash: Hash, file: string, content: FileContent): void {
  hash.update(file);
  try {
    if (!content.ok) throw content.error;
    hash.update(content.bytes);
    if (extname(file).toLowerCase() === ".txt") hash.update(readFileSync(sidecarPathFor(file)));
  } catch {
    hash.update("\u0000missing");
  }
}

/**
 * Records kept outside the data files: the fetched-article store. They are ingested after the
 * files, through the same validation and deduplication, and their state joins the source hash.
 */
export interface ExtraRecords {
  /** Listed in the report's files (`store:state/jiwon.sqlite`) and part of the snapshot's key. */
  label: string;
  /** Names the current contents without reading them (snapshot check). */
  key(): string;
  /** Every record, with the key of exactly what was read. */
  read(): { key: string; records: RawRecord[] };
}

function hashExtra(hash: Hash, label: string, key: string): void {
  hash.update(`\u0000${label}\u0000${key}`);
}

/**
 * A cheap stand-in for hashSources: every source file's and sidecar's path, size, modification
 * time and inode, read with stat alone, plus the extra records' key (a start at 100,000 articles
 * otherwise reads and hashes every byte of the sources just to learn that nothing changed). Null
 * when a file changed in the last few seconds: a second write within the file system's timestamp
 * tick could then go unseen (git's "racy" index entries), so such a set is checked by content.
 */
export function stampSources(
  files: string[],
  extra?: ExtraRecords,
  now = Date.now(),
): string | null {
  const hash = createHash("sha256");
  const add = (path: string): boolean => {
    hash.update(`${path}\u0000`);
    try {
      const stat = statSync(path, { bigint: true });
      if (now - Number(stat.mtimeMs) < RECENT_CHANGE_MS) return false;
      hash.update(`${stat.size}\u0000${stat.mtimeNs}\u0000${stat.ino}\n`);
    } catch {
      hash.update("missing\n");
    }
    return true;
  };
  for (const file of files) {
    if (!add(file)) return null;
    if (extname(file).toLowerCase() === ".txt" && !add(sidecarPathFor(file))) return null;
  }
  if (extra) hashExtra(hash, extra.label, extra.key());
  return hash.digest("hex");
}

/** How long ago a file must have last changed for its stat to vouch for its content. */
const RECENT_CHANGE_MS = 5_000;

/** Content hash of every source file and sidecar: the snapshot is reused while it is unchanged. */
export function hashSources(files: string[], extra?: ExtraRecords): string {
  const hash = createHash("sha256");
  for (const file of files) hashFile(hash, file, readContent(file));
  if (extra) hashExtra(hash, extra.label, extra.key());
  return hash.digest("hex");
}

const DECODER = new TextDecoder("utf-8", { fatal: false });

function recordsOfFile(path: string, content: FileContent, report: IngestReport): RawRecord[] {
  const issues = report.skipped;
  const file = displayPath(path);
  if (!content.ok) {
    issues.push({ file, line: 0, reason: `unreadable file: ${content.error.message}` });
    return [];
  }
  const text = DECODER.decode(content.bytes);
  const ext = extname(path).toLowerCase();
  if (ext === ".jsonl") {
    const records: RawRecord[] = [];
    for (const line of parseJsonl(text, file)) {
      if (line.ok) records.push(line.record);
      else issues.push({ file, line: line.line, reason: line.reason });
    }
    return records;
  }
  if (ext === ".txt") {
    const { sidecar, problem, droppedUrl } = readSidecar(path);
    if (problem) issues.push({ file, line: 0, reason: problem });
    if (droppedUrl) {
      report.droppedUrls.push({
        file: displayPath(sidecarPathFor(path)),
        line: 0,
        reason: `URL dropped, the dump's articles have no link: ${droppedUrl}`,
      });
    }
    return segmentDump(text, file, sidecar);
  }
  issues.push({
    file,
    line: 0,
    reason: `unsupported file type ${ext || "(none)"}: expected .txt or .jsonl`,
  });
  return [];
}

/** How a title or body start is quoted in a report: one line, at most 40 characters. */
function quoted(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  const chars = [...line];
  return `“${chars.length > 40 ? `${chars.slice(0, 40).join("").trimEnd()}…` : line}”`;
}

/**
 * The issue for `article`, dropped for `earlier`. The same id on a different body is not a
 * repeat but a conflict (a source reusing its keys, two sources sharing an id scheme): the issue
 * names the article that was lost, and is marked `lost` so that `jiwon index` prints it.
 */
function duplicateIssue(article: Article, earlier: Article): IngestIssue {
  const where = `${earlier.origin.file}:${earlier.origin.line}`;
  if (earlier.id === article.id) {
    if (bodyFingerprintText(earlier.body) === bodyFingerprintText(article.body)) {
      return { ...article.origin, reason: `duplicate id ${article.id} of ${where}` };
    }
    const name = quoted(article.title ?? article.body);
    return {
      ...article.origin,
      reason: `id ${article.id} already used by ${where} for a different article; dropped ${name}`,
      lost: true,
    };
  }
  const what = article.urlIsArticle && article.url && earlier.url === article.url ? "url" : "body";
  return { ...article.origin, reason: `duplicate ${what} of ${where}` };
}

/** Drops repeats: the same id, the same article url, or the same normalised body. First one wins. */
function deduplicate(articles: Article[], duplicates: IngestIssue[]): Article[] {
  const seenIds = new Map<string, Article>();
  const seenUrls = new Map<string, Article>();
  // Bodies by the hash of their fingerprint text; a hash match is confirmed on the texts.
  const seenBodies = new Map<number, Article[]>();
  const sameBody = (hash: number, body: string) =>
    seenBodies
      .get(hash)
      ?.find((other) => bodyFingerprintText(other.body) === bodyFingerprintText(body));
  const kept: Article[] = [];
  for (const article of articles) {
    const hash = bodyFingerprintHash(article.body);
    const earlier =
      seenIds.get(article.id) ??
      (article.urlIsArticle && article.url ? seenUrls.get(article.url) : undefined) ??
      sameBody(hash, article.body);
    if (earlier) {
      duplicates.push(duplicateIssue(article, earlier));
      continue;
    }
    seenIds.set(article.id, article);
    if (article.urlIsArticle && article.url) seenUrls.set(article.url, article);
    const sameHash = seenBodies.get(hash);
    if (sameHash) sameHash.push(article);
    else seenBodies.set(hash, [article]);
    kept.push(article);
  }
  return kept;
}

function validate(records: RawRecord[], report: IngestReport, valid: Article[]): void {
  for (const record of records) {
    const outcome = validateRecord(record);
    if (!outcome.ok) {
      report.skipped.push({ ...record.origin, reason: outcome.reason });
      continue;
    }
    if (outcome.droppedUrl !== null) {
      report.droppedUrls.push({
        ...record.origin,
        reason: `URL dropped, article kept without a link: ${outcome.droppedUrl}`,
      });
    }
    if (outcome.repairedNfd) {
      report.repaired.push({
        ...record.origin,
        reason: "decomposed (NFD) Hangul recomposed to NFC",
      });
    }
    valid.push(outcome.article);
  }
}

/**
 * Reads every source (the files, then the extra records when given), validates, normalises and
 * deduplicates. Never throws for bad input.
 */
export function ingestSources(
  paths: string[],
  extra?: ExtraRecords,
): IngestResult & { sourceHash: string; sourceStamp: string | null } {
  const { files, issues } = resolveSourceFiles(paths);
  // Taken before the files are read: a file changed meanwhile no longer matches it.
  const sourceStamp = stampSources(files, extra);
  const report: IngestReport = {
    files: [...files.map(displayPath), ...(extra ? [extra.label] : [])],
    read: 0,
    skipped: issues,
    repaired: [],
    duplicates: [],
    droppedUrls: [],
  };
  const valid: Article[] = [];
  // Each source is read once, for its records and for the hash the snapshot is keyed by.
  const hash = createHash("sha256");
  for (const path of files) {
    const content = readContent(path);
    hashFile(hash, path, content);
    validate(recordsOfFile(path, content, report), report, valid);
  }
  // Reports read in file order, then line order, whichever stage found the problem.
  const fileOrder = new Map(report.files.map((f, i) => [f, i]));
  report.skipped.sort(
    (a, b) => (fileOrder.get(a.file) ?? -1) - (fileOrder.get(b.file) ?? -1) || a.line - b.line,
  );
  // The extra records come last, in their own order.
  if (extra) {
    const { key, records } = extra.read();
    hashExtra(hash, extra.label, key);
    validate(records, report, valid);
  }
  report.read = valid.length;
  const articles = deduplicate(valid, report.duplicates);
  return { articles, report, sourceHash: hash.digest("hex"), sourceStamp };
}
