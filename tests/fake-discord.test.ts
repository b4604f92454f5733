/**
 * Proves the loopback Discord against a real discord.js Client: the requests discord.js makes
 * for each kind of interaction response, a real gateway login, and channel posts.
 */
import { constants, inflateSync } from "node:zlib";
import {
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  type Interaction,
  type TextChannel,
} from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  type FakeDiscord,
  injectInteraction,
  type RecordedRequest,
  startFakeDiscord,
} from "./support/fake-discord.ts";

let fake: FakeDiscord;
const clients: Client[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord();
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
});

afterAll(async () => {
  await fake.close();
});

/**
 * A client that never logs in: interactions are injected, REST goes to the fake. Like the bot,
 * it defaults to pinging nobody, which discord.js sends as `allowed_mentions` on every message.
 */
function offlineClient(): Client {
  const client = new Client({
    intents: [],
    rest: { api: fake.url, retries: 0 },
    allowedMentions: { parse: [] },
  });
  client.rest.setToken("test");
  clients.push(client);
  return client;
}

function forInteraction(id: string, token: string) {
  return (r: RecordedRequest) => r.path.includes(`/${id}/`) || r.path.includes(`/${token}`);
}

/** Runs `handler` on the next interaction and surfaces its failure to the test. */
function handleNext(client: Client, handler: (i: Interaction) => Promise<unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once(Events.InteractionCreate, (interaction) => {
      handler(interaction).then(() => resolve(), reject);
    });
  });
}

