/**
 * The offline console as users run it: the real `node bin/jiwon.js console` (and `jiwon start`,
 * what `npm start` runs, without a token) with commands piped in, a temporary state directory.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startSourceServer } from "./support/source-server.ts";

const stateDir = mkdtempSync(join(tmpdir(), "jiwon-console-"));

afterAll(() => {
  rmSync(stateDir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runConsole(
  input: string,
  args: string[] = ["--as-of", "2025-04-10"],
  launch: { command?: "console" | "start"; env?: NodeJS.ProcessEnv; state?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/jiwon.js", launch.command ?? "console", ...args], {
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: "",
        JIWON_STATE_DIR: launch.state ?? stateDir,
        NO_COLOR: "1",
        ...launch.env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`console did not exit within 20 s\n${stdout}\n${stderr}`));
    }, 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

describe("echo '…' | npm start", () => {
  it("/news search 관세 prints the rendered reply naming the Pyeongtaek article and exits 0", async () => {
    const run = await runConsole("/news search 관세\n");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("› /news search 관세");
    expect(lines[1]).toMatch(/^🔎 .+ — 1건 · 1\/1쪽$/);
    expect(lines[2]).toMatch(/^╭─+╮$/);
    // The box opens with the article's title: the Pyeongtaek tariff meeting.
    expect(lines[3]).toMatch(/^│ .*평택/);
    expect(run.stdout).toContain("│ 지역: 평택시");
    expect(run.stdout).toContain(
      "https://www.dailygoodtime.co.kr/news/section_list_all.html?page=32&sec_no=25",
    );
    expect(run.stdout).toMatch(/╰─+╯\n/);
  });

  it("npm start without a token is the console; jiwon console stays one even with a token", async () => {
    const started = await runConsole("/news search 관세\n", ["--as-of", "2025-04-10"], {
      command: "start",
    });
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/^› \/news search 관세\n🔎 .+ — 1건 · 1\/1쪽\n/);
    // With a token the bot would log in and never read stdin; the console answers and exits.
    const withToken = await runConsole("/news search 관세\n", ["--as-of", "2025-04-10"], {
      env: {
        DISCORD_TOKEN: "console-test-token",
        DISCORD_CLIENT_ID: "1234567890123456789",
        DISCORD_API_URL: "http://127.0.0.1:9",
      },
    });
    expect(withToken.code).toBe(0);
    expect(withToken.stdout).toBe(started.stdout);
  });

  it("/deadlines list days:30: Yangju D-8 before Goyang D-20", async () => {
    const run = await runConsole("/deadlines list days:30\n");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("📅 2025-04-10 기준 30일 이내 — 2건");
    const lines = run.stdout.split("\n");
    const yangju = lines.findIndex((line) => line.includes("D-8 2025-04-18"));
    const goyang = lines.findIndex((line) => line.includes("D-20 2025-04-30"));
    expect(yangju).toBeGreaterThan(0);
    expect(lines[yangju]).toContain("양주");
    expect(goyang).toBeGreaterThan(yangju);
    expect(lines[goyang]).toContain("고양");
  });

  it("the same slash commands: unquoted and quoted text, bare text, buttons by number", async () => {
    const run = await runConsole(
      [
        "/news search query:upcoming seminars in Goyang",
        '/news search query:"upcoming seminars in Goyang"',
        "/news search 지원",
        "1",
        "/news latest region:고양",
      ].join("\n"),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const replies = run.stdout.split("› ").slice(1);
    expect(replies).toHaveLength(5);
    expect(replies[0]).toContain("🔎 고양시 · 설명회 · 2025-04-10 이후 — 1건 · 1/1쪽");
    expect(replies[0]).toContain("일정: 설명회 2025-05-13 (D-33)");
    expect(replies[1]).toContain("🔎 고양시 · 설명회 · 2025-04-10 이후 — 1건 · 1/1쪽");
    expect(replies[2]).toContain("🔎 “지원” — 7건 · 1/2쪽");
    expect(replies[2]).toContain("[1] 다음 ▶");
    expect(replies[3]).toContain("🔎 “지원” — 7건 · 2/2쪽");
    expect(replies[3]).toContain("[1] ◀ 이전");
    expect(replies[4]).toContain("🗞️ 최신 소식 · 고양시 — 2건 · 1/1쪽");
  });

  it("subscriptions work offline and say that posting needs the bot", async () => {
    const run = await runConsole(
      [
        "/deadlines subscribe channel:#지원사업 region:고양 hour:8",
        "/deadlines status",
        "/deadlines unsubscribe channel:#지원사업",
      ].join("\n"),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("#지원사업 채널에 매일 8시(한국 시간) 마감 알림");
    expect(run.stdout).toContain("오프라인 콘솔에서는 구독만 저장됩니다.");
    expect(run.stdout).toContain("#지원사업 · 매일 8시 · 고양시");
    expect(run.stdout).toContain("#지원사업 채널의 마감 알림을 껐습니다.");
  });

  it("alerts are added, listed, paused and removed offline against the same state", async () => {
    const run = await runConsole(
      [
        "/alerts add 관세 region:평택 channel:#수출",
        "/alerts pause id:1",
        "/alerts list",
        "/alerts remove 1",
        "/alerts list",
      ].join("\n"),
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const replies = run.stdout.split("› ").slice(1);
    expect(replies).toHaveLength(5);
    expect(replies[0]).toContain("🔔 알림 #1을(를) 만들었습니다");
    expect(replies[0]).toContain("#수출 채널 · 바로");
    expect(replies[0]).toContain("질문: 평택시 · “관세”");
    expect(replies[0]).toContain("최근에 맞았을 소식 1건입니다.");
    expect(replies[0]).toContain("오프라인 콘솔에서는 알림이 저장만 됩니다.");
    expect(replies[2]).toContain("알림 #1 · 평택시 · “관세”: #수출 · 바로 · 아직 게시 없음");
    expect(replies[2]).toContain("⏸️ 일시 중지됨 (모더레이터)");
    expect(replies[3]).toContain("알림 #1을(를) 지웠습니다: 평택시 · “관세”");
    expect(replies[4]).toContain("이 서버에는 알림이 없습니다.");
  });

  it("/sources lists, fetches on request, and the fetched article is searchable at once", async () => {
    const server = await startSourceServer();
    // Its own state: the fetched articles must not change what the other tests' index holds.
    const own = mkdtempSync(join(tmpdir(), "jiwon-console-sources-"));
    const file = join(own, "sources.json");
    writeFileSync(
      file,
      JSON.stringify({
        sources: [{ name: "goyang-news", kind: "feed", url: `${server.url}/goyang/atom.xml` }],
      }),
    );
    try {
      const run = await runConsole(
        [
          "/sources list",
          "/sources refresh",
          "/news search 경영안정자금 2차 접수",
          "/sources list",
        ].join("\n"),
        ["--as-of", "2025-04-10"],
        { env: { JIWON_SOURCES: file, JIWON_STATE_DIR: join(own, "state") } },
      );
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const replies = run.stdout.split("› ").slice(1);
      expect(replies).toHaveLength(4);
      expect(replies[0]).toContain("goyang-news · feed · 1h마다");
      expect(replies[0]).toContain("마지막 성공: 없음");
      expect(replies[1]).toContain("새 글 2 · 바뀐 글 0 · 그대로 0 · 건너뜀 0");
      expect(replies[2]).toContain("고양시, 소상공인 경영안정자금 2차 접수");
      expect(replies[3]).toContain("마지막 성공: 2025-04-10 12:00");
      expect(replies[3]).toContain("24시간 새 글: 2건");
    } finally {
      await server.close();
      rmSync(own, { recursive: true, force: true });
    }
  });

  it("English labels with --locale en; mistakes explain the usage and exit 1", async () => {
    const english = await runConsole("/deadlines list days:30\n", [
      "--as-of",
      "2025-04-10",
      "--locale",
      "en",
    ]);
    expect(english.stdout).toContain("📅 30 days from 2025-04-10 — 2 deadlines");
    const wrong = await runConsole("/news search\n/news find 관세\n/deadlines list days:many\n");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("query is required\nusage: /news search query:<text>");
    expect(wrong.stderr).toContain("/news needs one of: search, latest");
    expect(wrong.stderr).toContain('days: expected a whole number, got "many"');
  });

  it("help lists every command", async () => {
    const run = await runConsole("help\n");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("/news search query:<text> [region:<text>] [category:<");
    expect(run.stdout).toContain("/deadlines subscribe channel:<channel>");
    expect(run.stdout).toContain("/reindex");
    expect(run.stdout).toContain("/sources refresh [name:<text>]");
  });
});

describe("a state file that cannot be used", () => {
  it("stops the console at start with one line naming the file, never an empty answer", async () => {
    const state = mkdtempSync(join(tmpdir(), "jiwon-console-bad-"));
    try {
      writeFileSync(join(state, "jiwon.sqlite"), "not a database\n".repeat(500));
      const run = await runConsole("/deadlines status\n", undefined, { state });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        `jiwon: state database ${join(state, "jiwon.sqlite")}: file is not a database (the file is not a SQLite database: move it aside)\n`,
      );
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
