/**
 * Hostile input, end to end: a table of articles built to attack the replies (markdown and
 * mention injection, masked and smuggled links, hostile URLs, invisible and bidi characters,
 * lone surrogates, huge fields, emoji clusters at the limits, HTML) goes through ingest → index →
 * every reply the bot makes about it, through a real discord.js Client posting to the loopback
 * Discord: /news search (with hostile questions too), /news latest and its pages, /deadlines
 * list, autocomplete and the channel digest. Every payload is checked the same way: nothing can
 * ping, the only links are safe article URLs, nothing invisible or broken, every Discord limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelHistory, channelSender } from "../src/discord/channel-io.ts";
import { isSafeHttpUrl } from "../src/ingest/safe-url.ts";
import { discordLength, LIMITS } from "../src/present/limits.ts";
import { planFromIndex } from "../src/schedule/digest-plan.ts";
import { runDigests } from "../src/schedule/reminders.ts";
import { body, type Harness, startHarness } from "./support/bot-harness.ts";
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  type FakeDiscord,
  type RecordedRequest,
  startFakeDiscord,
  TEST_IDS,
} from "./support/fake-discord.ts";
import { makeDataDir, type TestArticle } from "./support/news-data.ts";

const AS_OF = "2026-05-01";
/** Every article is a call closing on 4 May: D-3 on the test day, so it is in every list. */
const CALL = "신청은 2026년 5월 4일까지 받는다.";
const PHISH_HOST = "phish.example";
const MENTIONS = `@everyone @here <@${TEST_IDS.user}> <@!${TEST_IDS.user}> <@&${TEST_IDS.guild}> <#${TEST_IDS.channel}> </reindex:${TEST_IDS.command}> <id:customize>`;

interface HostileCase {
  name: string;
  /** A word only this article has, to find it with /news search. */
  keyword: string;
  article: TestArticle;
}

const article = (keyword: string, extra: Partial<TestArticle>): TestArticle => ({
  title: `${keyword} 지원사업 공고`,
  body: `${keyword} 재배 농가를 위한 지원사업을 연다. ${CALL}`,
  url: `https://news.example/${encodeURIComponent(keyword)}`,
  publishedAt: "2026-04-28",
  source: "테스트 신문",
  ...extra,
});

