/**
 * The last guard before Discord (every limit, whatever a command built), and the console's
 * reading of slash commands typed as text.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { clampChoices } from "../src/command/choices.ts";
import { type CommandRegistry, loadCommands } from "../src/command/registry.ts";
import { parseConsoleLine, splitWords } from "../src/console/parse.ts";
import { fitReply } from "../src/discord/limits-guard.ts";
import { toMessagePayload } from "../src/discord/payload.ts";
import { embedLength, withinEmbedBudget } from "../src/present/embed-budget.ts";
import type { EmbedModel } from "../src/present/reply-model.ts";

// discord.js checks lengths in UTF-16 units before sending; Discord counts code points, never more.
const length = (text: string | undefined) => (text ?? "").length;

describe("fitReply", () => {
  const huge = "가".repeat(5000);
  const oversized: EmbedModel = {
    title: huge,
    url: "javascript:alert(1)",
    description: huge,
    color: 0x1000000,
    fields: [
      { name: "", value: "dropped: no name" },
      { name: "empty value", value: "  " },
      ...Array.from({ length: 30 }, (_, i) => ({ name: `필드 ${i} ${huge}`, value: huge })),
    ],
    footer: huge,
  };

  it("cuts every string to its limit, drops empty fields and bad links", () => {
    const fitted = fitReply({ content: huge, embeds: [oversized], buttons: [] });
    expect(length(fitted.content)).toBeLessThanOrEqual(2000);
    const [embed] = fitted.embeds;
    expect(embed).toBeDefined();
    expect(length(embed?.title)).toBeLessThanOrEqual(256);
    expect(embed?.url).toBeUndefined();
    expect(embed?.color).toBeUndefined();
    expect(length(embed?.footer)).toBeLessThanOrEqual(2048);
    for (const field of embed?.fields ?? []) {
      expect(field.name.trim()).not.toBe("");
      expect(field.value.trim()).not.toBe("");
      expect(length(field.name)).toBeLessThanOrEqual(256);
      expect(length(field.value)).toBeLessThanOrEqual(1024);
    }
    expect(embed && embedLength(embed)).toBeLessThanOrEqual(6000);
  });

  it("keeps at most 10 embeds and 6,000 characters across them, shortening descriptions first", () => {
    const embed: EmbedModel = { title: "제목", description: "나".repeat(1500), fields: [] };
    const embeds = Array.from({ length: 12 }, () => ({ ...embed }));
    const fitted = fitReply({ embeds, buttons: [] });
    expect(fitted.embeds.length).toBe(10);
    for (const kept of fitted.embeds) {
      expect(kept.title).toBe("제목");
      expect(length(kept.description)).toBeLessThanOrEqual(200);
    }
    expect(fitted.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
    // The reply built by a command is not changed by its guard.
    expect(embeds[0]?.description).toBe("나".repeat(1500));
  });

  it("drops trailing embeds when even bare titles and fields run over, then a lone embed's fields", () => {
    const field = { name: "항목", value: "값".repeat(1000) };
    const heavy: EmbedModel = { title: "제목", description: "설명", fields: [field, field, field] };
    const kept = withinEmbedBudget([heavy, heavy, heavy]);
    expect(kept.length).toBe(1);
    expect(kept[0]?.description).toBeUndefined();
    expect(kept[0]?.fields.length).toBe(3);
    const lone = withinEmbedBudget([{ title: "제목", fields: Array(8).fill(field) }]);
    expect(lone[0]?.fields.length).toBe(5);
    expect(embedLength(lone[0] as EmbedModel)).toBeLessThanOrEqual(6000);
  });

  it("drops buttons whose custom id is too long and shortens labels; payloads never ping", () => {
    const payload = toMessagePayload({
      embeds: [{ description: "x", fields: [] }],
      buttons: [
        { customId: "a".repeat(101), label: "too long" },
        { customId: "ok", label: "다".repeat(100) },
      ],
    });
    const json = payload.components.map((row) => row.toJSON());
    expect(json).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 2, custom_id: "ok", label: `${"다".repeat(79)}…`, disabled: false },
        ],
      },
    ]);
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });

  it("autocomplete: ≤ 25 choices, names ≤ 100, values never cut", () => {
    const choices = clampChoices([
      { name: "긴 값", value: "x".repeat(101) },
      ...Array.from({ length: 40 }, (_, i) => ({
        name: `${"이름".repeat(80)} ${i}`,
        value: `v${i}`,
      })),
    ]);
    expect(choices).toHaveLength(25);
    expect(choices[0]?.value).toBe("v0");
    for (const c of choices) expect(length(c.name)).toBeLessThanOrEqual(100);
  });
});

describe("console lines", () => {
  let registry: CommandRegistry;
  beforeAll(async () => {
    registry = await loadCommands();
  });

  it("splits on spaces but keeps quoted text together", () => {
    expect(splitWords('search query:"upcoming seminars in Goyang" region:고양')).toEqual([
      "search",
      "query:upcoming seminars in Goyang",
      "region:고양",
    ]);
    expect(splitWords("search “고양 설명회”")).toEqual(["search", "고양 설명회"]);
  });

  it("reads options like Discord: named, bare, unquoted runs, typed values, choices by name", () => {
    const parse = (line: string) => parseConsoleLine(line, registry);
    expect(parse("/news search 관세")).toEqual({
      kind: "command",
      command: "news",
      subcommand: "search",
      options: new Map([["query", "관세"]]),
    });
    expect(
      parse("/news search query:upcoming seminars in Goyang upcoming:yes category:수출·통상"),
    ).toEqual({
      kind: "command",
      command: "news",
      subcommand: "search",
      options: new Map<string, string | boolean>([
        ["query", "upcoming seminars in Goyang"],
        ["category", "trade"],
        ["upcoming", true],
      ]),
    });
    expect(parse("/deadlines list days:30 고양")).toMatchObject({
      options: new Map<string, string | number>([
        ["days", 30],
        ["region", "고양"],
      ]),
    });
    expect(parse("/reindex")).toEqual({
      kind: "command",
      command: "reindex",
      subcommand: null,
      options: new Map(),
    });
    expect(parse("/deadlines list days:400")).toEqual({
      kind: "error",
      message: expect.stringMatching(
        /^days: at most 365\nusage: \/deadlines list \[days:<number>\] \[region:<text>\] \[category:<seminar\|/,
      ),
    });
    expect(parse("2")).toEqual({ kind: "button", number: 2 });
    expect(parse("exit")).toEqual({ kind: "exit" });
    expect(parse("/nope")).toMatchObject({
      kind: "error",
      message: expect.stringContaining("unknown command"),
    });
  });
});
