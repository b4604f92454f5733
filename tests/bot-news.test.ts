/**
 * /news through a real discord.js Client: the exact JSON it sends to the loopback Discord for a
 * deferred search, page buttons (also after a restart), English labels, the empty answer,
 * autocomplete, and a long article full of markdown and mentions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categoryLabel } from "../src/extract/category-lexicon.ts";
import { escapeMarkdown, LIMITS, truncate } from "../src/present/limits.ts";
import { body, type Harness, startHarness } from "./support/bot-harness.ts";
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  type FakeDiscord,
  startFakeDiscord,
} from "./support/fake-discord.ts";
import { makeDataDir } from "./support/news-data.ts";

const LIST_PAGE = "https://www.dailygoodtime.co.kr/news/section_list_all.html?page=32&sec_no=25";
const NO_MENTIONS = { parse: [] };

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

function search(
  query: string,
  extra: Parameters<typeof chatInputInteraction>[0] = { name: "news" },
) {
  return chatInputInteraction({
    ...extra,
    name: "news",
    subcommand: "search",
    options: { query, ...extra.options },
  });
}

interface Row {
  type: number;
  components: Array<{ custom_id: string; label: string; disabled: boolean }>;
}

describe("/news search", () => {
  it("defers (type 5), then edits @original with the interpretation, one embed per result", async () => {
    const requests = await bot.interact(search("upcoming seminars in Goyang"));
    expect(
      requests.map(
        (r) => `${r.method} ${r.path.replace(/\d{17,}/g, "ID").replace(/itoken-ID/, "TOKEN")}`,
      ),
    ).toEqual([
      "POST /api/v10/interactions/ID/TOKEN/callback",
      "PATCH /api/v10/webhooks/ID/TOKEN/messages/%40original",
    ]);
    expect(body(requests[0])).toEqual({ type: 5, data: { flags: 0 } });

    // Titles and summaries come from extraction (tuned elsewhere): take them from the index.
    const seminar = bot.opened.services
      .index()
      .allArticles()
      .find((a) => a.body.includes("세무 설명회"));
    expect(seminar).toBeDefined();
    expect(body(requests[1])).toEqual({
      content: "🔎 고양시 · 설명회 · 2025-04-10 이후 — 1건 · 1/1쪽",
      tts: false,
      enforce_nonce: false,
      embeds: [
        {
          title: truncate(escapeMarkdown(seminar?.title ?? ""), LIMITS.title),
          url: LIST_PAGE,
          description: truncate(escapeMarkdown(seminar?.summary ?? ""), LIMITS.description),
          color: 0x3b82f6,
          fields: [
            { name: "지역", value: "고양시", inline: true },
            {
              name: "분야",
              value: (seminar?.categories ?? [])
                .slice(0, 4)
                .map((id) => categoryLabel(id, "ko"))
                .join(", "),
              inline: true,
            },
            { name: "일정", value: "설명회 2025-05-13 (D-33)", inline: true },
            { name: "신청 기간", value: "~ 2025-04-30 (D-20) · 선착순", inline: true },
            { name: "출처", value: "데일리굿타임 (목록 페이지)", inline: true },
          ],
          footer: { text: "데일리굿타임 · 게시 2025-04-10" },
        },
      ],
      components: [],
      allowed_mentions: NO_MENTIONS,
    });
  });

  it("pages five at a time with Previous/Next buttons and a total count", async () => {
    const requests = await bot.interact(search("지원"));
    const edit = body(requests[1]);
    expect(edit.content).toBe("🔎 “지원” — 7건 · 1/2쪽");
    expect(edit.embeds).toHaveLength(5);
    expect(edit.allowed_mentions).toEqual(NO_MENTIONS);
    expect(edit.components).toEqual([
      {
        type: 1,
        components: [
          {
            type: 2,
            style: 2,
            custom_id: "pg|s|0|20250410|-|-|-|지원",
            label: "◀ 이전",
            disabled: true,
          },
          {
            type: 2,
            style: 2,
            custom_id: "pg|s|1|20250410|-|-|-|지원",
            label: "다음 ▶",
            disabled: false,
          },
        ],
      },
    ]);
  });

  it("a page button still works after a restart: the state is in the custom id", async () => {
    const first = body((await bot.interact(search("지원")))[1]);
    const next = (first.components as Row[])[0]?.components[1]?.custom_id ?? "";
    const pageOneTitles = (first.embeds as Array<{ title: string }>).map((e) => e.title);

    // A new process: new services (fresh state directory), new client, same button.
    const restarted = await startHarness({ fake });
    try {
      const requests = await restarted.interact(buttonInteraction({ customId: next }));
      expect(requests).toHaveLength(1);
      const update = body(requests[0]);
      expect(update.type).toBe(7);
      const data = update.data as Record<string, unknown>;
      expect(data.content).toBe("🔎 “지원” — 7건 · 2/2쪽");
      expect(data.allowed_mentions).toEqual(NO_MENTIONS);
      const titles = (data.embeds as Array<{ title: string }>).map((e) => e.title);
      expect(titles).toHaveLength(2);
      expect(titles.some((t) => pageOneTitles.includes(t))).toBe(false);
      expect(data.components).toEqual([
        {
          type: 1,
          components: [
            {
              type: 2,
              style: 2,
              custom_id: "pg|s|0|20250410|-|-|-|지원",
              label: "◀ 이전",
              disabled: false,
            },
            {
              type: 2,
              style: 2,
              custom_id: "pg|s|1|20250410|-|-|-|지원",
              label: "다음 ▶",
              disabled: true,
            },
          ],
        },
      ]);
    } finally {
      await restarted.close();
    }
  });

  it("a query too long for a custom id is kept in SQLite under a short key, across restarts", async () => {
    const long = Array.from({ length: 30 }, () => "지원").join(" ");
    const first = body((await bot.interact(search(long)))[1]);
    const next = (first.components as Row[])[0]?.components[1]?.custom_id ?? "";
    expect(next).toMatch(/^pg\|s\|1\|20250410\|-\|-\|-\|@[\w-]{12}$/);
    expect([...next].length).toBeLessThanOrEqual(100);

    const sameState = await startHarness({ fake, stateDir: bot.stateDir });
    try {
      const update = body((await sameState.interact(buttonInteraction({ customId: next })))[0]);
      expect(update.type).toBe(7);
      expect((update.data as Record<string, unknown>).content).toMatch(/2\/2쪽$/);
    } finally {
      await sameState.close();
    }

    // Without the stash (another state directory) the button says so, privately.
    const otherState = await startHarness({ fake });
    try {
      const reply = body((await otherState.interact(buttonInteraction({ customId: next })))[0]);
      expect(reply).toEqual({
        type: 4,
        data: {
          content: "",
          tts: false,
          enforce_nonce: false,
          embeds: [
            {
              description: "이 검색 결과는 더 이상 넘길 수 없습니다. 다시 검색해 주세요.",
              color: 0xf59e0b,
            },
          ],
          components: [],
          allowed_mentions: NO_MENTIONS,
          flags: 64,
        },
      });
    } finally {
      await otherState.close();
    }
  });

  it("labels in English when the interaction's locale is not Korean", async () => {
    const edit = body((await bot.interact(search("지원", { name: "news", locale: "en-US" })))[1]);
    expect(edit.content).toBe("🔎 “지원” — 7 results · page 1/2");
    const embeds = edit.embeds as Array<{
      fields: Array<{ name: string }>;
      footer: { text: string };
    }>;
    expect(embeds[0]?.fields.map((f) => f.name)).toEqual(["Region", "Category", "Source"]);
    expect(embeds[0]?.footer.text).toBe("데일리굿타임 · published 2025-04-10");
    const labels = (edit.components as Row[])[0]?.components.map((b) => b.label);
    expect(labels).toEqual(["◀ Previous", "Next ▶"]);
  });

  it("no result: a short embed with suggestions from the index", async () => {
    const edit = body((await bot.interact(search("에스토니아어")))[1]);
    expect(edit).toEqual({
      content: "🔎 “에스토니아어”",
      tts: false,
      enforce_nonce: false,
      embeds: [
        {
          title: "검색 결과가 없습니다",
          description: "추천 검색어: 에스토니아",
          color: 0x94a3b8,
        },
      ],
      components: [],
      allowed_mentions: NO_MENTIONS,
    });
  });

  it("an unknown region is refused privately instead of searching nowhere", async () => {
    const requests = await bot.interact(
      search("지원", { name: "news", options: { region: "아틀란티스" } }),
    );
    expect(requests.map((r) => r.method)).toEqual(["POST", "DELETE", "POST"]);
    expect(body(requests[2])).toMatchObject({
      embeds: [{ description: "“아틀란티스” 지역을 찾지 못했습니다. 목록에서 골라 주세요." }],
      allowed_mentions: NO_MENTIONS,
      flags: 64,
    });
  });

  it("logs the interaction with command, options, latency and result count", async () => {
    await bot.interact(search("관세"));
    const entry = bot.logs.findLast((l) => l.msg === "interaction" && l.kind === "command");
    expect(entry).toMatchObject({
      command: "news search",
      options: { query: "관세" },
      results: 1,
      deferred: "public",
    });
    expect(typeof entry?.latencyMs).toBe("number");
  });
});

describe("failures", () => {
  it("a command that throws: the public placeholder goes, a short private notice comes, the log has the stack", async () => {
    const { services } = bot.opened;
    const index = services.index;
    services.index = () => {
      throw new Error("index exploded");
    };
    try {
      const raw = search("지원");
      const requests = await bot.interact(raw);
      expect(requests.map((r) => `${r.method} ${r.path.split("/").slice(3, 4)[0]}`)).toEqual([
        "POST interactions",
        "DELETE webhooks",
        "POST webhooks",
      ]);
      expect(body(requests[2])).toEqual({
        content: "",
        tts: false,
        enforce_nonce: false,
        embeds: [
          {
            description: "처리하는 중에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요.",
            color: 0xef4444,
          },
        ],
        components: [],
        allowed_mentions: NO_MENTIONS,
        flags: 64,
      });
      const failure = bot.logs.findLast((l) => l.msg === "interaction failed");
      expect(failure).toMatchObject({
        level: 50,
        command: "news search",
        options: { query: "지원" },
      });
      expect(String((failure?.err as { stack?: string } | undefined)?.stack)).toContain(
        "index exploded",
      );
    } finally {
      services.index = index;
    }
  });
});

describe("/news latest", () => {
  it("lists the newest articles, paged", async () => {
    const raw = chatInputInteraction({
      name: "news",
      subcommand: "latest",
      options: { region: "31100" },
    });
    const edit = body((await bot.interact(raw))[1]);
    expect(edit.content).toBe("🗞️ 최신 소식 · 고양시 — 2건 · 1/1쪽");
    expect(edit.embeds).toHaveLength(2);
  });
});

describe("autocomplete", () => {
  it("regions in Korean and English, answered at once (type 8), never deferred", async () => {
    const raw = autocompleteInteraction({
      name: "news",
      subcommand: "search",
      focused: "region",
      value: "고양",
    });
    const requests = await bot.interact(raw);
    expect(requests).toHaveLength(1);
    expect(body(requests[0])).toEqual({
      type: 8,
      data: {
        choices: [
          { name: "고양시 · Goyang-si", value: "31100" },
          { name: "고양시 덕양구 · Deogyang-gu, Goyang-si", value: "31101" },
          { name: "고양시 일산동구 · Ilsandong-gu, Goyang-si", value: "31103" },
          { name: "고양시 일산서구 · Ilsanseo-gu, Goyang-si", value: "31104" },
        ],
      },
    });
    const english = autocompleteInteraction({
      name: "deadlines",
      subcommand: "list",
      focused: "region",
      value: "goyang",
      locale: "en-US",
    });
    const choices = (body((await bot.interact(english))[0]).data as { choices: unknown[] }).choices;
    expect(choices[0]).toEqual({ name: "Goyang-si · 고양시", value: "31100" });
  });

  it("the query: what was typed first, then words of the index; within Discord's limits", async () => {
    const raw = autocompleteInteraction({
      name: "news",
      subcommand: "search",
      focused: "query",
      value: "고양 설",
    });
    const { choices } = body((await bot.interact(raw))[0]).data as {
      choices: Array<{ name: string; value: string }>;
    };
    expect(choices[0]).toEqual({ name: "고양 설", value: "고양 설" });
    expect(choices.map((c) => c.value)).toContain("고양 설명회");
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) expect([...c.name].length).toBeLessThanOrEqual(100);
  });

  it("the empty province list has at most 25 choices", async () => {
    const raw = autocompleteInteraction({
      name: "news",
      subcommand: "latest",
      focused: "region",
      value: "",
    });
    const { choices } = body((await bot.interact(raw))[0]).data as { choices: unknown[] };
    expect(choices.length).toBeGreaterThan(10);
    expect(choices.length).toBeLessThanOrEqual(25);
  });
});

describe("a long article with markdown and mentions", () => {
  const sentence =
    "소상공인 *특별* 지원사업 _안내_ 입니다 @everyone 께 알립니다 <@123456789012345678> `코드` [가짜](https://evil.example). ";
  // One article with everything at once, and five more whose single run-on sentence makes each
  // summary long, so the page must also respect the 6,000-character budget across embeds.
  const runOn = (n: number) =>
    `마크다운시험 ${n}번 기사는 ${"소상공인과 중소기업을 위한 지원 내용이 이어지고 ".repeat(80)}끝난다`;
  const data = makeDataDir({
    "long.jsonl": [
      {
        id: "long-1",
        title: `*긴급* 마크다운시험 __특별__ 지원 @everyone 안내 ${"아주 긴 제목 ".repeat(60)}`,
        body: `마크다운시험 기사입니다. ${sentence.repeat(120)}`,
        url: "https://news.example/long-1",
        publishedAt: "2025-04-09",
        source: "*테스트* 신문 @here",
      },
      ...[2, 3, 4, 5, 6].map((n) => ({
        id: `long-${n}`,
        title: `마크다운시험 ${n} ${"제목이 길다 ".repeat(50)}`,
        body: runOn(n),
        url: `https://news.example/long-${n}`,
        publishedAt: "2025-04-08",
        source: "테스트 신문",
      })),
    ],
  });
  let longBot: Harness;

  beforeAll(async () => {
    longBot = await startHarness({ fake, dataDirs: [data.dir] });
  });

  afterAll(async () => {
    await longBot.close();
    data.remove();
  });

  type Embed = {
    title: string;
    description?: string;
    url: string;
    fields: Array<{ name: string; value: string }>;
    footer: { text: string };
  };
  const length = (text: string) => [...text].length;
  const embedLength = (e: Embed) =>
    length(e.title) +
    length(e.description ?? "") +
    length(e.footer.text) +
    e.fields.reduce((n, f) => n + length(f.name) + length(f.value), 0);

  it("keeps every string and the whole page within Discord's limits", async () => {
    const edit = body((await longBot.interact(search("마크다운시험")))[1]);
    const embeds = edit.embeds as Embed[];
    expect(embeds).toHaveLength(5);
    expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
    for (const e of embeds) {
      expect(length(e.title)).toBeLessThanOrEqual(256);
      expect(length(e.description ?? "")).toBeLessThanOrEqual(4096);
      expect(length(e.footer.text)).toBeLessThanOrEqual(2048);
      expect(e.fields.length).toBeLessThanOrEqual(25);
      for (const f of e.fields) {
        expect(length(f.name)).toBeLessThanOrEqual(256);
        expect(length(f.value)).toBeGreaterThan(0);
        expect(length(f.value)).toBeLessThanOrEqual(1024);
      }
    }
    expect(length(String(edit.content))).toBeLessThanOrEqual(2000);
    expect(edit.allowed_mentions).toEqual(NO_MENTIONS);
  });

  it("escapes markdown and defuses mentions in article text", async () => {
    const edit = body((await longBot.interact(search("긴급")))[1]);
    const [embed, ...others] = edit.embeds as Embed[];
    if (!embed) throw new Error("no embed");
    expect(others).toHaveLength(0);
    expect(length(embed.title)).toBeLessThanOrEqual(256);
    expect(
      embed.title.startsWith("\\*긴급\\* 마크다운시험 \\_\\_특별\\_\\_ 지원 @\u200beveryone"),
    ).toBe(true);
    expect(embed.description).toContain("\\*특별\\*");
    expect(embed.description).not.toMatch(/(^|[^\\])\*특별/);
    // Where Discord renders markdown, mentions carry a zero-width space and links are defused.
    const rendered = JSON.stringify([edit.content, embed.title, embed.description, embed.fields]);
    expect(rendered).not.toMatch(/@(everyone|here)/);
    expect(rendered).not.toMatch(/<@\d/);
    expect(rendered).not.toContain("[가짜](https://evil.example)");
    // Footers are plain text on Discord (no markdown, no mentions): shown as written.
    // The footer is plain text (no markdown), but a mention in it is broken all the same.
    expect(embed.footer.text).toBe("*테스트* 신문 @\u200bhere · 게시 2025-04-09");
    expect(edit.allowed_mentions).toEqual(NO_MENTIONS);
  });
});
