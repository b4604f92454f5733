import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadRealArticles, SEED_DIR } from "../bench/corpus.ts";
import { buildFts5, fts5Bytes, fts5Query, openFts5 } from "../bench/fts5.ts";

// The shipped seed stands in for ../shared/corpus, so this runs on a clean clone.
const docs = loadRealArticles([SEED_DIR]).map((a) => ({
  id: a.id,
  title: a.title ?? "",
  body: a.body,
}));
const scratch = mkdtempSync(join(tmpdir(), "jiwon-fts5-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the SQLite FTS5 peer", () => {
  it("matches words of three characters or more through trigrams, shorter ones with LIKE", () => {
    expect(fts5Query('고양 설명회 "세무" 5%')).toEqual({
      match: '"설명회" """세무"""',
      likes: ["%고양%", "%5\\%%"],
    });
    expect(fts5Query("   ")).toEqual({ match: null, likes: [] });
  });

  it("finds a two-syllable Korean word the trigram index cannot match", async () => {
    const peer = buildFts5(docs);
    const hits = await peer.search("관세", 10);
    const expected = docs.filter((d) => `${d.title}\n${d.body}`.includes("관세")).map((d) => d.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(hits)).toEqual(new Set(expected));
    peer.close();
  });

  it("keeps a database file that a fresh open answers from", async () => {
    const path = join(scratch, "peer.sqlite");
    const built = buildFts5(docs, path);
    const before = await built.search("설명회 고양", 10);
    built.close();
    expect(fts5Bytes(path)).toBeGreaterThan(0);
    const reopened = openFts5(path);
    expect(await reopened.search("설명회 고양", 10)).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
    reopened.close();
  });
});