describe("interaction responses through a real discord.js Client", () => {
  it("deferReply then editReply: a type 5 callback, then a PATCH of @original with embeds", async () => {
    const client = offlineClient();
    const raw = chatInputInteraction({ name: "검색", options: { 검색어: "관세" } });
    const done = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
      expect(interaction.options.getString("검색어")).toBe("관세");
      expect(interaction.locale).toBe("ko");
      await interaction.deferReply();
      await interaction.editReply({ embeds: [new EmbedBuilder().setTitle("관세 설명회")] });
    });
    injectInteraction(client, raw);
    await done;

    const mine = fake.requests.filter(forInteraction(raw.id, raw.token));
    expect(mine.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /api/v10/interactions/${raw.id}/${raw.token}/callback`,
      `PATCH /api/v10/webhooks/${raw.application_id}/${raw.token}/messages/%40original`,
    ]);
    expect(mine[0]?.json).toMatchObject({ type: 5 });
    expect(mine[0]?.status).toBe(204);
    expect(mine[1]?.json).toMatchObject({
      embeds: [{ title: "관세 설명회" }],
      allowed_mentions: { parse: [] },
    });
  });

  it("reply: a type 4 callback carrying the content", async () => {
    const client = offlineClient();
    const raw = chatInputInteraction({ name: "도움말", subcommand: "명령어", locale: "en-US" });
    const done = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
      expect(interaction.options.getSubcommand()).toBe("명령어");
      expect(interaction.locale).toBe("en-US");
      await interaction.reply({ content: "안녕하세요", allowedMentions: { parse: [] } });
    });
    injectInteraction(client, raw);
    await done;
    const callback = await fake.waitFor((r) => r.path.includes(`/interactions/${raw.id}/`));
    expect(callback.json).toMatchObject({
      type: 4,
      data: { content: "안녕하세요", allowed_mentions: { parse: [] } },
    });
  });

  it("autocomplete respond: a type 8 callback with choices", async () => {
    const client = offlineClient();
    const raw = autocompleteInteraction({ name: "구독", focused: "지역", value: "경기" });
    const done = handleNext(client, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error("expected autocomplete");
      expect(interaction.options.getFocused(true)).toMatchObject({ name: "지역", value: "경기" });
      await interaction.respond([{ name: "경기도", value: "41" }]);
    });
    injectInteraction(client, raw);
    await done;
    const callback = await fake.waitFor((r) => r.path.includes(`/interactions/${raw.id}/`));
    expect(callback.json).toEqual({
      type: 8,
      data: { choices: [{ name: "경기도", value: "41" }] },
    });
  });

  it("button update: a type 7 callback", async () => {
    const client = offlineClient();
    const raw = buttonInteraction({ customId: "page:2" });
    const done = handleNext(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error("expected a button");
      expect(interaction.customId).toBe("page:2");
      await interaction.update({ content: "2쪽" });
    });
    injectInteraction(client, raw);
    await done;
    const callback = await fake.waitFor((r) => r.path.includes(`/interactions/${raw.id}/`));
    expect(callback.json).toMatchObject({ type: 7, data: { content: "2쪽" } });
  });

  it("a second acknowledgement is refused like Discord does (40060)", async () => {
    const client = offlineClient();
    const raw = chatInputInteraction({ name: "검색" });
    const done = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
      await interaction.deferReply();
      // discord.js guards its own state, so acknowledge again through REST directly.
      await expect(
        client.rest.post(`/interactions/${raw.id}/${raw.token}/callback`, {
          body: { type: 4, data: { content: "again" } },
          auth: false,
        }),
      ).rejects.toMatchObject({ code: 40060 });
    });
    injectInteraction(client, raw);
    await done;
  });
});

describe("channel messages", () => {
  it("a send with nonce + enforceNonce reaches the server with those fields", async () => {
    const client = offlineClient();
    const channel = (await client.channels.fetch(fake.ids.channel, {
      allowUnknownGuild: true,
    })) as TextChannel;
    const sent = await channel.send({
      content: "오늘의 마감",
      nonce: "jw-abc",
      enforceNonce: true,
      allowedMentions: { parse: [] },
    });
    const request = await fake.waitFor(
      (r) => r.method === "POST" && r.path === `/api/v10/channels/${fake.ids.channel}/messages`,
    );
    expect(request.json).toMatchObject({
      content: "오늘의 마감",
      nonce: "jw-abc",
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
    expect(request.headers.authorization).toBe("Bot test");
    expect(sent.content).toBe("오늘의 마감");

    // The same nonce again: Discord hands back the first message instead of posting twice.
    const again = await channel.send({
      content: "오늘의 마감",
      nonce: "jw-abc",
      enforceNonce: true,
    });
    expect(again.id).toBe(sent.id);
    expect(fake.posted.filter((p) => p.body.nonce === "jw-abc")).toHaveLength(1);
  });

  it("a channel configured to answer 403 rejects with DiscordAPIError 50013", async () => {
    const client = offlineClient();
    const forbidden = "1100000000000000999";
    fake.setChannelResponse(forbidden, 403);
    const channel = (await client.channels.fetch(forbidden, {
      allowUnknownGuild: true,
    })) as TextChannel;
    const error = await channel.send("hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 403, code: 50013, message: "Missing Permissions" });
    fake.setChannelResponse(forbidden, 200);
    await expect(channel.send("hi")).resolves.toBeTruthy();
  });

  it("registers commands with PUT and echoes them with ids", async () => {
    const client = offlineClient();
    const body = [{ name: "검색", description: "지원사업 검색" }];
    const created = (await client.rest.put(
      `/applications/${fake.ids.application}/guilds/${fake.ids.guild}/commands`,
      { body },
    )) as Array<{ id: string; name: string; guild_id: string }>;
    expect(created[0]).toMatchObject({ name: "검색", guild_id: fake.ids.guild });
    expect(created[0]?.id).toMatch(/^\d+$/);
  });

  it("unknown routes answer 404 and are recorded", async () => {
    const client = offlineClient();
    await expect(client.rest.get("/guilds/1/widget")).rejects.toMatchObject({ status: 404 });
    expect(fake.requests.at(-1)).toMatchObject({ path: "/api/v10/guilds/1/widget", status: 404 });
  });
});

describe("gateway", () => {
  it("a real login reaches ready and receives a dispatched interaction", async () => {
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: fake.url, retries: 0 },
    });
    clients.push(client);
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login("test-token");
    await ready;

    const connection = fake.gatewayConnections.at(-1);
    expect(connection?.query).toMatchObject({ v: "10", encoding: "json" });
    expect(connection?.identify).toMatchObject({ token: "test-token", intents: 1 });
    expect(client.user?.id).toBe(fake.ids.application);
    expect(client.application?.id).toBe(fake.ids.application);
    expect(client.guilds.cache.get(fake.ids.guild)?.channels.cache.has(fake.ids.channel)).toBe(
      true,
    );

    const raw = chatInputInteraction({ name: "검색" });
    const done = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error("expected a chat input command");
      expect(interaction.guild?.id).toBe(fake.ids.guild);
      await interaction.reply("pong");
    });
    fake.dispatchInteraction(raw);
    await done;
    const callback = await fake.waitFor((r) => r.path.includes(`/interactions/${raw.id}/`));
    expect(callback.json).toMatchObject({ type: 4, data: { content: "pong" } });
  });

  it("a wrong token is refused like Discord: 401, which discord.js reports as TokenInvalid", async () => {
    const strict = await startFakeDiscord({ token: "right-token" });
    const client = new Client({ intents: [], rest: { api: strict.url, retries: 0 } });
    try {
      await expect(client.login("wrong-token")).rejects.toMatchObject({ code: "TokenInvalid" });
      expect(strict.requests.at(-1)).toMatchObject({ path: "/api/v10/gateway/bot", status: 401 });
    } finally {
      await client.destroy();
      await strict.close();
    }
  });

  it("answers heartbeats and speaks zlib-stream when a client asks for it", async () => {
    const socket = new WebSocket(`${fake.gatewayUrl}/?v=10&encoding=json&compress=zlib-stream`);
    const frames: Buffer[] = [];
    const ops: number[] = [];
    let consumed = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no heartbeat ack")), 5_000);
      socket.on("error", reject);
      socket.on("message", (data: Buffer) => {
        frames.push(data);
        // One deflate context per connection: each frame ends in a sync flush, so everything
        // received so far inflates, and the new text is exactly one payload.
        const text = inflateSync(Buffer.concat(frames), { finishFlush: constants.Z_SYNC_FLUSH });
        const payload = JSON.parse(text.subarray(consumed).toString()) as { op: number };
        consumed = text.length;
        ops.push(payload.op);
        if (payload.op === 10) socket.send(JSON.stringify({ op: 1, d: null }));
        if (payload.op === 11) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    socket.close();
    expect(ops).toEqual([10, 11]);
  });
});
