/**
 * /reindex through a real discord.js Client and a real worker thread: the new index is swapped
 * in, a second request while one runs is told so, and a failed rebuild keeps the old answers.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/runtime/logger.ts";
import { createReindexService } from "../src/runtime/reindex.ts";
import type { StoredArticles } from "../src/runtime/stored-articles.ts";
import { body, type Harness, startHarness } from "./support/bot-harness.ts";
import {
  chatInputInteraction,
  type FakeDiscord,
  startFakeDiscord,
} from "./support/fake-discord.ts";
import { makeDataDir, writeData } from "./support/news-data.ts";

const MODERATOR = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.UseApplicationCommands;

const ORIGINAL = {
  id: "first",
  title: "고양시 세무 설명회 개최",
  body: "고양특례시는 오는 5월 13일 세무 설명회를 개최한다고 밝혔다. 관내 소상공인 200명을 대상으로 한다.",
  url: "https://news.example/first",
  publishedAt: "2025-04-09",
  source: "테스트 신문",
};
const ADDED = {
  id: "second",
  title: "평택시 수출기업 관세 대응 회의",
  body: "평택시는 미국 관세 정책에 대응하기 위해 수출기업 비상경제협의체 회의를 열었다고 밝혔다.",
  url: "https://news.example/second",
  publishedAt: "2025-04-10",
  source: "테스트 신문",
};

let fake: FakeDiscord;
let bot: Harness;
const data = makeDataDir({ "a.jsonl": [ORIGINAL] });

beforeAll(async () => {
  fake = await startFakeDiscord();
  bot = await startHarness({ fake, dataDirs: [data.dir] });
});

afterAll(async () => {
  await bot.close();
  await fake.close();
  data.remove();
});

const reindex = () => chatInputInteraction({ name: "reindex", memberPermissions: MODERATOR });

/** How many results a search finds now (the "— N건" of its reply; none without it). */
async function searchCount(query: string): Promise<number> {
  const raw = chatInputInteraction({ name: "news", subcommand: "search", options: { query } });
  const content = String(body((await bot.interact(raw))[1]).content);
  return Number(/— (\d+)건/.exec(content)?.[1] ?? 0);
}

