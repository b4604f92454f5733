/**
 * `jiwon fetch` as a process against the loopback source server, then `jiwon search` and
 * `jiwon deadlines` reading what it stored together with a data directory.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SourceServer, startSourceServer } from "./support/source-server.ts";

const run = promisify(execFile);
const BIN = join(import.meta.dirname, "../bin/jiwon.js");

let server: SourceServer;
let work: string;

beforeAll(async () => {
  server = await startSourceServer();
  work = mkdtempSync(join(tmpdir(), "jiwon-fetch-cli-"));
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

interface Outcome {
  stdout: string;
  stderr: string;
  code: number;
}

async function jiwon(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      // A directory without .env, so nothing but this environment configures the run.
      cwd: work,
      env: {
        PATH: process.env.PATH ?? "",
        JIWON_STATE_DIR: join(work, "state"),
        JIWON_FETCH_GAP_MS: "0",
        JIWON_FETCH_TIMEOUT_MS: "500",
        JIWON_CONTACT_URL: "https://github.com/example/jiwon",
        ...env,
      },
      maxBuffer: 32 << 20,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as Outcome;
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

function writeSources(name: string, sources: Array<Record<string, unknown>>): string {
  const path = join(work, name);
  writeFileSync(
    path,
    JSON.stringify({
      sources: sources.map((s) => ({ ...s, url: `${server.url}${s.url as string}` })),
    }),
  );
  return path;
}

describe("jiwon fetch", () => {
  it("fetches every source once, reports per source, and the store feeds search and deadlines", async () => {
    const file = writeSources("sources.json", [
      { name: "mss-press", kind: "feed", url: "/mss/press.xml", every: "30m" },
      { name: "bizinfo", kind: "bizinfo", url: "/uss/rss/bizinfoApi.do" },
      {
        name: "kstartup",
        kind: "kstartup",
        url: "/B552735/kisedKstartupService01/getAnnouncementInformation01",
      },
      { name: "broken", kind: "feed", url: "/fault/500.xml" },
    ]);
    const fetched = await jiwon(["fetch", "--sources", file, "--json"], {
      BIZINFO_API_KEY: "test-biz-key",
      KSTARTUP_API_KEY: "test/ks+key==",
    });
    expect(fetched.code).toBe(0);
    const json = JSON.parse(fetched.stdout) as { sources: Array<Record<string, unknown>> };
    expect(
      json.sources.map(({ name, ok, new: added, updated, unchanged, skipped }) => ({
        name,
        ok,
        new: added,
        updated,
        unchanged,
        skipped,
      })),
    ).toEqual([
      { name: "mss-press", ok: true, new: 4, updated: 0, unchanged: 0, skipped: 1 },
      { name: "bizinfo", ok: true, new: 3, updated: 0, unchanged: 0, skipped: 0 },
      { name: "kstartup", ok: true, new: 2, updated: 0, unchanged: 0, skipped: 0 },
      { name: "broken", ok: false, new: 0, updated: 0, unchanged: 0, skipped: 0 },
    ]);
    expect(json.sources[3]?.error).toBe(
      `${server.url}/fault/500.xml: HTTP 500 Internal Server Error`,
    );
    expect(json.sources[0]?.error).toBeNull();
    expect(fetched.stdout).not.toContain("test-biz-key");

    const data = mkdtempSync(join(work, "data-"));
    writeFileSync(
      join(data, "local.jsonl"),
      `${JSON.stringify({ id: "local-1", title: "파주시 관세 설명회", body: "파주시는 4월 22일 관세 설명회를 연다.", publishedAt: "2025-04-02" })}\n`,
    );
    const search = await jiwon([
      "search",
      "디지털 전환",
      "--data",
      data,
      "--as-of",
      "2025-04-05",
      "--json",
    ]);
    expect(search.code).toBe(0);
    const hits = (JSON.parse(search.stdout) as { hits: Array<{ id: string; url: string }> }).hits;
    expect(hits[0]).toMatchObject({
      id: "mss-press:mss-press-1001",
      url: "https://www.mss.go.kr/site/smba/ex/bbs/View.do?cbIdx=86&bcIdx=1001",
    });

    const deadlines = await jiwon([
      "deadlines",
      "--data",
      data,
      "--as-of",
      "2025-04-05",
      "--days",
      "30",
      "--json",
    ]);
    const rows = JSON.parse(deadlines.stdout) as Array<{ id: string; end: string }>;
    expect(rows.map((r) => [r.id, r.end])).toEqual(
      expect.arrayContaining([
        ["kstartup:176001", "2025-04-17"],
        ["bizinfo:PBLN_000000000105001", "2025-04-30"],
        ["mss-press:mss-press-1001", "2025-04-30"],
      ]),
    );
    // The structured period wins: "예산 소진시까지" is no deadline, whatever the text says.
    expect(rows.some((r) => r.id === "bizinfo:PBLN_000000000105002")).toBe(false);

    // A second fetch changes nothing (304 for the feed, unchanged API items).
    const again = await jiwon(
      ["fetch", "--sources", file, "--only", "mss-press", "--only", "bizinfo"],
      {
        BIZINFO_API_KEY: "test-biz-key",
      },
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /^mss-press {2}ok {6}new 0, updated 0, unchanged 0, skipped 0 \(not modified\)$/m,
    );
    expect(again.stdout).toMatch(/^bizinfo {4}ok {6}new 0, updated 0, unchanged 3, skipped 0$/m);

    const index = await jiwon(["index", "--data", data]);
    expect(index.stdout).toMatch(/^indexed 10 articles from 2 file\(s\)/);
  }, 60_000);

  it("exits 1 when every source failed and 2 for a bad file or an unknown name", async () => {
    const broken = writeSources("broken.json", [
      { name: "broken", kind: "feed", url: "/fault/404.xml" },
      { name: "slow", kind: "feed", url: "/fault/slow.xml" },
    ]);
    const failed = await jiwon(["fetch", "--sources", broken]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(
      `broken  failed  ${server.url}/fault/404.xml: HTTP 404 Not Found`,
    );
    expect(failed.stdout).toContain(
      `slow    failed  ${server.url}/fault/slow.xml: no answer within 500 ms`,
    );

    const unknown = await jiwon(["fetch", "--sources", broken, "--only", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      `jiwon: no source named nope in ${broken} (there are: broken, slow)\n`,
    );

    const bad = join(work, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({ sources: [{ name: "x", kind: "feed", url: "/relative", every: "5s" }] }),
    );
    const invalid = await jiwon(["fetch", "--sources", bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('source "x" (#1): url: not a URL: "/relative"');
    expect(invalid.stderr).toContain('source "x" (#1): every: must be at least 1 minute, got "5s"');

    const missing = join(work, "missing.json");
    const absent = await jiwon(["fetch"], { JIWON_SOURCES: missing });
    expect(absent.code).toBe(2);
    expect(absent.stderr).toBe(
      `jiwon: no sources file at ${missing} (set JIWON_SOURCES or pass --sources FILE)\n`,
    );
  }, 30_000);
});
