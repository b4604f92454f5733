import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, prepareCorpus } from "../bench/corpus.ts";
import { BENCH_QUERIES } from "../bench/queries.ts";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import {
  KEEP_SNAPSHOTS,
  loadOrBuildIndex,
  loadSnapshot,
  saveSnapshot,
  snapshotPathFor,
} from "../src/index/snapshot.ts";
import { sectionExtents } from "../src/index/snapshot-file.ts";
import { everyAnswer } from "./support/answers.ts";

describe.skipIf(!existsSync(CORPUS_DIR))("snapshots of real articles", () => {
  let data: string;
  let built: SearchIndex;
  let snapshotDir: string;
  let path: string;
  let good: Buffer;

  beforeAll(async () => {
    // A sample of the real records (below the corpus's size, prepareCorpus adds nothing made up).
    data = (await prepareCorpus(400, { root: mkdtempSync(join(tmpdir(), "jiwon-snap-data-")) }))
      .dir;
    built = await buildIndex([data]);
    snapshotDir = mkdtempSync(join(tmpdir(), "jiwon-snap-"));
    path = snapshotPathFor([data], snapshotDir);
    saveSnapshot(built, path);
    good = readFileSync(path);
  });

  it("a loaded snapshot gives every answer a fresh build gives", async () => {
    const loaded = loadSnapshot(path, built.meta.sourceHash);
    const queries = BENCH_QUERIES.map((q) => q.text);
    const fresh = await everyAnswer(built, queries);
    expect(fresh.filter((a) => Array.isArray(a) && (a[1] as number) > 0).length).toBeGreaterThan(
      100,
    );
    expect(await everyAnswer(loaded, queries)).toEqual(fresh);
  });

  it("a flipped byte in any section, or in the header, is caught: the index is rebuilt", async () => {
    const extents = sectionExtents(path);
    expect(extents.length).toBeGreaterThan(5);
    const expected = await everyAnswer(built, ["관세", "창업 지원", "서울 교육"]);
    for (const { name, start, byteLength } of extents) {
      const damaged = Buffer.from(good);
      const at = start + Math.floor(byteLength / 2);
      damaged[at] = (damaged[at] as number) ^ 0x10;
      writeFileSync(path, damaged);
      const reopened = await loadOrBuildIndex([data], { snapshotDir });
      expect(reopened.origin, name).toBe("build");
      expect(reopened.rebuildReason, name).toMatch(
        name === "(header)" ? /header checksum/ : new RegExp(`${name} checksum`),
      );
      expect(await everyAnswer(reopened.index, ["관세", "창업 지원", "서울 교육"])).toEqual(
        expected,
      );
    }
    // The rebuild saved a good snapshot again.
    expect((await loadOrBuildIndex([data], { snapshotDir })).origin).toBe("snapshot");
  }, 240_000); // one rebuild per section (about 40 of them)

  it("keeps the newest few snapshots and removes temporaries their writers left", () => {
    const dir = mkdtempSync(join(tmpdir(), "jiwon-snap-keep-"));
    const old = Array.from({ length: 5 }, (_, i) => {
      const file = snapshotPathFor([`/data/set-${i}`], dir);
      writeFileSync(file, "old");
      const when = new Date(Date.UTC(2025, 0, 1 + i));
      utimesSync(file, when, when);
      return file;
    });
    // A writer that has exited (its pid no longer runs), and one that still runs (this process).
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid as number;
    const stale = `${old[0]}.${gone}.tmp`;
    const live = `${old[1]}.${process.pid}.tmp`;
    writeFileSync(stale, "half");
    writeFileSync(live, "half");
    const current = snapshotPathFor([data], dir);
    saveSnapshot(built, current);
    const kept = readdirSync(dir).sort();
    const newest = old
      .slice(-(KEEP_SNAPSHOTS - 1))
      .map((f) => f.slice(dir.length + 1))
      .concat(current.slice(dir.length + 1), live.slice(dir.length + 1))
      .sort();
    expect(kept).toEqual(newest);
    expect(loadSnapshot(current, built.meta.sourceHash).meta.sourceHash).toBe(
      built.meta.sourceHash,
    );
  });
});
