/** Startup concerns: configuration from the environment, and a logger that never leaks tokens. */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { DEFAULT_API_URL, DEFAULT_DATA_DIR, loadConfig } from "../src/runtime/config.ts";
import { createLogger } from "../src/runtime/logger.ts";

const CLIENT_ID = "1234567890123456789";

function errorsOf(env: Record<string, string>): string[] {
  const result = loadConfig(env);
  if (result.ok) throw new Error("expected the configuration to be rejected");
  return result.errors;
}

describe("loadConfig", () => {
  it("an empty environment is a valid offline console with documented defaults", () => {
    expect(loadConfig({})).toEqual({
      ok: true,
      config: {
        token: null,
        clientId: null,
        guildId: null,
        apiUrl: DEFAULT_API_URL,
        dataDirs: [DEFAULT_DATA_DIR],
        stateDir: "state",
        logLevel: "info",
        reminderHour: 9,
        sourcesFile: "sources.json",
        contactUrl: null,
        apiKeys: {},
        fetch: { gapMs: 2000, timeoutMs: 15000 },
      },
    });
  });

  it("reads every variable, trimming values and the API URL's trailing slash", () => {
    const result = loadConfig({
      DISCORD_TOKEN: " abc.def.ghi ",
      DISCORD_CLIENT_ID: CLIENT_ID,
      DISCORD_GUILD_ID: "98765432109876543",
      DISCORD_API_URL: "http://127.0.0.1:4000/api/",
      JIWON_DATA_DIRS: "index-data, extra-data,",
      JIWON_STATE_DIR: "/var/lib/jiwon",
      LOG_LEVEL: "DEBUG",
      REMINDER_HOUR: "07",
      JIWON_SOURCES: " /etc/jiwon/sources.json ",
      JIWON_CONTACT_URL: "https://github.com/example/jiwon",
      BIZINFO_API_KEY: " biz-key ",
      JIWON_FETCH_GAP_MS: "0",
      UNRELATED: "ignored",
    });
    expect(result).toEqual({
      ok: true,
      config: {
        token: "abc.def.ghi",
        clientId: CLIENT_ID,
        guildId: "98765432109876543",
        apiUrl: "http://127.0.0.1:4000/api",
        dataDirs: ["index-data", "extra-data"],
        stateDir: "/var/lib/jiwon",
        logLevel: "debug",
        reminderHour: 7,
        sourcesFile: "/etc/jiwon/sources.json",
        contactUrl: "https://github.com/example/jiwon",
        apiKeys: { BIZINFO_API_KEY: "biz-key" },
        fetch: { gapMs: 0, timeoutMs: 15000 },
      },
    });
  });

  it("rejects a contact URL that is not http(s) and an API key with spaces, by name", () => {
    expect(
      errorsOf({ JIWON_CONTACT_URL: "mailto:me@example.com", KSTARTUP_API_KEY: "a b" }),
    ).toEqual([
      'JIWON_CONTACT_URL must be an http(s) URL where site operators can reach you (a repository, a contact page), got "mailto:me@example.com"',
      "KSTARTUP_API_KEY must be the bare key without spaces",
    ]);
  });

  it("treats blank values as unset", () => {
    const result = loadConfig({ DISCORD_TOKEN: "", DISCORD_GUILD_ID: "  ", REMINDER_HOUR: "" });
    expect(result).toMatchObject({ ok: true, config: { token: null, reminderHour: 9 } });
  });

  it("requires the client id once a token is set", () => {
    expect(errorsOf({ DISCORD_TOKEN: "abc.def" })).toEqual([
      "DISCORD_CLIENT_ID is required when DISCORD_TOKEN is set",
    ]);
  });

  it("gives exactly one clear message per invalid value, never echoing the token", () => {
    const errors = errorsOf({
      DISCORD_TOKEN: "Bot secret-token",
      DISCORD_CLIENT_ID: "abc",
      DISCORD_GUILD_ID: "12",
      DISCORD_API_URL: "https://discord.com/api/v10",
      JIWON_DATA_DIRS: ",",
      LOG_LEVEL: "verbose",
      REMINDER_HOUR: "25",
    });
    expect(errors).toEqual([
      'DISCORD_TOKEN must be the bare token without spaces (drop any "Bot " prefix)',
      'DISCORD_CLIENT_ID must be a Discord snowflake id (17–20 digits), got "abc"',
      'DISCORD_GUILD_ID must be a Discord snowflake id (17–20 digits), got "12"',
      'DISCORD_API_URL must be an http(s) URL of the API base without a version (like https://discord.com/api), got "https://discord.com/api/v10"',
      'JIWON_DATA_DIRS must list at least one directory (comma-separated), got ","',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
      'REMINDER_HOUR must be a whole hour 0–23, got "25"',
    ]);
    expect(errors.join("\n")).not.toContain("secret-token");
  });

  it.each(["-1", "9.5", "24", "nine", "0x9"])("rejects REMINDER_HOUR=%s", (hour) => {
    expect(errorsOf({ REMINDER_HOUR: hour })).toEqual([
      `REMINDER_HOUR must be a whole hour 0–23, got "${hour}"`,
    ]);
  });

  it("rejects an API URL that is not http(s)", () => {
    expect(errorsOf({ DISCORD_API_URL: "ftp://example.com/api" })[0]).toMatch(/^DISCORD_API_URL/);
  });
});

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

describe("createLogger", () => {
  const TOKEN = "MTEwMDAwMDAwMDAw.secret.token-value";

  it("writes JSON lines and redacts tokens by path and by value", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "info", destination, secrets: [TOKEN] });
    logger.info(
      {
        token: "interaction-token",
        config: { DISCORD_TOKEN: TOKEN, token: TOKEN },
        request: { headers: { authorization: `Bot ${TOKEN}` } },
        note: `someone pasted ${TOKEN} here`,
      },
      "starting",
    );
    logger.debug("below the level");
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? "");
    expect(entry).toMatchObject({
      level: 30,
      msg: "starting",
      token: "[redacted]",
      config: { DISCORD_TOKEN: "[redacted]", token: "[redacted]" },
      request: { headers: { authorization: "[redacted]" } },
      note: "someone pasted [redacted] here",
    });
    expect(lines[0]).not.toContain("secret");
  });

  it("serialises errors with their stack and masks interaction tokens in URLs", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "info", destination });
    const error = Object.assign(
      new Error("failed: /api/v10/webhooks/1100000000000000001/aW50ZXJhY3Rpb24/messages/@original"),
      { url: "http://127.0.0.1/api/v10/interactions/1100000000000000009/aW50ZXJhY3Rpb24/callback" },
    );
    logger.error({ err: error }, "send failed");
    logger.error(error);
    for (const line of lines) {
      const entry = JSON.parse(line);
      expect(entry.err.type).toBe("Error");
      expect(entry.err.stack).toContain("config.test.ts");
      expect(line).not.toContain("aW50ZXJhY3Rpb24");
    }
    expect(JSON.parse(lines[0] ?? "").err.url).toContain(
      "/interactions/1100000000000000009/[redacted]",
    );
  });

  it("pretty-prints when asked, still redacted", () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "info", destination, pretty: true, secrets: [TOKEN] });
    logger.info({ token: TOKEN }, "안녕");
    const text = lines.join("");
    expect(text).toContain("INFO");
    expect(text).toContain("안녕");
    expect(text).not.toContain(TOKEN);
  });
});
