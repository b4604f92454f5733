import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin/jiwon.js");

/** A private copy of the seed, so snapshots written by these tests never touch the shipped one. */
function seedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "jiwon-cli-"));
  cpSync(join(ROOT, "index-data/000_2ff2273f9822e349.txt"), join(dir, "000_2ff2273f9822e349.txt"));
  cpSync(
    join(ROOT, "index-data/000_2ff2273f9822e349.meta.json"),
    join(dir, "000_2ff2273f9822e349.meta.json"),
  );
  return dir;
}

async function jiwon(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      maxBuffer: 32 << 20,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe("jiwon CLI", () => {
  it("search --json prints the interpretation and ranked hits", async () => {
    const data = seedCopy();
    const { stdout, code } = await jiwon([
      "search",
      "upcoming seminars in Goyang",
      "--data",
      data,
      "--as-of",
      "2025-04-10",
      "--json",
    ]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.interpretation).toEqual({
      regions: ["고양시"],
      categories: ["Seminars & briefings"],
      from: "2025-04-10",
      to: null,
      terms: ["설명회", "세미나"],
    });
    expect(out.hits[0]).toMatchObject({
      title: "고양특례시, ‘2025 고양시 기업인을 위한 세무 설명회’ 개최",
      url: "https://www.dailygoodtime.co.kr/news/section_list_all.html?page=32&sec_no=25",
      publishedAt: "2025-04-10",
      regions: ["고양시"],
    });
    expect(Object.keys(out.hits[0]).sort()).toEqual(
      ["categories", "id", "publishedAt", "regions", "score", "summary", "title", "url"].sort(),
    );
  });

  it("search prints readable hits and honours --limit", async () => {
    const data = seedCopy();
    const { stdout, code } = await jiwon([
      "search",
      "관세",
      "--data",
      data,
      "--limit",
      "1",
      "--as-of",
      "2025-04-10",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("🔎 “관세”");
    expect(stdout).toContain("1.  평택시, 미국 관세 정책");
    expect(stdout).not.toContain("2.  ");
  });

  it("extract prints one JSON object per article with dates and roles", async () => {
    const data = seedCopy();
    const { stdout, code } = await jiwon(["extract", "--data", data, "--json"]);
    expect(code).toBe(0);
    const records = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(10);
    const yangju = records.find((r) => r.regions.includes("양주시"));
    expect(yangju.application).toMatchObject({
      status: "dated",
      start: "2025-04-15",
      end: "2025-04-18",
    });
    expect(yangju.events).toEqual([
      expect.objectContaining({ kind: "course", start: "2025-05-07", end: "2025-07-05" }),
    ]);
    const goyang = records.find((r) => r.title.includes("세무 설명회"));
    expect(goyang.application).toMatchObject({ status: "dated", end: "2025-04-30" });
    expect(goyang.events).toEqual([
      expect.objectContaining({ kind: "seminar", start: "2025-05-13" }),
    ]);
    const mou = records.find((r) => r.title.startsWith("서울시와 중소벤처기업진흥공단"));
    expect(mou.application.status).toBe("none");
    expect(mou.events).toEqual([
      expect.objectContaining({ kind: "ceremony", start: "2025-04-09" }),
    ]);
  });

  it("deadlines lists Yangju (D-8) then Goyang (D-20); --events adds the course and the seminar", async () => {
    const data = seedCopy();
    const json = await jiwon([
      "deadlines",
      "--data",
      data,
      "--as-of",
      "2025-04-10",
      "--days",
      "30",
      "--json",
    ]);
    const rows = JSON.parse(json.stdout);
    expect(rows.map((r: { end: string; dday: string }) => [r.end, r.dday])).toEqual([
      ["2025-04-18", "D-8"],
      ["2025-04-30", "D-20"],
    ]);
    expect(Object.keys(rows[0]).sort()).toEqual([
      "categories",
      "dday",
      "end",
      "id",
      "regions",
      "status",
      "title",
      "url",
    ]);
    const text = await jiwon([
      "deadlines",
      "--data",
      data,
      "--as-of",
      "2025-04-10",
      "--days",
      "30",
      "--events",
    ]);
    expect(text.stdout).toMatch(/D-8 +2025-04-18 +양주시/);
    expect(text.stdout).toMatch(/2025-05-07 ~ 2025-07-05 +교육/);
    expect(text.stdout).toMatch(/2025-05-13 +설명회/);
    const narrow = await jiwon([
      "deadlines",
      "--data",
      data,
      "--as-of",
      "2025-04-19",
      "--days",
      "30",
      "--json",
    ]);
    expect(JSON.parse(narrow.stdout).map((r: { dday: string }) => r.dday)).toEqual(["D-11"]);
  });

  it("alerts preview shows, day by day, what an alert with the question would have posted", async () => {
    const data = mkdtempSync(join(tmpdir(), "jiwon-cli-alerts-"));
    const record = (id: string, title: string, body: string, publishedAt: string) =>
      JSON.stringify({ id, title, body, publishedAt, url: `https://news.example.kr/${id}` });
    writeFileSync(
      join(data, "news.jsonl"),
      [
        record("a", "평택시 관세 대응 회의", "평택시는 관세 대응 회의를 열었다.", "2025-04-08"),
        record(
          "b",
          "관세 상담 창구 운영",
          "평택시는 관세 상담 창구를 연다. 상담 신청은 4월 30일까지 받는다.",
          "2025-04-11",
        ),
        record(
          "c",
          "요양보호사 교육생 모집",
          "양주시가 요양보호사 교육생을 모집한다.",
          "2025-04-11",
        ),
        record("d", "관세 설명회 예고", "관세 설명회를 연다.", "2025-04-01"),
      ].join("\n"),
    );
    const week = await jiwon([
      "alerts",
      "preview",
      "관세",
      "--data",
      data,
      "--as-of",
      "2025-04-12",
      "--json",
    ]);
    expect(week.code).toBe(0);
    const posts = JSON.parse(week.stdout).posts as Array<{
      date: string;
      articles: Array<{ id: string }>;
    }>;
    expect(posts.map((p) => [p.date, p.articles.map((a) => a.id)])).toEqual([
      ["2025-04-08", ["a"]],
      ["2025-04-11", ["b"]],
    ]);
    const text = await jiwon([
      "alerts",
      "preview",
      "관세",
      "--days",
      "3",
      "--data",
      data,
      "--as-of",
      "2025-04-12",
    ]);
    expect(text.stdout.split("\n").slice(0, 4)).toEqual([
      "🔔 “관세” 알림이 2025-04-10 ~ 2025-04-12에 올렸을 소식 1건",
      "",
      "2025-04-11 — 1건",
      "  • 관세 상담 창구 운영  마감 2025-04-30 (D-19)",
    ]);
    const usage = await jiwon(["alerts", "list"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^jiwon: alerts needs an action: jiwon alerts preview/);
  });

  it("index reports counts, skips with file and line, and writes a snapshot", async () => {
    const data = seedCopy();
    writeFileSync(join(data, "broken.jsonl"), '{"id":"ok","body":"평택 관세 회의"}\nnot json\n');
    const { stdout, stderr, code } = await jiwon(["index", "--data", data]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/indexed 11 articles from 2 file\(s\) in \d+ ms/);
    expect(stdout).toContain("1 × invalid JSON");
    expect(stderr).toMatch(/broken\.jsonl:2: invalid JSON/);
  });

  it("index names an article dropped because another article already had its id", async () => {
    const data = mkdtempSync(join(tmpdir(), "jiwon-cli-"));
    const record = (id: string, title: string, body: string) =>
      JSON.stringify({ id, title, body, publishedAt: "2026-04-28" });
    writeFileSync(
      join(data, "ids.jsonl"),
      [
        record(
          "dup-1",
          "취나물 재배 농가 지원사업 공고",
          "취나물 재배 농가를 돕는 지원사업을 연다.",
        ),
        record(
          "dup-1",
          "취나물 재배 농가 지원사업 공고",
          "취나물 재배 농가를 돕는 지원사업을 연다.",
        ),
        record(
          "dup-1",
          "미나리 작목반 시설 지원 공고",
          "미나리 작목반의 시설 개선을 돕는 사업이다.",
        ),
      ].join("\n"),
    );
    const { stdout, stderr, code } = await jiwon(["index", "--data", data]);
    expect(code).toBe(0);
    expect(stdout).toContain("duplicates 2");
    // The repeat of the same article loses nothing and is only counted; the different article
    // is lost, so the operator is told which one and where.
    expect(stderr).toMatch(
      /ids\.jsonl:3: id dup-1 already used by .*ids\.jsonl:1 for a different article; dropped “미나리 작목반 시설 지원 공고”/,
    );
    expect(stderr).not.toMatch(/ids\.jsonl:2:/);
  });

  it("errors are one clear line and a non-zero exit", async () => {
    const bad = await jiwon(["search", "관세", "--as-of", "2025-13-40"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('jiwon: --as-of must be a date YYYY-MM-DD, got "2025-13-40"');
    const empty = mkdtempSync(join(tmpdir(), "jiwon-empty-"));
    writeFileSync(join(empty, "a.jsonl"), "{}\n");
    const nothing = await jiwon(["search", "관세", "--data", empty]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr.trim().split("\n")).toHaveLength(1);
    expect(nothing.stderr).toContain("no usable articles");
    const unknown = await jiwon(["frobnicate"]);
    expect(unknown.code).toBe(2);
  });
});

describe("errors say why", () => {
  it("a build with nothing usable names the skipped inputs with file, line and reason", async () => {
    const empty = mkdtempSync(join(tmpdir(), "jiwon-empty-"));
    writeFileSync(
      join(empty, "a.jsonl"),
      '{"title":"본문 없음"}\n[1, 2]\n{"body": ""}\n{"body":"x"',
    );
    const run = await jiwon(["search", "관세", "--data", empty]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^jiwon: no usable articles in .*jiwon-empty-\w+; 4 input\(s\) skipped: .*a\.jsonl:1: record has no body; .*a\.jsonl:2: invalid record: not a JSON object; .*a\.jsonl:3: empty article: no text after normalisation; and 1 more\n$/,
    );
    const none = mkdtempSync(join(tmpdir(), "jiwon-none-"));
    const nothing = await jiwon(["index", "--data", none]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toBe(
      `jiwon: no usable articles in ${none}: no .txt or .jsonl files there\n`,
    );
  });

  it("an unknown region is an error, like an unknown category", async () => {
    const region = await jiwon(["deadlines", "--region", "xyz", "--as-of", "2025-04-10"]);
    expect(region.code).toBe(2);
    expect(region.stdout).toBe("");
    expect(region.stderr).toBe(
      'jiwon: unknown region "xyz": give a 시·도 or 시·군·구 name (경기, 고양) or a region code\n',
    );
    const category = await jiwon(["deadlines", "--category", "xyz", "--as-of", "2025-04-10"]);
    expect(category.code).toBe(2);
    // A name, a province and a code all work.
    for (const known of ["고양", "경기", "31"]) {
      const ok = await jiwon([
        "deadlines",
        "--region",
        known,
        "--as-of",
        "2025-04-10",
        "--days",
        "30",
      ]);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/— [1-9]\d*건/);
    }
  });

  it("never prints an internal key, and never a control character from the data", async () => {
    const data = seedCopy();
    const search = await jiwon(["search", "부산 설명회", "--data", data, "--as-of", "2025-04-10"]);
    expect(search.code).toBe(0);
    expect(search.stdout).not.toMatch(
      /drop-(region|type|time)|relaxed\.|search\.|[a-z]+\.[a-z]+\.[a-z]+/,
    );
    writeFileSync(join(data, "esc.jsonl"), '{"body":"관세 설명회"}\n\u001b[2J\u001b[31m{oops\n');
    const index = await jiwon(["index", "--data", data]);
    expect(index.code).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting they are absent.
    expect(index.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(index.stderr).toMatch(/esc\.jsonl:2: invalid JSON: Unexpected token '\\u001b'/);
  });
});

describe("snapshots", () => {
  it("a snapshot round-trip returns identical results, and a corrupted snapshot is rebuilt", async () => {
    const { buildIndex } = await import("../src/index/build.ts");
    const { loadOrBuildIndex, saveSnapshot, loadSnapshot, snapshotPathFor } = await import(
      "../src/index/snapshot.ts"
    );
    const { answerSearch } = await import("../src/query/answer.ts");
    const data = seedCopy();
    const snapshotDir = mkdtempSync(join(tmpdir(), "jiwon-snap-"));
    const built = await buildIndex([data]);
    const path = snapshotPathFor([data], snapshotDir);
    saveSnapshot(built, path);
    const loaded = loadSnapshot(path, built.meta.sourceHash);
    for (const query of [
      "관세",
      "고양 설명회 언제야",
      "MOU in Seoul",
      "deadlines this month",
      "시장",
    ]) {
      const a = await answerSearch(built, { query, asOf: "2025-04-10" });
      const b = await answerSearch(loaded, { query, asOf: "2025-04-10" });
      expect(b.hits.map((h) => [h.article.id, h.score])).toEqual(
        a.hits.map((h) => [h.article.id, h.score]),
      );
      expect(b.parsed).toEqual(a.parsed);
    }
    expect(loaded.suggest("관")).toEqual(built.suggest("관"));

    const reused = await loadOrBuildIndex([data], { snapshotDir });
    expect(reused.origin).toBe("snapshot");

    writeFileSync(path, '{"format":"jiwon-index-snapshot","version":2,"articles":[tru');
    const repaired = await loadOrBuildIndex([data], { snapshotDir });
    expect(repaired.origin).toBe("build");
    expect(repaired.rebuildReason).toMatch(/snapshot unreadable/);
    expect(
      (await answerSearch(repaired.index, { query: "관세", asOf: "2025-04-10" })).hits[0]?.article
        .title,
    ).toContain("평택시");
    expect((await loadOrBuildIndex([data], { snapshotDir })).origin).toBe("snapshot");

    writeFileSync(join(data, "more.jsonl"), '{"id":"n1","body":"새 기사: 양주시 일자리 박람회"}\n');
    const changed = await loadOrBuildIndex([data], { snapshotDir });
    expect(changed.origin).toBe("build");
    expect(changed.rebuildReason).toMatch(/sources changed/);
    expect(changed.index.allArticles()).toHaveLength(11);
    expect(readdirSync(snapshotDir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
