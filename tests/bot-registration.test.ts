/**
 * Command registration against the loopback Discord: the bulk PUT body, the guild or global
 * route, and `/reindex` restricted to Manage Server inside servers.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCommands } from "../src/command/registry.ts";
import { deployCommands } from "../src/discord/registration.ts";
import { type FakeDiscord, startFakeDiscord } from "./support/fake-discord.ts";

type Command = Record<string, unknown> & { name: string; options?: Array<Record<string, unknown>> };

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord({ token: "registration-token" });
});

afterAll(async () => {
  await fake.close();
});

function target(guildId: string | null) {
  return { token: "registration-token", clientId: fake.ids.application, guildId, apiUrl: fake.url };
}

describe("deploy-commands", () => {
  it("registers every command module to the guild when DISCORD_GUILD_ID is set", async () => {
    const result = await deployCommands(target(fake.ids.guild), await loadCommands());
    expect(result).toEqual({
      scope: "guild",
      route: `/applications/${fake.ids.application}/guilds/${fake.ids.guild}/commands`,
      names: ["alerts", "deadlines", "news", "reindex", "sources"],
    });
    const put = await fake.waitFor(
      (r) =>
        r.method === "PUT" &&
        r.path ===
          `/api/v10/applications/${fake.ids.application}/guilds/${fake.ids.guild}/commands`,
    );
    expect(put.headers.authorization).toBe("Bot registration-token");
    const commands = put.json as Command[];
    expect(commands.map((c) => c.name)).toEqual([
      "alerts",
      "deadlines",
      "news",
      "reindex",
      "sources",
    ]);
    // /alerts: servers only; no default permission (everyone lists), the handler checks the rest.
    const alertsCommand = commands.find((c) => c.name === "alerts");
    expect(alertsCommand?.contexts).toEqual([0]);
    expect(alertsCommand?.default_member_permissions ?? null).toBeNull();
    // /sources: everyone lists; refresh and resume are checked for Manage Server in the handler.
    const sourcesCommand = commands.find((c) => c.name === "sources");
    expect(sourcesCommand?.contexts).toEqual([0]);
    expect(sourcesCommand?.default_member_permissions ?? null).toBeNull();
    expect(sourcesCommand?.options?.map((o) => o.name)).toEqual(["list", "refresh", "resume"]);
    expect(commands.find((c) => c.name === "reindex")).toEqual({
      type: 1,
      name: "reindex",
      description: "Re-read the news sources and rebuild the search index (moderators)",
      description_localizations: { ko: "뉴스 자료를 다시 읽어 검색 색인을 새로 만들기 (관리자)" },
      default_member_permissions: "32",
      contexts: [0],
      options: [],
    });
  });

  it("/news search: query ≤ 200 with autocomplete, region autocomplete, category choices, upcoming", async () => {
    await deployCommands(target(fake.ids.guild), await loadCommands());
    const put = fake.requests.findLast((r) => r.method === "PUT");
    const news = ((put?.json ?? []) as Command[]).find((c) => c.name === "news");
    const search = news?.options?.find((o) => o.name === "search") as Command | undefined;
    const options = Object.fromEntries((search?.options ?? []).map((o) => [o.name, o]));
    expect(options.query).toMatchObject({
      type: 3,
      required: true,
      max_length: 200,
      autocomplete: true,
    });
    expect(options.region).toMatchObject({ type: 3, autocomplete: true });
    expect(options.upcoming).toMatchObject({ type: 5 });
    const choices = (options.category as { choices: Array<Record<string, unknown>> }).choices;
    expect(choices.length).toBeGreaterThan(5);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices).toContainEqual({
      name: "Export & trade",
      name_localizations: { ko: "수출·통상" },
      value: "trade",
    });
    expect(news?.default_member_permissions).toBeUndefined();
  });

  it("registers globally without a guild id", async () => {
    const result = await deployCommands(target(null), await loadCommands());
    expect(result.scope).toBe("global");
    const put = await fake.waitFor(
      (r) =>
        r.method === "PUT" && r.path === `/api/v10/applications/${fake.ids.application}/commands`,
    );
    expect((put.json as Command[]).map((c) => c.name)).toEqual([
      "alerts",
      "deadlines",
      "news",
      "reindex",
      "sources",
    ]);
  });

  it("`npm run deploy-commands` (the script itself) registers through DISCORD_API_URL", async () => {
    const before = fake.requests.length;
    const child = spawn(process.execPath, ["bin/run-ts.js", "src/discord/deploy-commands.ts"], {
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: "registration-token",
        DISCORD_CLIENT_ID: fake.ids.application,
        DISCORD_GUILD_ID: fake.ids.guild,
        DISCORD_API_URL: fake.url,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      output += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(output).toContain(
      `registered /alerts, /deadlines, /news, /reindex, /sources for guild ${fake.ids.guild}`,
    );
    expect(code).toBe(0);
    const puts = fake.requests.slice(before).filter((r) => r.method === "PUT");
    expect(puts.map((r) => r.path)).toEqual([
      `/api/v10/applications/${fake.ids.application}/guilds/${fake.ids.guild}/commands`,
    ]);
  }, 30_000);
});
