/**
 * /alerts through a real discord.js Client: add, remove, pause and resume for members who can
 * manage channels (checked in the handler), the list for everyone, autocomplete for the question
 * and the alert number, and the limit of 25 per server. Real services on the shipped sample data,
 * as of 2025-04-10.
 */
import { ApplicationCommandOptionType, PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_ALERTS_PER_GUILD } from "../src/alerts/alert.ts";
import { body, type Harness, startHarness } from "./support/bot-harness.ts";
import {
  autocompleteInteraction,
  chatInputInteraction,
  type FakeDiscord,
  type OptionValue,
  startFakeDiscord,
  TEST_IDS,
} from "./support/fake-discord.ts";

const MEMBER =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.UseApplicationCommands;
const MODERATOR = MEMBER | PermissionFlagsBits.ManageChannels;
const EXPORT = "1100000000000000051";

let fake: FakeDiscord;
let bot: Harness;

beforeAll(async () => {
  fake = await startFakeDiscord();
  bot = await startHarness({ fake });
});

afterAll(async () => {
  await bot.close();
  await fake.close();
});

type Embed = {
  title?: string;
  description?: string;
  url?: string;
  fields?: Array<{ name: string; value: string }>;
};

function alerts(
  subcommand: string,
  options: Record<string, OptionValue> = {},
  memberPermissions: bigint = MODERATOR,
  locale: "ko" | "en-US" = "ko",
) {
  return chatInputInteraction({ name: "alerts", subcommand, options, memberPermissions, locale });
}

const channel = (id: string) => ({ type: ApplicationCommandOptionType.Channel, value: id });

/** The reply's JSON: the edit of a deferred reply, else the callback's data. */
async function reply(raw: ReturnType<typeof alerts>): Promise<Record<string, unknown>> {
  const requests = await bot.interact(raw);
  const edit = requests.find((r) => r.method === "PATCH");
  if (edit) return body(edit);
  return (body(requests[0]).data ?? {}) as Record<string, unknown>;
}

const embeds = (json: Record<string, unknown>) => (json.embeds ?? []) as Embed[];

