/**
 * Alert delivery end to end: a controlled clock, the SQLite state in a temp dir, the real index
 * (new articles made searchable with withArticles, then reported as a store reports them) and a
 * real discord.js Client posting to the loopback Discord. "Restart" closes the database and the
 * client and opens new ones on the same file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "discord.js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED_DIR } from "../bench/corpus.ts";
import type { Alert, AlertMode } from "../src/alerts/alert.ts";
import { alertItems } from "../src/alerts/match.ts";
import { alertSender } from "../src/discord/alert-sender.ts";
import { channelHistory } from "../src/discord/channel-io.ts";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { withArticles } from "../src/index/update.ts";
import { alertMessage } from "../src/present/alert-message.ts";
import { interpretationLine } from "../src/present/interpretation.ts";
import { interpret } from "../src/query/answer.ts";
import type { StoredArticles } from "../src/runtime/stored-articles.ts";
import { type AlertDelivery, createAlertDelivery } from "../src/schedule/alerts.ts";
import { MAX_POST_ATTEMPTS } from "../src/state/alerts.ts";
import { openStore, type Store } from "../src/state/store.ts";
import type { Article } from "../src/types.ts";
import { type FakeDiscord, type PostedMessage, startFakeDiscord } from "./support/fake-discord.ts";

const GUILD = "1300000000000000001";
const TRADE = "1300000000000000021"; // 관세 in 평택
const DENIED = "1300000000000000022"; // the bot may not post here
const DAILY = "1300000000000000023"; // 관세, daily digest
const MANY = "1300000000000000024"; // a question many articles answer

/** An instant at the given Seoul wall-clock time (UTC+9, no daylight saving). */
const seoul = (date: string, hour: number, minute = 0) =>
  new Date(`${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+09:00`);

function article(id: string, title: string, body: string, publishedAt: string | null): Article {
  return {
    id,
    title,
    body,
    url: `https://news.example.kr/articles/${id}`,
    urlIsArticle: true,
    publishedAt,
    source: "테스트경제",
    reporter: null,
    origin: { file: "test.jsonl", line: 1 },
  };
}

const TARIFF = article(
  "tariff-aid",
  "평택시, 美 관세 대응 수출기업 긴급자금 지원",
  "평택시는 미국의 관세 부과에 대응해 관내 수출 중소기업에 긴급 경영안정자금을 지원한다고 14일 밝혔다. 신청은 4월 30일까지 평택시청 기업지원과에서 받는다.",
  "2025-04-14",
);
/** The same text under another id, link and date. */
function variant(base: Article, id: string, publishedAt: string): Article {
  return { ...base, id, url: `https://news.example.kr/articles/${id}`, publishedAt };
}

const TARIFF_EXTENDED = {
  ...TARIFF,
  body: "평택시는 미국 관세 대응 긴급 경영안정자금의 신청 기간을 당초 4월 30일에서 5월 15일까지 연장한다고 밝혔다. 수출 중소기업의 신청이 몰린 데 따른 조치다.",
};
const CARE = article(
  "care-course",
  "양주시 요양보호사 교육생 모집",
  "양주시가 요양보호사 자격 취득을 돕는 교육생 30명을 모집한다고 14일 밝혔다. 교육은 5월 7일부터 7월 5일까지 진행된다.",
  "2025-04-14",
);
const TARIFF_DESK = article(
  "tariff-desk",
  "평택시 관세 상담 창구 운영",
  "평택시는 수출기업의 관세 애로를 듣는 상담 창구를 운영한다고 14일 밝혔다. 관세사가 상주해 원산지와 관세 부과 문의에 답한다.",
  "2025-04-14",
);

let fake: FakeDiscord;
let seed: SearchIndex;
let index: SearchIndex;
let dir: string;
let now: Date;
let store: Store;
let client: Client;
let delivery: AlertDelivery;

function openClient(): Client {
  const c = new Client({ intents: [], rest: { api: fake.url, retries: 0 } });
  c.rest.setToken("test");
  return c;
}

function openDelivery(): AlertDelivery {
  return createAlertDelivery({
    alerts: store.alerts,
    index: () => index,
    send: alertSender(client),
    clock: () => now,
    digestHour: () => 9,
  });
}

async function restart(): Promise<void> {
  store.close();
  await client.destroy();
  store = openStore(dir, { clock: () => now });
  client = openClient();
  delivery = openDelivery();
  await delivery.start();
}