const CASES: HostileCase[] = [
  {
    name: "markdown in the title and the body",
    keyword: "쑥갓",
    article: article("쑥갓", {
      title: "**굵게** __밑줄__ ~~취소~~ ||가림|| `코드` ```블록``` # 제목 > 인용 쑥갓 지원",
      body: `# 머리말\n> 인용문\n- 목록\n-# 작은 글씨\n**쑥갓** 농가 __지원__ ||사업|| \`코드\` \`\`\`블록\`\`\`. ${CALL}`,
    }),
  },
  {
    name: "mention injection in the title, the body and the source",
    keyword: "냉이",
    article: article("냉이", {
      title: `${MENTIONS} 냉이 공고`,
      body: `냉이 농가 지원. ${MENTIONS} ${CALL}`,
      source: `@everyone <@&${TEST_IDS.guild}>`,
    }),
  },
  {
    name: "masked links and bare links in the title and the body",
    keyword: "달래",
    article: article("달래", {
      title: `[로그인하기](https://${PHISH_HOST}/login) 달래 [공지](<https://${PHISH_HOST}/n>)`,
      body: `달래 지원. [여기를 누르세요](https://${PHISH_HOST}/a) 또는 <https://${PHISH_HOST}/b> 또는 https://${PHISH_HOST}/c 에서 확인. ${CALL}`,
    }),
  },
  {
    name: "a URL that smuggles a masked link",
    keyword: "고사리",
    article: article("고사리", {
      url: `https://e.example/y)[로그인하기](https://${PHISH_HOST}/login)`,
    }),
  },
  {
    name: "a URL with spaces, quotes and angle brackets",
    keyword: "도라지",
    article: article("도라지", { url: `https://e.example/a b"c'<d>` }),
  },
  {
    name: "a javascript: URL",
    keyword: "더덕",
    article: article("더덕", { url: "javascript:alert(document.cookie)" }),
  },
  {
    name: "a URL with credentials, and no source to show it by",
    keyword: "씀바귀",
    article: article("씀바귀", {
      url: `https://bank.example@${PHISH_HOST}/login`,
      source: undefined,
    }),
  },
  {
    name: "zero-width and bidi controls",
    keyword: "머위",
    article: article("머위", {
      title: "\u202e머위\u200b 지원\u2066사업\u2069\u200f 공고\u061c\u2067",
      body: `머\u200b위 농가\u202e를 위한\u200d 지원\ufeff. ${CALL}`,
    }),
  },
  {
    name: "lone surrogates and line separators",
    keyword: "취나물",
    article: article("취나물", {
      title: "취나물 \ud83d 지원 \ude00 공고\u2028둘째 줄\u2029셋째",
      body: `취나물\u2029농가 \ud83d지원. ${CALL}`,
    }),
  },
  {
    name: "huge fields",
    keyword: "참나물",
    article: article("참나물", {
      title: `참나물 ${"아주 긴 제목 ".repeat(800)}`,
      body: `참나물 농가 지원. ${CALL} ${"긴 본문의 한 문장이다. ".repeat(20_000)}`,
      source: "아주긴신문이름".repeat(500),
      url: `https://news.example/${"a".repeat(2000)}`,
    }),
  },
  {
    name: "emoji clusters where the title is cut",
    keyword: "미나리",
    article: article("미나리", {
      // 248 code points, then flags and skin-toned thumbs: the 256th falls inside a cluster.
      title: `미나리 ${"가".repeat(244)}🇰🇷👍🏽🇰🇷👍🏽🇰🇷👍🏽`,
      body: `미나리 농가 지원 🇰🇷👍🏽. ${CALL}`,
    }),
  },
  {
    name: "HTML and script",
    keyword: "두릅",
    article: article("두릅", {
      title: "<script>alert(1)</script><img src=x onerror=alert(1)> 두릅",
      body: `<iframe src="https://${PHISH_HOST}"></iframe> 두릅 농가 <b>지원</b>. ${CALL}`,
    }),
  },
  {
    name: "terminal control characters",
    keyword: "시금치",
    article: article("시금치", {
      title: "시금치 \u001b[2J\u001b[31m공고\u0007",
      // A few controls in a long body (many would make it binary garbage, and skipped).
      body: `시금치\u001b]0;title\u0007 농가 지원. ${CALL} ${"시금치 농가를 위한 설명이다. ".repeat(20)}`,
    }),
  },
];

/** Hostile questions, typed by a member. */
const QUESTIONS = [
  `@everyone 쑥갓`,
  `<@&${TEST_IDS.guild}> 냉이`,
  `[로그인하기](https://${PHISH_HOST}/login) 달래`,
  "\u202e머위\u200b",
  `</reindex:${TEST_IDS.command}> 두릅`,
  "👍🏽".repeat(120),
  "**굵게** ~~취소~~ `코드`",
];

// ── The safety check every payload goes through ─────────────────────────────────────────────

interface Embed {
  title?: string;
  url?: string;
  description?: string;
  footer?: { text: string };
  author?: { name: string };
  fields?: Array<{ name: string; value: string }>;
}

interface Payload {
  content?: string;
  embeds?: Embed[];
  components?: Array<{ components: Array<{ custom_id?: string; label?: string }> }>;
  allowed_mentions?: unknown;
  choices?: Array<{ name: string; value: string }>;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: asserting they are absent.
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c\u00ad]/;
/** A masked link `[label](url)` or `[label](<url>)` whose `[` is not escaped. */
const MASKED_LINK = /(?<!\\)\[((?:\\.|[^\]\\])*)\]\(\s*<?([^)\s>]*)>?\s*\)/g;
/** What Discord would turn into a link by itself: an unescaped http(s) URL. */
const BARE_URL = /(?<![\w\\/])https?:\/\/[^\s<>)\]]+/g;

