/**
 * A start checks a snapshot's sources by stat first (path, size, mtime, inode) and reads their
 * content only when the stamps differ, so an unchanged data set is never read just to be hashed.
 */
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIndex } from "../src/index/build.ts";
import { loadOrBuildIndex, saveSnapshot, snapshotPathFor } from "../src/index/snapshot.ts";
import { stampSources } from "../src/ingest/sources.ts";

const record = (id: string, body: string) =>
  JSON.stringify({ id, title: `${id} 공고`, body, publishedAt: "2025-04-01" });

/** A data directory of one JSONL file, last changed `ageMs` ago. */
function dataDir(lines: string[], ageMs: number): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "jiwon-stamp-"));
  const file = join(dir, "news.jsonl");
  writeFileSync(file, `${lines.join("\n")}\n`);
  age(file, ageMs);
  return { dir, file };
}

function age(file: string, ageMs: number): void {
  const when = new Date(Date.now() - ageMs);
  utimesSync(file, when, when);
}

/**
 * Rewrites the file with other text of the same length and puts its old times back, then expects
 * the start to serve the snapshot's text: only a start that never read the file does.
 */
async function expectServedUnread(dir: string, file: string, snapshotDir: string): Promise<void> {
  const before = statSync(file);
  writeFileSync(file, `${record("a", "평택시 관세 지원 간담회")}\n`);
  utimesSync(file, before.atime, before.mtime);
  const served = await loadOrBuildIndex([dir], { snapshotDir });
  expect(served.origin).toBe("snapshot");
  expect(served.index.get("a")?.body).toContain("설명회");
}

describe("a snapshot's sources, checked by stat first", () => {
  it("stamps change with a file's time or size, and are withheld for a file changed just now", () => {
    const { file } = dataDir([record("a", "평택시 관세 지원 설명회")], 60_000);
    const stamp = stampSources([file]);
    expect(stamp).toMatch(/^[0-9a-f]{64}$/);
    expect(stampSources([file])).toBe(stamp);
    age(file, 120_000);
    expect(stampSources([file])).not.toBe(stamp);
    writeFileSync(file, `${readFileSync(file, "utf8")}${record("b", "고양시 창업 교육")}\n`);
    expect(stampSources([file])).toBeNull();
    age(file, 120_000);
    expect(stampSources([file])).not.toBeNull();
    expect(stampSources([file])).not.toBe(stamp);
  });

  it("reuses the snapshot for unchanged or merely touched sources and rebuilds for new text", async () => {
    const { dir, file } = dataDir(
      [record("a", "평택시 관세 지원 설명회"), record("b", "고양시 창업 교육 모집")],
      60_000,
    );
    const snapshotDir = mkdtempSync(join(tmpdir(), "jiwon-stamp-snap-"));
    expect((await loadOrBuildIndex([dir], { snapshotDir })).origin).toBe("build");
    expect((await loadOrBuildIndex([dir], { snapshotDir })).origin).toBe("snapshot");
    // Touched (a copy, a checkout): the stamp differs, the content hash does not.
    age(file, 30_000);
    expect((await loadOrBuildIndex([dir], { snapshotDir })).origin).toBe("snapshot");
    // New text, just written: the stamp is withheld and the content hash differs.
    writeFileSync(file, `${record("c", "부산 수출 바우처 공고")}\n`);
    const changed = await loadOrBuildIndex([dir], { snapshotDir });
    expect(changed.origin).toBe("build");
    expect(changed.index.get("c")?.title).toBe("c 공고");
    expect(changed.index.get("a")).toBeUndefined();
  });

  it("lets a start check by stat the sources of a snapshot saved after any build (jiwon index, /reindex)", async () => {
    const { dir, file } = dataDir([record("a", "평택시 관세 지원 설명회")], 60_000);
    const snapshotDir = mkdtempSync(join(tmpdir(), "jiwon-stamp-snap-"));
    // Built and saved as `jiwon index` and the reindex worker do: no stamp handed over.
    const built = await buildIndex([dir]);
    expect(built.meta.sourceStamp).toBe(stampSources([file]));
    saveSnapshot(built, snapshotPathFor([dir], snapshotDir));
    // Served without reading the file: a content check would have seen the new text and rebuilt.
    await expectServedUnread(dir, file, snapshotDir);
  });

  it("does not read the sources when their stamps match (a same-size edit with its time put back goes unseen, as with make or git)", async () => {
    const { dir, file } = dataDir([record("a", "평택시 관세 지원 설명회")], 60_000);
    const snapshotDir = mkdtempSync(join(tmpdir(), "jiwon-stamp-snap-"));
    expect((await loadOrBuildIndex([dir], { snapshotDir })).origin).toBe("build");
    await expectServedUnread(dir, file, snapshotDir);
  });
});
