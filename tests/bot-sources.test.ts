/**
 * /sources through a real discord.js Client on loopback, with the real services and a sources
 * file pointing at the loopback source server: the list for everyone, refresh and resume only
 * for members with Manage Server (checked in the handler), and a fetched article answered by
 * /news search without /reindex.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAUSE_AFTER_FAILURES } from "../src/sources/run.ts";
import { body, type Harness, startHarness } from "./support/bot-harness.ts";
import {
  autocompleteInteraction,
  chatInputInteraction,
  type FakeDiscord,
  type OptionValue,
  startFakeDiscord,
} from "./support/fake-discord.ts";
import { type SourceServer, startSourceServer } from "./support/source-server.ts";

const MEMBER =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.UseApplicationCommands;
const CHANNEL_MODERATOR = MEMBER | PermissionFlagsBits.ManageChannels;
const SERVER_MANAGER = MEMBER | PermissionFlagsBits.ManageGuild;
const TITLE_2001 = "고양시, 소상공인 경영안정자금 2차 접수";

let fake: FakeDiscord;
let server: SourceServer;
let dir: string;
let bot: Harness;

beforeAll(async () => {
  fake = await startFakeDiscord();
  server = await startSourceServer();
  dir = mkdtempSync(join(tmpdir(), "jiwon-bot-sources-"));
  const file = join(dir, "sources.json");
  writeFileSync(
    file,
    JSON.stringify({
      sources: [
        { name: "goyang-news", kind: "feed", url: `${server.url}/goyang/atom.xml`, every: "30m" },
        { name: "broken", kind: "feed", url: `${server.url}/fault/500.xml`, every: "15m" },
      ],
    }),
  );
  bot = await startHarness({
    fake,
    stateDir: join(dir, "state"),
    sources: { file, contactUrl: null, fetch: { gapMs: 0, timeoutMs: 2_000 }, env: {} },
  });
});

afterAll(async () => {
  await bot.close();
  await fake.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

type Embed = {
  title?: string;
  description?: string;
  fields?: Array<{ name: string; value: string }>;
};

function sources(
  subcommand: string,
  options: Record<string, OptionValue> = {},
  memberPermissions: bigint = SERVER_MANAGER,
  locale: "ko" | "en-US" = "ko",
) {
  return chatInputInteraction({ name: "sources", subcommand, options, memberPermissions, locale });
}

/** The reply's JSON: the edit of a deferred reply, else the callback's data. */
async function reply(raw: { id: string; token: string }): Promise<Record<string, unknown>> {
  const requests = await bot.interact(raw);
  const edit = requests.find((r) => r.method === "PATCH");
  if (edit) return body(edit);
  return (body(requests[0]).data ?? {}) as Record<string, unknown>;
}

const embeds = (json: Record<string, unknown>) => (json.embeds ?? []) as Embed[];
const field = (embed: Embed | undefined, prefix: string) =>
  embed?.fields?.find((f) => f.name.startsWith(prefix) || f.name.startsWith(`⏸️ ${prefix}`));

