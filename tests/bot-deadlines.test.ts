/**
 * /deadlines through a real discord.js Client: the list for everyone, subscriptions for members
 * who can manage channels, and the status with each subscription's last error.
 */
import { ApplicationCommandOptionType, PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelSender } from "../src/discord/channel-io.ts";
import { planFromIndex } from "../src/schedule/digest-plan.ts";
import { runDigests } from "../src/schedule/reminders.ts";
import { body, type Harness, startHarness } from "./support/bot-harness.ts";
import {
  chatInputInteraction,
  type FakeDiscord,
  startFakeDiscord,
  TEST_IDS,
} from "./support/fake-discord.ts";

const NO_MENTIONS = { parse: [] };
const MEMBER =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.UseApplicationCommands;
const MODERATOR = MEMBER | PermissionFlagsBits.ManageChannels;
const ALERTS = "1100000000000000042";

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

function deadlines(
  subcommand: string,
  options: Record<
    string,
    string | number | { type: ApplicationCommandOptionType; value: string }
  > = {},
  memberPermissions: bigint = MEMBER,
) {
  return chatInputInteraction({ name: "deadlines", subcommand, options, memberPermissions });
}

const channel = (id: string) => ({ type: ApplicationCommandOptionType.Channel, value: id });

describe("/deadlines list", () => {
  it("as of 2025-04-10, 30 days: Yangju at D-8, then Goyang at D-20", async () => {
    const requests = await bot.interact(deadlines("list", { days: 30 }));
    expect(requests.map((r) => r.method)).toEqual(["POST", "PATCH"]);
    expect(body(requests[0])).toEqual({ type: 5, data: { flags: 0 } });
    const edit = body(requests[1]);
    expect(edit.content).toBe("📅 2025-04-10 기준 30일 이내 — 2건");
    expect(edit.allowed_mentions).toEqual(NO_MENTIONS);
    expect(edit.components).toEqual([]);
    const [closing] = edit.embeds as Array<{ title: string; description: string }>;
    expect(closing?.title).toBe("마감 임박 지원사업");
    const lines = closing?.description.split("\n") ?? [];
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^`D-8` 2025-04-18 \[.*양주.*\]\(https:/);
    expect(lines[1]).toMatch(/^`D-20` 2025-04-30 \[.*고양.*\]\(https:/);
  });

  it("filters by region, in English for an English client", async () => {
    const raw = chatInputInteraction({
      name: "deadlines",
      subcommand: "list",
      options: { days: 30, region: "31100" },
      locale: "en-GB",
    });
    const edit = body((await bot.interact(raw))[1]);
    expect(edit.content).toBe("📅 30 days from 2025-04-10 — 1 deadline · Goyang-si");
    const [closing] = edit.embeds as Array<{ title: string; description: string }>;
    expect(closing?.title).toBe("Closing soon");
    expect(closing?.description).toMatch(/^`D-20` 2025-04-30 /);
  });
});

describe("subscriptions", () => {
  it("subscribe without Manage Channels is refused, privately, and nothing is saved", async () => {
    const requests = await bot.interact(deadlines("subscribe", { channel: channel(ALERTS) }));
    expect(requests).toHaveLength(1);
    expect(body(requests[0])).toEqual({
      type: 4,
      data: {
        content: "",
        tts: false,
        enforce_nonce: false,
        embeds: [
          {
            description: "채널 관리 권한이 있는 사람만 알림을 설정할 수 있습니다.",
            color: 0xf59e0b,
          },
        ],
        components: [],
        allowed_mentions: NO_MENTIONS,
        flags: 64,
      },
    });
    expect(bot.opened.services.store.listForGuild(TEST_IDS.guild)).toEqual([]);
    const unsubscribe = await bot.interact(deadlines("unsubscribe", {}));
    expect(body(unsubscribe[0])).toMatchObject({ type: 4, data: { flags: 64 } });
  });

  it("subscribe, status, unsubscribe with Manage Channels", async () => {
    const subscribed = await bot.interact(
      deadlines("subscribe", { channel: channel(ALERTS), region: "고양", hour: 8 }, MODERATOR),
    );
    expect(body(subscribed[0])).toEqual({
      type: 4,
      data: {
        content: "",
        tts: false,
        enforce_nonce: false,
        embeds: [
          {
            description: `<#${ALERTS}> 채널에 매일 8시(한국 시간) 마감 알림(D-7, D-3, D-1, 당일)을 보냅니다.\n범위: 고양시`,
            color: 0x22c55e,
          },
        ],
        components: [],
        allowed_mentions: NO_MENTIONS,
      },
    });
    expect(bot.opened.services.store.listForGuild(TEST_IDS.guild)).toMatchObject([
      { channelId: ALERTS, region: "고양", category: null, hour: 8, createdBy: TEST_IDS.user },
    ]);

    // The default hour comes from the configuration (REMINDER_HOUR, 9 here).
    await bot.interact(
      deadlines("subscribe", { channel: channel(TEST_IDS.channel), category: "trade" }, MODERATOR),
    );
    expect(bot.opened.services.store.listForGuild(TEST_IDS.guild).map((s) => s.hour)).toEqual([
      9, 8,
    ]);

    // A post that Discord refused shows up in the status, for everyone.
    bot.opened.services.store.recordFailure(TEST_IDS.guild, ALERTS, "Missing Permissions (50013)");
    const status = body((await bot.interact(deadlines("status")))[0]);
    expect(status).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: NO_MENTIONS } });
    const [embed] = (status.data as { embeds: Array<{ title: string; description: string }> })
      .embeds;
    expect(embed?.title).toBe("🔔 마감 알림 구독");
    const blocks = embed?.description.split("\n\n") ?? [];
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toBe(`<#${TEST_IDS.channel}> · 매일 9시 · 수출·통상\n✅ 정상`);
    expect(blocks[1]).toMatch(
      new RegExp(
        `^<#${ALERTS}> · 매일 8시 · 고양시\\n⚠️ 마지막 오류: Missing Permissions \\(50013\\) \\(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\) · 실패 시작 `,
      ),
    );

    const removed = body(
      (await bot.interact(deadlines("unsubscribe", { channel: channel(ALERTS) }, MODERATOR)))[0],
    );
    expect(removed).toMatchObject({
      type: 4,
      data: {
        embeds: [{ description: `<#${ALERTS}> 채널의 마감 알림을 껐습니다.` }],
        allowed_mentions: NO_MENTIONS,
      },
    });
    // Without a channel, unsubscribe means "this channel", never "every channel".
    await bot.interact(deadlines("unsubscribe", {}, MODERATOR));
    expect(bot.opened.services.store.listForGuild(TEST_IDS.guild)).toEqual([]);
    const empty = body((await bot.interact(deadlines("status")))[0]);
    expect(JSON.stringify(empty)).toContain("이 서버에는 알림 구독이 없습니다.");
  });

  it("an administrator counts as able to manage channels; an unknown region is refused", async () => {
    const refused = body(
      (
        await bot.interact(
          deadlines(
            "subscribe",
            { channel: channel(ALERTS), region: "아틀란티스" },
            PermissionFlagsBits.Administrator,
          ),
        )
      )[0],
    );
    expect(refused).toMatchObject({
      type: 4,
      data: {
        flags: 64,
        embeds: [{ description: "“아틀란티스” 지역을 찾지 못했습니다. 목록에서 골라 주세요." }],
      },
    });
    const accepted = body(
      (
        await bot.interact(
          deadlines("subscribe", { channel: channel(ALERTS) }, PermissionFlagsBits.Administrator),
        )
      )[0],
    );
    expect(accepted).toMatchObject({ type: 4 });
    expect((accepted.data as { flags?: number }).flags).toBeUndefined();
    bot.opened.services.store.unsubscribe(TEST_IDS.guild);
  });

  it("outside a server, subscriptions are explained away", async () => {
    const raw = chatInputInteraction({
      name: "deadlines",
      subcommand: "status",
      guildId: null,
    });
    const reply = body((await bot.interact(raw))[0]);
    expect(reply).toMatchObject({
      type: 4,
      data: { flags: 64, embeds: [{ description: "서버 안에서만 쓸 수 있는 명령입니다." }] },
    });
  });
});

