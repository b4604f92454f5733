/**
 * `jiwon fetch` killed with SIGKILL in the middle of a fetch: each source's batch is one
 * transaction, so the store holds every source finished before the kill, nothing of the one being
 * fetched, and a healthy database; the next fetch stores the rest without duplicating anything.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openArticleStore } from "../src/state/articles.ts";
import {
  defaultRoutes,
  type Route,
  type SourceServer,
  startSourceServer,
} from "./support/source-server.ts";

const BIN = join(import.meta.dirname, "../bin/jiwon.js");
let server: SourceServer;
let work: string;

beforeAll(async () => {
  server = await startSourceServer();
  work = mkdtempSync(join(tmpdir(), "jiwon-fetch-kill-"));
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

function fetchProcess(file: string) {
  const child = spawn(process.execPath, [BIN, "fetch", "--sources", file, "--json"], {
    cwd: work,
    env: {
      PATH: process.env.PATH ?? "",
      JIWON_STATE_DIR: join(work, "state"),
      JIWON_FETCH_GAP_MS: "0",
      JIWON_FETCH_TIMEOUT_MS: "60000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk) => {
    stdout += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, stdout: () => stdout };
}

const storedBySource = () => {
  const store = openArticleStore(join(work, "state"));
  try {
    const counts: Record<string, number> = {};
    for (const a of store.readAll().articles) counts[a.source] = (counts[a.source] ?? 0) + 1;
    return counts;
  } finally {
    store.close();
  }
};

it("a fetch killed mid-source keeps the finished sources, none of the unfinished one, and resumes cleanly", async () => {
  const file = join(work, "sources.json");
  writeFileSync(
    file,
    JSON.stringify({
      sources: [
        { name: "mss-notices", kind: "feed", url: `${server.url}/mss/notices.rdf` },
        // Same host, so it runs after mss-notices; its article page never answers.
        { name: "goyang-news", kind: "feed", url: `${server.url}/goyang/atom.xml`, fullText: true },
      ],
    }),
  );
  server.route("/news/articleView.html", { hang: true });
  const first = fetchProcess(file);
  const started = Date.now();
  while (server.requestsTo("/news/articleView.html").length === 0) {
    if (Date.now() - started > 60_000) throw new Error("the page was never requested");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  first.child.kill("SIGKILL");
  await first.exited;
  expect(first.stdout()).toBe("");

  const db = new Database(join(work, "state", "jiwon.sqlite"), { readonly: true });
  expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  db.close();
  expect(storedBySource()).toEqual({ "mss-notices": 1 });

  server.route("/news/articleView.html", defaultRoutes()["/news/articleView.html"] as Route);
  const second = fetchProcess(file);
  expect(await second.exited).toBe(0);
  const report = JSON.parse(second.stdout()) as {
    sources: Array<{ name: string; new: number; unchanged: number }>;
  };
  expect(report.sources.map((s) => [s.name, s.new, s.unchanged])).toEqual([
    ["mss-notices", 0, 1],
    ["goyang-news", 2, 0],
  ]);
  expect(storedBySource()).toEqual({ "mss-notices": 1, "goyang-news": 2 });
}, 120_000);