describe("/sources", () => {
  it("refuses refresh and resume to members without Manage Server, and fetches nothing", async () => {
    for (const permissions of [MEMBER, CHANNEL_MODERATOR]) {
      const requests = await bot.interact(sources("refresh", {}, permissions));
      expect(requests).toHaveLength(1);
      expect(body(requests[0])).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(embeds(body(requests[0]).data as Record<string, unknown>)[0]?.description).toBe(
        "서버 관리 권한이 있는 사람만 자료를 수집하거나 다시 시작할 수 있습니다.",
      );
      const resume = await reply(sources("resume", { name: "broken" }, permissions, "en-US"));
      expect(embeds(resume)[0]?.description).toBe(
        "Only members with the Manage Server permission can fetch or resume sources.",
      );
    }
    expect(server.requests).toHaveLength(0);
  });

  it("lists every source for everyone before anything was fetched", async () => {
    const json = await reply(sources("list", {}, MEMBER));
    expect(json.flags).toBe(64);
    const [embed] = embeds(json);
    expect(embed?.title).toBe("📡 뉴스 자료 (2)");
    expect(field(embed, "goyang-news")).toEqual({
      name: "goyang-news · feed · 30m마다",
      value:
        "마지막 성공: 없음\n24시간 새 글: 0건\n다음 수집: 여기서는 없음 (정해진 수집은 봇만 합니다)",
      inline: false,
    });
  });

  it("refresh fetches now, reports per source, and /news search finds the article without /reindex", async () => {
    const before = await reply(
      chatInputInteraction({
        name: "news",
        subcommand: "search",
        options: { query: "경영안정자금 2차 접수" },
      }),
    );
    expect(JSON.stringify(before)).not.toContain(TITLE_2001);

    const requests = await bot.interact(sources("refresh"));
    expect(body(requests[0])).toEqual({ type: 5, data: { flags: 64 } });
    const edit = body(requests.find((r) => r.method === "PATCH"));
    expect(edit.allowed_mentions).toEqual({ parse: [] });
    const [embed] = embeds(edit);
    expect(embed?.title).toBe("📡 자료 2개 수집");
    expect(field(embed, "goyang-news")?.value).toBe("새 글 2 · 바뀐 글 0 · 그대로 0 · 건너뜀 0");
    expect(field(embed, "broken")?.value).toMatch(
      // Reply text is escaped, so the source URL in an error shows as written but never as a link.
      /^❌ http:\\\/\\\/127\.0\.0\.1:\d+\/fault\/500\.xml: HTTP 500/,
    );

    const after = await reply(
      chatInputInteraction({
        name: "news",
        subcommand: "search",
        options: { query: "경영안정자금 2차 접수" },
      }),
    );
    expect(embeds(after).map((e) => e.title)).toContain(TITLE_2001);
  });

  it("the list then shows last success, last error, new in 24 h; refresh of one name and an unknown name", async () => {
    const [embed] = embeds(await reply(sources("list", {}, MEMBER, "en-US")));
    expect(field(embed, "goyang-news")?.value).toMatch(
      /^Last success: 2025-04-10 12:00\nNew in the last 24 h: 2\nNext run: none here/,
    );
    expect(field(embed, "broken")?.value).toMatch(
      /^Last success: never\n⚠️ Last error \(2025-04-10 12:00\): http:\\\/\\\/127\.0\.0\.1:\d+\/fault\/500\.xml: HTTP 500 Internal Server Error\nNew in the last 24 h: 0/,
    );
    const one = embeds(await reply(sources("refresh", { name: "goyang-news" })))[0];
    expect(one?.fields?.map((f) => f.name)).toEqual(["goyang-news · feed"]);
    expect(one?.fields?.[0]?.value).toBe("새 글 0 · 바뀐 글 0 · 그대로 0 · 건너뜀 0 (변경 없음)");
    const unknown = embeds(await reply(sources("refresh", { name: "nope" })))[0];
    expect(unknown?.description).toBe("“nope”이라는 자료가 없습니다. 자료: goyang-news, broken");
  });

  it("a source paused after repeated failures says so in the list and is resumed by a manager", async () => {
    for (let i = 1; i < PAUSE_AFTER_FAILURES; i++) await bot.opened.sources.refresh("broken");
    const [listed] = embeds(await reply(sources("list", {}, MEMBER)));
    expect(field(listed, "broken")?.name).toBe("⏸️ broken · feed · 15m마다");
    expect(field(listed, "broken")?.value).toContain(
      "⏸️ 10번 연속 실패해 멈춤: /sources resume broken",
    );

    const choices = await bot.interact(
      autocompleteInteraction({
        name: "sources",
        subcommand: "resume",
        focused: "name",
        value: "br",
      }),
    );
    expect((body(choices[0]).data as { choices: unknown[] }).choices).toEqual([
      { name: "⏸️ broken · feed", value: "broken" },
    ]);
    const notPaused = embeds(await reply(sources("resume", { name: "goyang-news" })))[0];
    expect(notPaused?.description).toBe("goyang-news 자료는 멈춰 있지 않습니다.");
    const resumed = embeds(await reply(sources("resume", { name: "broken" })))[0];
    expect(resumed?.description).toBe("broken 자료를 다시 시작했습니다: 지금 다시 수집합니다.");
    const [again] = embeds(await reply(sources("list", {}, MEMBER)));
    expect(field(again, "broken")?.name).toBe("broken · feed · 15m마다");
  });
});
