/** Small throwaway data directories of JSONL articles for bot tests. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestArticle {
  id?: string;
  title?: string;
  /** Optional so that a test can write a record the ingest must skip. */
  body?: string;
  url?: string;
  publishedAt?: string;
  source?: string;
}

export function makeDataDir(files: Record<string, TestArticle[] | string>): {
  dir: string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), "jiwon-data-"));
  writeData(dir, files);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes (or overwrites) files: article lists as JSONL, strings verbatim. */
export function writeData(dir: string, files: Record<string, TestArticle[] | string>): void {
  for (const [name, content] of Object.entries(files)) {
    const text =
      typeof content === "string"
        ? content
        : `${content.map((a) => JSON.stringify(a)).join("\n")}\n`;
    writeFileSync(join(dir, name), text);
  }
}