describe("/alerts add", () => {
  it("refuses members who cannot manage channels, and saves nothing", async () => {
    const requests = await bot.interact(alerts("add", { query: "관세" }, MEMBER));
    expect(body(requests[0])).toEqual({ type: 5, data: { flags: 64 } });
    expect(embeds(body(requests[1]))[0]?.description).toBe(
      "채널 관리 권한이 있는 사람만 알림을 만들거나 지우거나 멈출 수 있습니다.",
    );
    expect(bot.opened.services.store.alerts.listForGuild(TEST_IDS.guild)).toEqual([]);
  });

  it("saves the question as /news search reads it and shows the last three it would have posted", async () => {
    const requests = await bot.interact(alerts("add", { query: "교육", channel: channel(EXPORT) }));
    expect(requests.map((r) => r.method)).toEqual(["POST", "PATCH"]);
    expect(body(requests[0])).toEqual({ type: 5, data: { flags: 64 } });
    const json = body(requests[1]);
    expect(json.allowed_mentions).toEqual({ parse: [] });
    const [saved, ...sample] = embeds(json);
    const [alert] = bot.opened.services.store.alerts.listForGuild(TEST_IDS.guild);
    expect(alert).toMatchObject({
      channelId: EXPORT,
      query: "교육",
      interpretation: "“교육”",
      mode: "instant",
      createdBy: TEST_IDS.user,
      pausedAt: null,
    });
    expect(saved?.title).toBe(`🔔 알림 #${alert?.id}을(를) 만들었습니다`);
    expect(saved?.description?.split("\n").slice(0, 2)).toEqual([
      `<#${EXPORT}> 채널 · 바로`,
      "질문: “교육”",
    ]);
    expect(saved?.description).toContain("최근에 맞았을 소식 3건입니다.");
    // The three newest it would have posted, as /news search embeds (title linked, fields).
    expect(sample).toHaveLength(3);
    for (const embed of sample) {
      expect(embed.url).toMatch(/^https:\/\//);
      expect(embed.fields?.map((f) => f.name)).toContain("지역");
    }
    expect(sample.map((e) => e.title)).toContain(
      "양주시, 2025년 취업 지원프로그램인 ‘요양보호사 자격증 취득 과정’의 교육생 모집",
    );
  });

  it("applies the region and category options, in the moderator's language", async () => {
    const json = await reply(
      alerts(
        "add",
        { query: "관세", region: "31070", category: "trade", mode: "daily" },
        MODERATOR,
        "en-US",
      ),
    );
    const [saved, ...sample] = embeds(json);
    const alert = bot.opened.services.store.alerts
      .listForGuild(TEST_IDS.guild)
      .find((a) => a.query === "관세");
    expect(alert).toMatchObject({
      region: "31070",
      category: "trade",
      mode: "daily",
      locale: "en",
      channelId: TEST_IDS.channel,
    });
    expect(saved?.title).toBe(`🔔 Alert #${alert?.id} saved`);
    expect(saved?.description?.split("\n").slice(0, 2)).toEqual([
      `<#${TEST_IDS.channel}> · daily digest at 9:00`,
      "Question: Pyeongtaek-si · Export & trade · “관세”",
    ]);
    expect(sample.map((e) => e.title)).toEqual([
      "평택시, 미국 관세 정책에 따른 대응 방안을 논의하기 위해 7개 관계기관과 비상경제협의체 회의 진행",
    ]);
  });

  it("says so when the question gives nothing to search for", async () => {
    const json = await reply(alerts("add", { query: "언제" }));
    expect(embeds(json)[0]?.description).toBe(
      "“언제”에서 찾을 낱말이나 지역·분야를 알아듣지 못했습니다. 찾을 내용을 적어 주세요.",
    );
  });

  it("completes the question from the index's words", async () => {
    const raw = autocompleteInteraction({
      name: "alerts",
      subcommand: "add",
      focused: "query",
      value: "고양 설",
    });
    const [callback] = await bot.interact(raw);
    const choices = (body(callback).data as { choices: Array<{ value: string }> }).choices;
    expect(choices[0]?.value).toBe("고양 설");
    expect(choices.map((c) => c.value)).toContain("고양 설명회");
  });
});

describe("/alerts list, pause, resume, remove", () => {
  it("lists every alert of the server for everyone: number, channel, question, mode, last post", async () => {
    const json = await reply(alerts("list", {}, MEMBER));
    expect(json.flags).toBe(64);
    const [list] = embeds(json);
    const stored = bot.opened.services.store.alerts.listForGuild(TEST_IDS.guild);
    expect(list?.title).toBe(`🔔 이 서버의 알림 (${stored.length}/${MAX_ALERTS_PER_GUILD})`);
    expect(list?.fields).toEqual([
      {
        name: `알림 #${stored[0]?.id} · “교육”`,
        value: `<#${EXPORT}> · 바로 · 아직 게시 없음`,
        inline: false,
      },
      {
        name: `알림 #${stored[1]?.id} · 평택시 · 수출 · “관세”`,
        value: `<#${TEST_IDS.channel}> · 매일 9시 모아서 · 아직 게시 없음`,
        inline: false,
      },
    ]);
  });

  it("offers the server's alerts by number or question when one is to be picked", async () => {
    const raw = autocompleteInteraction({
      name: "alerts",
      subcommand: "pause",
      focused: "id",
      value: "교",
    });
    const [callback] = await bot.interact(raw);
    const [first] = bot.opened.services.store.alerts.listForGuild(TEST_IDS.guild);
    expect((body(callback).data as { choices: unknown[] }).choices).toEqual([
      { name: `#${first?.id} · “교육”`, value: String(first?.id) },
    ]);
  });

  it("pauses and resumes for moderators, shows why an alert is paused, refuses members", async () => {
    const [first] = bot.opened.services.store.alerts.listForGuild(TEST_IDS.guild);
    const id = String(first?.id);
    expect(embeds(await reply(alerts("pause", { id }, MEMBER)))[0]?.description).toBe(
      "채널 관리 권한이 있는 사람만 알림을 만들거나 지우거나 멈출 수 있습니다.",
    );
    expect(embeds(await reply(alerts("pause", { id: `#${id}` })))[0]?.description).toBe(
      `알림 #${id}을(를) 일시 중지했습니다. /alerts resume 으로 다시 켤 수 있습니다.`,
    );
    const listed = embeds(await reply(alerts("list", {}, MEMBER)))[0]?.fields?.[0]?.value;
    expect(listed).toBe(`<#${EXPORT}> · 바로 · 아직 게시 없음\n⏸️ 일시 중지됨 (모더레이터)`);
    expect(embeds(await reply(alerts("resume", { id })))[0]?.description).toBe(
      `알림 #${id}을(를) 다시 켰습니다. 지금부터 들어오는 새 소식을 올립니다.`,
    );
    expect(bot.opened.services.store.alerts.get(Number(id))?.pausedAt).toBeNull();
  });

  it("shows why an alert was paused when its channel refused a post", async () => {
    const [first] = bot.opened.services.store.alerts.listForGuild(TEST_IDS.guild);
    const id = first?.id ?? 0;
    bot.opened.services.store.alerts.setPaused(TEST_IDS.guild, id, "Missing Permissions (50013)");
    const listed = embeds(await reply(alerts("list", {}, MEMBER)))[0]?.fields?.[0]?.value;
    expect(listed).toBe(
      `<#${EXPORT}> · 바로 · 아직 게시 없음\n⏸️ 일시 중지됨 — 채널이 게시를 거부: Missing Permissions (50013)`,
    );
    await reply(alerts("resume", { id: String(id) }));
  });

  it("says which alerts exist when the number is not this server's", async () => {
    expect(embeds(await reply(alerts("remove", { id: "999" })))[0]?.description).toBe(
      "이 서버에는 알림 999이(가) 없습니다. /alerts list 로 번호를 확인하세요.",
    );
  });

  it("removes an alert", async () => {
    const [first] = bot.opened.services.store.alerts.listForGuild(TEST_IDS.guild);
    const json = await reply(alerts("remove", { id: String(first?.id) }));
    expect(embeds(json)[0]?.description).toBe(`알림 #${first?.id}을(를) 지웠습니다: “교육”`);
    expect(bot.opened.services.store.alerts.get(first?.id ?? 0)).toBeNull();
  });
});

describe("the limit", () => {
  it(`keeps at most ${MAX_ALERTS_PER_GUILD} alerts per server and says so clearly`, async () => {
    const store = bot.opened.services.store.alerts;
    while (store.listForGuild(TEST_IDS.guild).length < MAX_ALERTS_PER_GUILD) {
      await reply(alerts("add", { query: `관세 ${store.listForGuild(TEST_IDS.guild).length}` }));
    }
    const json = await reply(alerts("add", { query: "수출" }));
    expect(embeds(json)[0]?.description).toBe(
      "이 서버의 알림이 이미 25개로 최대입니다. /alerts remove 로 하나를 지운 뒤 다시 만드세요.",
    );
    expect(store.listForGuild(TEST_IDS.guild)).toHaveLength(MAX_ALERTS_PER_GUILD);
    // The full list still fits one message.
    const list = await reply(alerts("list", {}, MEMBER));
    expect(embeds(list)[0]?.fields).toHaveLength(MAX_ALERTS_PER_GUILD);
  });
});
