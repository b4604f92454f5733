/**
 * A snapshot save survives a power cut: the file's bytes are flushed to disk before it is renamed
 * into place, and the directory is flushed after the rename, so the name never points at a file
 * whose content was still in the page cache. The file system calls are observed through a
 * recording wrapper that calls the real functions (the save really writes, flushes and renames).
 */
import fs, { mkdtempSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED_DIR } from "../bench/corpus.ts";
import { buildIndex } from "../src/index/build.ts";
import { loadSnapshot, saveSnapshot } from "../src/index/snapshot.ts";

describe("saving a snapshot", () => {
  it("flushes the file, renames it into place, then flushes the directory", async () => {
    const index = await buildIndex([SEED_DIR]);
    const dir = mkdtempSync(join(tmpdir(), "jiwon-durable-"));
    const path = join(dir, "index.bin");
    const events: string[] = [];
    const opened = new Map<number, string>();
    const real = { openSync: fs.openSync, fsyncSync: fs.fsyncSync, renameSync: fs.renameSync };
    const name = (p: fs.PathLike) => (String(p) === dir ? "<dir>" : basename(String(p)));
    fs.openSync = (...args: Parameters<typeof fs.openSync>) => {
      const fd = real.openSync(...args);
      opened.set(fd, name(args[0]));
      return fd;
    };
    fs.fsyncSync = (fd: number) => {
      events.push(`fsync ${opened.get(fd)}`);
      real.fsyncSync(fd);
    };
    fs.renameSync = (from: fs.PathLike, to: fs.PathLike) => {
      events.push(`rename ${name(from)} ${name(to)}`);
      real.renameSync(from, to);
    };
    syncBuiltinESMExports();
    try {
      saveSnapshot(index, path);
    } finally {
      Object.assign(fs, real);
      syncBuiltinESMExports();
    }
    const temporary = `index.bin.${process.pid}.tmp`;
    expect(events).toEqual([`fsync ${temporary}`, `rename ${temporary} index.bin`, "fsync <dir>"]);
    expect(loadSnapshot(path, null).size).toBe(index.size);
  });
});