function addAlert(
  channelId: string,
  query: string,
  options: { region?: string; category?: string; mode?: AlertMode; at?: Date; guild?: string } = {},
) {
  const at = options.at ?? now;
  const saved = openStore(dir, { clock: () => at });
  const question = { query, region: options.region ?? null, category: options.category ?? null };
  const asOf = "2025-04-14";
  const interpretation = interpretationLine(interpret({ ...question, asOf }), asOf, "ko");
  const result = saved.alerts.add(
    {
      guildId: options.guild ?? GUILD,
      channelId,
      ...question,
      interpretation,
      mode: options.mode ?? "instant",
      locale: "ko",
      createdBy: "mod",
    },
    25,
  );
  saved.close();
  if (!result.ok) throw new Error("alert limit");
  return result.alert;
}

/** What a store does: make the articles searchable, then report them. */
async function store_(
  articles: Article[],
  updated: Array<{ id: string; previousEnd: string | null }> = [],
) {
  const known = new Set(index.allArticles().map((a) => a.id));
  index = await withArticles(index, articles);
  const batch: StoredArticles = {
    origin: "test-feed",
    added: articles.map((a) => a.id).filter((id) => !known.has(id)),
    updated,
  };
  return delivery.receive(batch);
}

/**
 * What a round does up to the moment kill -9 strikes: the tariff article stored and reported, its
 * match claimed and sent to Discord, and the outcome never recorded. Returns the claimed message.
 */
async function claimAndSendThenDie(alert: Alert) {
  index = await withArticles(index, [TARIFF]);
  store.alerts.receive({ origin: "test-feed", added: [TARIFF.id], updated: [] });
  const inbox = store.alerts.inbox();
  const items = await alertItems(index, alert, inbox, "2025-04-14");
  const [claimed] = store.alerts.decide([{ alertId: alert.id, items }], inbox.at(-1)?.seq ?? 0);
  if (!claimed) throw new Error("nothing claimed");
  const articles = claimed.items.flatMap((item) => {
    const found = index.get(item.articleId);
    return found ? [{ article: found, kind: item.kind, previousEnd: item.previousEnd }] : [];
  });
  expect(articles).toHaveLength(1);
  const reply = alertMessage(claimed.alert, articles, { asOf: "2025-04-14" });
  const sent = await alertSender(client)(TRADE, reply, claimed.nonce);
  return { claimed, sent };
}

const postsTo = (channelId: string): PostedMessage[] =>
  fake.posted.filter((p) => p.channelId === channelId);

const postRequests = (channelId: string) =>
  fake.requests.filter(
    (r) => r.method === "POST" && r.path === `/api/v10/channels/${channelId}/messages`,
  );

type Embed = { title?: string; url?: string; fields?: Array<{ name: string; value: string }> };
const embedsOf = (post: PostedMessage | undefined) => (post?.body.embeds ?? []) as Embed[];

beforeAll(async () => {
  fake = await startFakeDiscord();
  seed = await buildIndex([SEED_DIR]);
});

afterAll(async () => {
  await fake.close();
});

beforeEach(async () => {
  fake.reset();
  fake.setChannelResponse(DENIED, 403);
  dir = mkdtempSync(join(tmpdir(), "jiwon-alerts-"));
  now = seoul("2025-04-14", 9);
  index = seed;
  store = openStore(dir, { clock: () => now });
  client = openClient();
  delivery = openDelivery();
  await delivery.start();
});