describe("daily digests from the serving index", () => {
  it("as of 2025-04-11 a channel hears about Yangju at D-7, posted once with a nonce", async () => {
    const { store, index } = bot.opened.services;
    store.subscribe({
      guildId: TEST_IDS.guild,
      channelId: ALERTS,
      hour: 9,
      createdBy: TEST_IDS.user,
    });
    const plan = planFromIndex(index);
    const subscription = store.listForGuild(TEST_IDS.guild)[0];
    if (!subscription) throw new Error("no subscription");
    const due = await plan(subscription, "2025-04-11");
    expect(due.map((d) => ({ offset: d.offsetDays, deadline: d.deadline }))).toEqual([
      { offset: 7, deadline: "2025-04-18" },
    ]);

    const client = bot.newClient();
    const run = () =>
      runDigests({
        store,
        now: new Date("2025-04-11T01:00:00Z"),
        plan,
        send: channelSender(client),
      });
    const [outcome] = await run();
    expect(outcome).toMatchObject({ status: "sent", channelId: ALERTS });
    const [again] = await run();
    expect(again).toMatchObject({ status: "skipped", why: "done-today" });
    const posts = fake.posted.filter((p) => p.channelId === ALERTS);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toMatchObject({ enforce_nonce: true, allowed_mentions: NO_MENTIONS });
    expect(String(posts[0]?.body.content)).toContain("D-7");
    store.unsubscribe(TEST_IDS.guild);
  });

  it("a channel subscribed by a member with an English client gets its digest in English", async () => {
    const raw = chatInputInteraction({
      name: "deadlines",
      subcommand: "subscribe",
      options: { channel: channel(ALERTS) },
      memberPermissions: MODERATOR,
      locale: "en-US",
    });
    const reply = body((await bot.interact(raw))[0]);
    expect(JSON.stringify(reply)).toContain("will get deadline reminders");
    const { store, index } = bot.opened.services;
    expect(store.listForGuild(TEST_IDS.guild)).toMatchObject([{ channelId: ALERTS, locale: "en" }]);

    const [outcome] = await runDigests({
      store,
      now: new Date("2025-04-15T01:00:00Z"),
      plan: planFromIndex(index),
      send: channelSender(bot.newClient()),
    });
    expect(outcome).toMatchObject({ status: "sent", channelId: ALERTS });
    const post = fake.posted.filter((p) => p.channelId === ALERTS).at(-1);
    expect(String(post?.body.content)).toMatch(
      /^\*\*Deadline reminders\*\* \(2025-04-15\)\n• \*\*D-3\*\* .+ — closes Fri 4\/18$/,
    );
    store.unsubscribe(TEST_IDS.guild);
  });
});