function texts(payload: Payload): string[] {
  const out = [payload.content ?? ""];
  for (const embed of payload.embeds ?? []) {
    out.push(embed.title ?? "", embed.description ?? "", embed.footer?.text ?? "");
    out.push(embed.author?.name ?? "");
    for (const field of embed.fields ?? []) out.push(field.name, field.value);
  }
  return out.filter((t) => t !== "");
}

function expectSafeLink(url: string, where: string): void {
  expect(isSafeHttpUrl(url), `${where}: unsafe link ${url}`).toBe(true);
  expect(new URL(url).hostname, `${where}: link to ${url}`).not.toBe(PHISH_HOST);
}

/** Everything a message must be, whatever the article or the question said. */
function expectSafe(payload: Payload, where: string): void {
  if (payload.choices === undefined) {
    expect(payload.allowed_mentions, where).toEqual({ parse: [] });
  }
  expect(discordLength(payload.content ?? ""), where).toBeLessThanOrEqual(LIMITS.content);
  const embeds = payload.embeds ?? [];
  expect(embeds.length, where).toBeLessThanOrEqual(LIMITS.embeds);
  let total = 0;
  for (const embed of embeds) {
    const len = (t: string | undefined) => discordLength(t ?? "");
    expect(len(embed.title), where).toBeLessThanOrEqual(LIMITS.title);
    expect(len(embed.description), where).toBeLessThanOrEqual(LIMITS.description);
    expect(len(embed.footer?.text), where).toBeLessThanOrEqual(LIMITS.footer);
    expect((embed.fields ?? []).length, where).toBeLessThanOrEqual(LIMITS.fields);
    for (const field of embed.fields ?? []) {
      expect(len(field.name), where).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(len(field.value), where).toBeLessThanOrEqual(LIMITS.fieldValue);
      expect(field.name.trim(), where).not.toBe("");
      expect(field.value.trim(), where).not.toBe("");
      total += len(field.name) + len(field.value);
    }
    total += len(embed.title) + len(embed.description) + len(embed.footer?.text);
    if (embed.url !== undefined) expectSafeLink(embed.url, `${where} (embed url)`);
  }
  expect(total, where).toBeLessThanOrEqual(LIMITS.totalEmbedChars);
  for (const row of payload.components ?? []) {
    for (const component of row.components) {
      expect(discordLength(component.custom_id ?? ""), where).toBeLessThanOrEqual(LIMITS.customId);
      expect(discordLength(component.label ?? ""), where).toBeLessThanOrEqual(LIMITS.buttonLabel);
    }
  }
  for (const choice of payload.choices ?? []) {
    expect(discordLength(choice.name), where).toBeLessThanOrEqual(LIMITS.choiceName);
    expect(discordLength(choice.value), where).toBeLessThanOrEqual(LIMITS.choiceValue);
  }

  // Choices are plain text shown to the member who typed them: no markdown, mention or link is
  // rendered there, so only invisible and broken characters matter.
  for (const { name } of payload.choices ?? []) {
    expect(name.replace(/@\u200b|<(@[!&]?|#)?\u200b/g, ""), where).not.toMatch(INVISIBLE);
    expect(name, where).not.toMatch(LONE_SURROGATE);
    expect(name, where).not.toMatch(CONTROL);
  }
  for (const text of texts(payload)) {
    // Nothing that pings or is clickable as a mention.
    expect(text, where).not.toMatch(/@(everyone|here)/);
    expect(text, where).not.toMatch(/<(@[!&]?|#)\d+>|<\/[^<>]+:\d+>|<id:\w+>/);
    // The only links: masked links to safe article URLs, and bare safe URLs.
    for (const [, , url = ""] of text.matchAll(MASKED_LINK)) expectSafeLink(url, where);
    const outsideLinks = text.replace(MASKED_LINK, "");
    for (const [url] of outsideLinks.matchAll(BARE_URL)) expectSafeLink(url, where);
    // Nothing invisible but the zero-width spaces that break mentions, nothing broken.
    const ownEscapes = text.replace(/@\u200b|<(@[!&]?|#)?\u200b/g, "");
    expect(ownEscapes, where).not.toMatch(INVISIBLE);
    expect(text, where).not.toMatch(LONE_SURROGATE);
    expect(text, where).not.toMatch(CONTROL);
  }
}

// ── The bot ──────────────────────────────────────────────────────────────────────────────────

let fake: FakeDiscord;
let bot: Harness;
const data = makeDataDir({ "hostile.jsonl": CASES.map((c) => c.article) });

beforeAll(async () => {
  fake = await startFakeDiscord();
  bot = await startHarness({ fake, dataDirs: [data.dir], asOf: AS_OF });
});

afterAll(async () => {
  await bot.close();
  await fake.close();
  data.remove();
});

/**
 * The message an interaction ended with: the edited original, a private follow-up (after a
 * public defer), or the immediate reply.
 */
function finalPayload(requests: RecordedRequest[]): Payload {
  const edit = requests.findLast(
    (r) => r.method === "PATCH" || (r.method === "POST" && !r.path.endsWith("/callback")),
  );
  if (edit) return body(edit) as Payload;
  const callback = body(requests.find((r) => r.path.endsWith("/callback")));
  return callback.data as Payload;
}

describe("ingest of the hostile table", () => {
  it("keeps every article, reports every refused URL, and leaves no invisible or broken text", () => {
    const index = bot.opened.services.index();
    expect(index.allArticles()).toHaveLength(CASES.length);
    const dropped = index.meta.report.droppedUrls.map((d) => d.reason);
    expect(dropped).toEqual([
      expect.stringMatching(/not an http\(s\) URL \(javascript\)$/),
      expect.stringMatching(/URL carries credentials$/),
    ]);
    for (const a of index.allArticles()) {
      for (const text of [a.title, a.body, a.source ?? ""]) {
        expect(text).not.toMatch(INVISIBLE);
        expect(text).not.toMatch(LONE_SURROGATE);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting they are absent.
        expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }
      if (a.url !== null) expect(isSafeHttpUrl(a.url)).toBe(true);
    }
  });
});

describe("every reply about a hostile article is safe", () => {
  it.each(CASES)("$name: /news search finds it and its reply is safe", async ({ keyword }) => {
    const raw = chatInputInteraction({
      name: "news",
      subcommand: "search",
      options: { query: keyword },
    });
    const payload = finalPayload(await bot.interact(raw));
    expect(payload.content).toMatch(/— [1-9]\d*건/);
    expectSafe(payload, `/news search ${keyword}`);
  });

  it("the smuggling URL stays one link to its own host, percent-encoded", async () => {
    const raw = chatInputInteraction({
      name: "news",
      subcommand: "search",
      options: { query: "고사리" },
    });
    const [embed] = finalPayload(await bot.interact(raw)).embeds ?? [];
    expect(embed?.url).toMatch(/^https:\/\/e\.example\/y%29%5B%EB%A1%9C/);
    expect(embed?.url).not.toMatch(/[()[\]<> ]/);
  });

  it("an emoji cluster at the title limit is kept whole or left out, never cut", async () => {
    const raw = chatInputInteraction({
      name: "news",
      subcommand: "search",
      options: { query: "미나리" },
    });
    const [embed] = finalPayload(await bot.interact(raw)).embeds ?? [];
    const title = embed?.title ?? "";
    expect(title.endsWith("…")).toBe(true);
    const graphemes = new Intl.Segmenter("ko", { granularity: "grapheme" });
    const allowed = new Set(
      [...graphemes.segment(CASES.find((c) => c.keyword === "미나리")?.article.title ?? "")].map(
        (s) => s.segment,
      ),
    );
    for (const { segment } of graphemes.segment(title.slice(0, -1))) {
      expect(allowed.has(segment), `cut cluster ${JSON.stringify(segment)}`).toBe(true);
    }
  });

  it("/news latest and its next page are safe", async () => {
    const requests = await bot.interact(
      chatInputInteraction({ name: "news", subcommand: "latest" }),
    );
    const first = finalPayload(requests);
    expectSafe(first, "/news latest");
    const next = first.components?.[0]?.components.find((b) => b.label?.includes("▶"));
    expect(next?.custom_id).toBeDefined();
    const pressed = await bot.interact(buttonInteraction({ customId: next?.custom_id ?? "" }));
    const update = body(pressed.find((r) => r.path.endsWith("/callback")));
    expect(update.type).toBe(7);
    expectSafe(update.data as Payload, "/news latest page 2");
  });

  it("/deadlines list names every hostile call, safely, page after page", async () => {
    const requests = await bot.interact(
      chatInputInteraction({ name: "deadlines", subcommand: "list", options: { days: 30 } }),
    );
    const first = finalPayload(requests);
    expect(first.content).toContain(`— ${CASES.length}건`);
    expectSafe(first, "/deadlines list");
    const next = first.components?.[0]?.components.find((b) => b.label?.includes("▶"));
    const pressed = await bot.interact(buttonInteraction({ customId: next?.custom_id ?? "" }));
    expectSafe(
      body(pressed.find((r) => r.path.endsWith("/callback"))).data as Payload,
      "/deadlines list page 2",
    );
  });

  it("the channel digest names every hostile call, safely, through the real client", async () => {
    const store = bot.opened.services.store;
    store.subscribe({
      guildId: TEST_IDS.guild,
      channelId: TEST_IDS.channel,
      hour: 9,
      createdBy: TEST_IDS.user,
    });
    const client = bot.newClient();
    fake.posted.length = 0;
    const outcomes = await runDigests({
      store,
      now: new Date(`${AS_OF}T10:00:00+09:00`),
      plan: planFromIndex(() => bot.opened.services.index()),
      send: channelSender(client),
      recentPosts: channelHistory(client, fake.ids.application),
    });
    expect(outcomes).toEqual([expect.objectContaining({ status: "sent" })]);
    const posts = fake.posted.filter((p) => p.channelId === TEST_IDS.channel);
    expect(posts.length).toBeGreaterThan(0);
    const lines = posts.flatMap((p) => String(p.body.content).split("\n").slice(1));
    expect(lines).toHaveLength(CASES.length);
    for (const post of posts) {
      expectSafe(post.body as Payload, "digest");
      expect(post.body).toMatchObject({ enforce_nonce: true });
    }
  });
});

describe("hostile questions", () => {
  it.each(QUESTIONS)("%j gets a safe answer", async (query) => {
    const raw = chatInputInteraction({ name: "news", subcommand: "search", options: { query } });
    expectSafe(finalPayload(await bot.interact(raw)), `/news search ${JSON.stringify(query)}`);
  });

  it.each(QUESTIONS)("%j typed into autocomplete gets safe choices", async (value) => {
    const raw = autocompleteInteraction({
      name: "news",
      subcommand: "search",
      focused: "query",
      value,
    });
    const [callback] = await bot.interact(raw);
    expect(body(callback).type).toBe(8);
    expectSafe(body(callback).data as Payload, `autocomplete ${JSON.stringify(value)}`);
  });

  it("a hostile region is refused with the text escaped", async () => {
    const raw = chatInputInteraction({
      name: "deadlines",
      subcommand: "list",
      options: { region: `@everyone [x](https://${PHISH_HOST})` },
    });
    const payload = finalPayload(await bot.interact(raw));
    expectSafe(payload, "/deadlines list region");
    expect(JSON.stringify(payload.embeds)).toContain("everyone");
  });
});