describe("/reindex", () => {
  it("rebuilds in a worker, swaps the new index in and reports counts and time (ephemeral)", async () => {
    expect(await searchCount("관세")).toBe(0);
    writeData(data.dir, {
      "b.jsonl": [ADDED, ADDED, { title: "본문 없음" }],
    });

    const requests = await bot.interact(reindex());
    expect(requests.map((r) => r.method)).toEqual(["POST", "PATCH"]);
    expect(body(requests[0])).toEqual({ type: 5, data: { flags: 64 } });
    const edit = body(requests[1]);
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    const [report] = edit.embeds as Array<{
      title: string;
      fields: Array<{ name: string; value: string }>;
    }>;
    expect(report?.title).toBe("✅ 색인을 새로 만들었습니다");
    const fields = Object.fromEntries((report?.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields.기사).toBe("2 (← 1)");
    expect(fields.파일).toBe("2");
    expect(fields["걸린 시간"]).toMatch(/^\d+ ms$/);
    expect(fields["건너뛴 기록 (1)"]).toMatch(
      /record has no body: 1\n• .*b\.jsonl:3: record has no body/,
    );
    expect(fields["중복 (1)"]).toMatch(/^• .*b\.jsonl:2: duplicate id second of .*b\.jsonl:1$/);

    expect(await searchCount("관세")).toBe(1);
    const done = bot.logs.findLast((l) => l.msg === "reindex done; new index serving");
    expect(done).toMatchObject({ articles: 2, previousArticles: 1, skipped: 1, duplicates: 1 });
  });

  it("a second /reindex while one runs answers that it is already running", async () => {
    const [first, second] = await Promise.all([bot.interact(reindex()), bot.interact(reindex())]);
    const descriptions = [first, second].map((requests) =>
      JSON.stringify(body(requests?.[1]).embeds),
    );
    const busy = descriptions.filter((d) => d.includes("색인을 이미 다시 만드는 중입니다"));
    const done = descriptions.filter((d) => d.includes("✅ 색인을 새로 만들었습니다"));
    expect(busy).toHaveLength(1);
    expect(done).toHaveLength(1);
    expect(busy[0]).toMatch(/\(\d{2}:\d{2}:\d{2} KST 시작\)/);
  });

  it("tells the article listeners which articles are new and whose deadline changed", async () => {
    const batches: StoredArticles[] = [];
    const unsubscribe = bot.opened.events.subscribe((batch) => void batches.push(batch));
    const extended = {
      ...ORIGINAL,
      body: `${ORIGINAL.body} 참가 신청은 4월 30일까지 받는다.`,
    };
    const third = {
      ...ADDED,
      id: "third",
      title: "양주시 요양보호사 교육생 모집",
      body: "양주시가 요양보호사 교육생 30명을 모집한다고 밝혔다.",
      url: "https://news.example/third",
    };
    writeData(data.dir, { "a.jsonl": [extended], "c.jsonl": [third] });
    await bot.interact(reindex());
    unsubscribe();
    expect(batches).toEqual([
      { origin: "reindex", added: ["third"], updated: [{ id: "first", previousEnd: null }] },
    ]);
    expect(bot.opened.holder.current().get("first")?.application.end).toBe("2025-04-30");
    rmSync(join(data.dir, "c.jsonl"));
  });

  it("a broken source keeps the old index serving and reports the error to the moderator and the log", async () => {
    const before = bot.opened.holder.generation;
    // Every source broken: nothing usable is left, the build must fail.
    writeData(data.dir, { "a.jsonl": "{not json\n", "b.jsonl": "[1, 2]\n" });
    const edit = body((await bot.interact(reindex()))[1]);
    const [report] = edit.embeds as Array<{ title: string; description: string }>;
    expect(report?.title).toBe("⚠️ 색인을 다시 만들지 못했습니다. 기존 색인으로 계속 답합니다.");
    expect(report?.description).toMatch(
      /^오류:\n```\nno usable articles in .*; 2 input\(s\) skipped: .*a\.jsonl:1: invalid JSON: .*; .*b\.jsonl:1: invalid record: not a JSON object\n```$/,
    );
    expect(bot.opened.holder.generation).toBe(before);
    expect(await searchCount("관세")).toBe(1);
    expect(await searchCount("세무 설명회")).toBe(1);
    const failure = bot.logs.findLast(
      (l) => l.msg === "reindex failed; previous index keeps serving",
    );
    expect(failure).toMatchObject({
      level: 50,
      err: { message: expect.stringMatching(/^no usable articles/) },
    });
    // The worker's own stack, so the log shows where the build failed.
    const stack = String((failure?.err as { stack?: string } | undefined)?.stack);
    expect(stack).toContain("buildIndex");
  });
});

describe("/reindex permission, checked in the handler", () => {
  // Discord's default (Manage Server) can be overridden per role or member by a server admin:
  // the interaction then arrives from a member without the permission, and must be refused.
  it.each([
    ["an ordinary member", undefined],
    ["a member with no permissions at all", 0n],
    ["a member who may manage channels but not the server", PermissionFlagsBits.ManageChannels],
  ])("refuses %s, at once and privately, and rebuilds nothing", async (_who, permissions) => {
    const generation = bot.opened.holder.generation;
    const index = bot.opened.holder.current();
    const raw = chatInputInteraction({ name: "reindex", memberPermissions: permissions });
    const requests = await bot.interact(raw);
    expect(requests.map((r) => r.method)).toEqual(["POST"]);
    const callback = body(requests[0]);
    expect(callback.type).toBe(4);
    const data = callback.data as { flags: number; embeds: Array<{ description: string }> };
    expect(data.flags & 64).toBe(64);
    expect(data.embeds[0]?.description).toBe(
      "서버 관리 권한이 있는 사람만 색인을 다시 만들 수 있습니다.",
    );
    expect(bot.opened.holder.generation).toBe(generation);
    expect(bot.opened.holder.current()).toBe(index);
    expect(bot.opened.services.reindex.running).toBe(false);
  });

  it("lets an administrator without an explicit Manage Server flag rebuild", async () => {
    const raw = chatInputInteraction({
      name: "reindex",
      memberPermissions: PermissionFlagsBits.Administrator,
    });
    const requests = await bot.interact(raw);
    expect(body(requests[0])).toEqual({ type: 5, data: { flags: 64 } });
    expect(JSON.stringify(body(requests[1]).embeds)).not.toContain("서버 관리 권한");
  });
});

describe("the reindex service", () => {
  it("a worker that crashes leaves the index alone and says why", async () => {
    const crashing = join(data.dir, "crash.mjs");
    writeFileSync(crashing, "process.exit(3);\n");
    const logs: Record<string, unknown>[] = [];
    const logger = createLogger({
      level: "error",
      pretty: false,
      destination: {
        write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>),
      },
    });
    const service = createReindexService({
      holder: bot.opened.holder,
      dataPaths: [data.dir],
      snapshotDir: bot.stateDir,
      logger,
      workerEntry: pathToFileURL(crashing),
    });
    const index = bot.opened.holder.current();
    const outcome = await service.run("test");
    expect(outcome).toMatchObject({
      status: "failed",
      error: "reindex worker exited with code 3 before answering",
    });
    expect(bot.opened.holder.current()).toBe(index);
    expect(service.running).toBe(false);
    expect(logs).toHaveLength(1);
  });
});