afterEach(async () => {
  store.close();
  await client.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe("instant alerts through a real discord.js Client", () => {
  it("posts a new matching article once, as /news search shows it, with mentions off", async () => {
    const alert = addAlert(TRADE, "관세", { region: "평택" });
    expect(alert.interpretation).toBe("평택시 · “관세”");
    now = seoul("2025-04-14", 10);
    const report = await store_([TARIFF]);
    expect(report).toMatchObject({ arrivals: 1, messages: 1, articles: 1, failed: 0 });

    const [request] = postRequests(TRADE);
    expect(postRequests(TRADE)).toHaveLength(1);
    const json = request?.json as Record<string, unknown>;
    expect(json).toMatchObject({
      content: `🔔 알림 #${alert.id} · 평택시 · “관세” — 새 소식 1건`,
      nonce: expect.stringMatching(/^ja.{23}$/),
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
    const [embed] = json.embeds as Embed[];
    expect(embed).toMatchObject({
      title: "평택시, 美 관세 대응 수출기업 긴급자금 지원",
      url: "https://news.example.kr/articles/tariff-aid",
      description: expect.stringContaining("긴급 경영안정자금"),
    });
    const fields = Object.fromEntries((embed?.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({
      지역: "평택시",
      "신청 기간": "~ 2025-04-30 (D-16)",
    });
    expect(fields.분야).toContain("수출");
    // The JSON of one alert message as the loopback Discord received it (for the closing note).
    console.info(`alert message JSON: ${JSON.stringify(json)}`);
    expect(store.alerts.get(alert.id)?.lastPostedAt).toBe(now.toISOString());
  });

  it("posts nothing for an article that does not match", async () => {
    addAlert(TRADE, "관세", { region: "평택" });
    now = seoul("2025-04-14", 10);
    const report = await store_([CARE]);
    expect(report).toMatchObject({ arrivals: 1, messages: 0 });
    expect(postRequests(TRADE)).toEqual([]);
    expect(store.alerts.inbox()).toEqual([]);
  });

  it("posts nothing when the same article is stored or reported again", async () => {
    addAlert(TRADE, "관세", { region: "평택" });
    now = seoul("2025-04-14", 10);
    await store_([TARIFF]);
    // Fetched again: the store reports nothing new; a repeated report changes nothing either.
    await store_([TARIFF]);
    await delivery.receive({ origin: "test-feed", added: [TARIFF.id], updated: [] });
    await delivery.round();
    expect(postRequests(TRADE)).toHaveLength(1);
  });

  it("after a restart on the same database file, another round posts nothing new", async () => {
    addAlert(TRADE, "관세", { region: "평택" });
    now = seoul("2025-04-14", 10);
    await store_([TARIFF]);
    await restart();
    now = seoul("2025-04-14", 11);
    await delivery.round();
    await delivery.receive({ origin: "test-feed", added: [TARIFF.id], updated: [] });
    expect(postRequests(TRADE)).toHaveLength(1);
    // A genuinely new article after the restart is still posted.
    await store_([TARIFF_DESK]);
    expect(postsTo(TRADE).map((p) => embedsOf(p)[0]?.url)).toEqual([
      "https://news.example.kr/articles/tariff-aid",
      "https://news.example.kr/articles/tariff-desk",
    ]);
  });

  it("posts one change notice when an article it posted moves its deadline", async () => {
    const alert = addAlert(TRADE, "관세", { region: "평택" });
    const other = addAlert(MANY, "요양보호사");
    now = seoul("2025-04-14", 10);
    await store_([TARIFF]);
    now = seoul("2025-04-15", 10);
    await store_([TARIFF_EXTENDED], [{ id: TARIFF.id, previousEnd: "2025-04-30" }]);
    const posts = postsTo(TRADE);
    expect(posts).toHaveLength(2);
    expect(posts[1]?.body.content).toBe(`🔔 알림 #${alert.id} · 평택시 · “관세” — 마감 변경 1건`);
    const [change] = embedsOf(posts[1]);
    expect(change?.title).toBe("[마감 변경] 평택시, 美 관세 대응 수출기업 긴급자금 지원");
    expect(change?.fields?.[0]).toEqual({
      name: "🔁 마감 변경",
      value: "2025-04-30 → 2025-05-15 (D-30)",
      inline: false,
    });
    // Reported again (a second fetch, a reindex): nothing more. The alert that never posted it: nothing.
    await delivery.receive({
      origin: "reindex",
      added: [],
      updated: [{ id: TARIFF.id, previousEnd: "2025-04-30" }],
    });
    expect(postsTo(TRADE)).toHaveLength(2);
    expect(postsTo(MANY)).toEqual([]);
    expect(store.alerts.get(other.id)?.lastPostedAt).toBeNull();
  });

  it("never posts articles published before the alert, nor ones over 7 days old", async () => {
    addAlert(MANY, "관세", { at: seoul("2025-04-01", 9) });
    addAlert(TRADE, "관세", { at: seoul("2025-04-14", 9) });
    now = seoul("2025-04-14", 10);
    const yesterday = variant(TARIFF, "yesterday", "2025-04-13");
    const stale = variant(TARIFF_DESK, "stale", "2025-04-06"); // 8 days old
    const recent = variant(TARIFF_DESK, "recent", "2025-04-07"); // 7 days old
    await store_([yesterday, stale, recent]);
    const urls = (channel: string) =>
      postsTo(channel).flatMap((p) => embedsOf(p).map((e) => e.url));
    // Created on the 1st: both fresh articles; the 8-day-old one never.
    expect(new Set(urls(MANY))).toEqual(
      new Set([
        "https://news.example.kr/articles/yesterday",
        "https://news.example.kr/articles/recent",
      ]),
    );
    // Created this morning: nothing published before today.
    expect(urls(TRADE)).toEqual([]);
  });

  it("a source's first fetch (its archive) is never announced, even undated articles", async () => {
    addAlert(TRADE, "관세");
    now = seoul("2025-04-14", 10);
    const undated = { ...TARIFF, publishedAt: null };
    index = await withArticles(index, [undated]);
    await delivery.receive({
      origin: "new-source",
      added: [undated.id],
      updated: [],
      backfill: true,
    });
    expect(store.alerts.inbox()).toEqual([]);
    expect(postRequests(TRADE)).toEqual([]);
    // Its next fetch brings news: an undated article counts as published when it arrives.
    const next = { ...variant(TARIFF_DESK, "desk-undated", "2025-04-14"), publishedAt: null };
    await store_([next]);
    expect(postsTo(TRADE).map((p) => embedsOf(p)[0]?.url)).toEqual([
      "https://news.example.kr/articles/desk-undated",
    ]);
  });

  it("a channel that refuses the post pauses the alert with the reason, and is left alone", async () => {
    const alert = addAlert(DENIED, "관세");
    now = seoul("2025-04-14", 10);
    const report = await store_([TARIFF]);
    expect(report).toMatchObject({ messages: 0, failed: 1, paused: [alert.id] });
    const paused = store.alerts.get(alert.id);
    expect(paused?.pausedAt).toBe(now.toISOString());
    expect(paused?.pauseReason).toBe("Missing Permissions (50013)");
    await store_([TARIFF_DESK]);
    now = seoul("2025-04-14", 11);
    await delivery.round();
    expect(postRequests(DENIED)).toHaveLength(1);
  });

  it("more than ten matches in one round: the first ten and how to find the rest", async () => {
    const alert = addAlert(MANY, "관세");
    now = seoul("2025-04-14", 10);
    const twelve = Array.from({ length: 12 }, (_, i) =>
      article(
        `tariff-${i}`,
        `관세 대응 설명회 ${i + 1}차`,
        `평택시는 관세 대응 설명회 ${i + 1}차를 연다고 14일 밝혔다. 수출기업 누구나 참석할 수 있다.`,
        "2025-04-14",
      ),
    );
    const report = await store_(twelve);
    expect(report).toMatchObject({ messages: 1, articles: 12 });
    const [post] = postsTo(MANY);
    expect(embedsOf(post)).toHaveLength(10);
    expect(post?.body.content).toBe(
      `🔔 알림 #${alert.id} · “관세” — 새 소식 12건\n…외 2건 더 — \`/news search query:관세\``,
    );
    expect(store.alerts.ledgerCounts()).toMatchObject({ sent: 12, claimed: 0 });
  });

  it("fifty alerts matching at once post one message each, one at a time", async () => {
    const channels = Array.from(
      { length: 50 },
      (_, i) => `13000000000000010${String(i).padStart(2, "0")}`,
    );
    // Two servers: at most 25 alerts each.
    channels.forEach((channel, i) => {
      addAlert(channel, "관세", { guild: i < 25 ? GUILD : "1300000000000000002" });
    });
    fake.setPostDelay(15);
    now = seoul("2025-04-14", 10);
    const report = await store_([TARIFF]);
    expect(report).toMatchObject({ messages: 50, failed: 0 });
    for (const channel of channels) expect(postsTo(channel)).toHaveLength(1);
    expect(fake.maxConcurrentPosts).toBe(1);
  });

  it("honours a 429: waits for Retry-After and posts once", async () => {
    addAlert(TRADE, "관세");
    fake.setChannelResponse(
      TRADE,
      429,
      { message: "You are being rate limited.", retry_after: 0.3, global: false },
      { times: 1, headers: { "retry-after": "0.3" } },
    );
    now = seoul("2025-04-14", 10);
    const started = Date.now();
    const report = await store_([TARIFF]);
    expect(report).toMatchObject({ messages: 1, failed: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(postRequests(TRADE).map((r) => r.status)).toEqual([429, 200]);
    expect(postsTo(TRADE)).toHaveLength(1);
  });

  it("another failure is retried at the next rounds, a bounded number of times", async () => {
    const alert = addAlert(TRADE, "관세");
    fake.setChannelResponse(TRADE, 500);
    now = seoul("2025-04-14", 10);
    await store_([TARIFF]);
    expect(postRequests(TRADE)).toHaveLength(1);
    expect(store.alerts.get(alert.id)?.lastError).toBe("Internal Server Error (HTTP 500)");
    for (let round = 0; round < 5; round++) await delivery.round();
    expect(postRequests(TRADE)).toHaveLength(MAX_POST_ATTEMPTS);
    expect(store.alerts.get(alert.id)?.pausedAt).toBeNull();

    // A transient failure that clears: the next round posts it, once.
    fake.reset();
    fake.setChannelResponse(TRADE, 500, undefined, { times: 1 });
    await store_([TARIFF_DESK]);
    await delivery.round();
    await delivery.round();
    expect(postsTo(TRADE)).toHaveLength(1);
    expect(store.alerts.get(alert.id)?.lastError).toBeNull();
  });

  it("a send whose outcome was lost to kill -9 is re-sent under its nonce: still one message", async () => {
    const alert = addAlert(TRADE, "관세");
    now = seoul("2025-04-14", 10);
    // The round claims and sends, then the process dies before recording the outcome.
    await claimAndSendThenDie(alert);
    now = seoul("2025-04-14", 10, 1);
    await restart();
    expect(postRequests(TRADE)).toHaveLength(2);
    expect(postsTo(TRADE)).toHaveLength(1);
    expect(store.alerts.ledgerCounts()).toMatchObject({ sent: 1, claimed: 0 });
  });

  it("after Discord's nonce window, a lost outcome is looked up in the channel, not re-sent", async () => {
    const alert = addAlert(TRADE, "관세");
    now = seoul("2025-04-14", 10);
    const { claimed, sent } = await claimAndSendThenDie(alert);
    // Down for ten minutes: Discord no longer remembers the nonce.
    fake.forgetNonces();
    now = seoul("2025-04-14", 10, 10);
    store.close();
    await client.destroy();
    store = openStore(dir, { clock: () => now });
    client = openClient();
    delivery = createAlertDelivery({
      alerts: store.alerts,
      index: () => index,
      send: alertSender(client),
      clock: () => now,
      digestHour: () => 9,
      recentPosts: channelHistory(client, fake.ids.application),
    });
    const report = await delivery.start();
    expect(report).toMatchObject({ messages: 1, failed: 0 });
    expect(postRequests(TRADE)).toHaveLength(1);
    expect(postsTo(TRADE)).toHaveLength(1);
    expect(store.alerts.post(claimed.postId)).toMatchObject({ status: "sent", messageId: sent.id });
  });

  it("arrivals reported just before a crash are evaluated after the restart", async () => {
    addAlert(TRADE, "관세");
    now = seoul("2025-04-14", 10);
    index = await withArticles(index, [TARIFF]);
    store.alerts.receive({ origin: "test-feed", added: [TARIFF.id], updated: [] });
    await restart();
    expect(postsTo(TRADE)).toHaveLength(1);
  });
});

describe("daily alerts", () => {
  it("collect the day's matches and post one digest at the reminder hour", async () => {
    const alert = addAlert(DAILY, "관세", { mode: "daily" });
    now = seoul("2025-04-14", 10);
    await store_([TARIFF]);
    now = seoul("2025-04-14", 15);
    await store_([TARIFF_DESK, CARE]);
    expect(postsTo(DAILY)).toEqual([]);
    expect(store.alerts.ledgerCounts()).toMatchObject({ pending: 2 });

    now = seoul("2025-04-15", 8, 59);
    await delivery.round();
    expect(postsTo(DAILY)).toEqual([]);
    now = seoul("2025-04-15", 9);
    await delivery.round();
    await restart();
    now = seoul("2025-04-15", 10);
    await delivery.round();
    const posts = postsTo(DAILY);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.content).toBe(
      `🔔 알림 #${alert.id} · “관세” — 2025-04-15 모음 · 새 소식 2건`,
    );
    expect(embedsOf(posts[0]).map((e) => e.url)).toEqual([
      "https://news.example.kr/articles/tariff-aid",
      "https://news.example.kr/articles/tariff-desk",
    ]);
    expect(posts[0]?.body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });

    // Matches after today's digest wait for tomorrow's.
    const later = variant(TARIFF_DESK, "tariff-later", "2025-04-15");
    await store_([later]);
    now = seoul("2025-04-15", 23);
    await delivery.round();
    expect(postsTo(DAILY)).toHaveLength(1);
    now = seoul("2025-04-16", 9);
    await delivery.round();
    expect(postsTo(DAILY)).toHaveLength(2);
    expect(embedsOf(postsTo(DAILY)[1]).map((e) => e.url)).toEqual([
      "https://news.example.kr/articles/tariff-later",
    ]);
  });
});
