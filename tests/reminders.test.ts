/**
 * Deadline reminders end to end: a controlled clock, the SQLite ledger in a temp dir, and a real
 * discord.js Client posting to the loopback Discord. "Restart" means closing the database and
 * the client and opening new ones on the same file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Client } from "discord.js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { channelHistory, channelSender } from "../src/discord/channel-io.ts";
import { discordLength, LIMITS } from "../src/present/limits.ts";
import {
  type Deadline,
  type DueReminder,
  dueReminders,
  planDigests,
  planFromDeadlines,
  type RenderDigest,
  renderPlainDigest,
  runDigests,
} from "../src/schedule/reminders.ts";
import { startScheduler } from "../src/schedule/scheduler.ts";
import {
  IN_DOUBT_RESEND_MS,
  openStore,
  partNonce,
  STORE_FILE,
  type Store,
  type Subscription,
} from "../src/state/store.ts";
import { addDays, seoulHour } from "../src/time/calendar.ts";
import { type FakeDiscord, startFakeDiscord } from "./support/fake-discord.ts";

const GUILD = "1300000000000000001";
const ALL = "1300000000000000011"; // every region
const GYEONGGI = "1300000000000000012"; // region 41 only
const EVENING = "1300000000000000013"; // digest at 18:00
const DENIED = "1300000000000000014"; // the bot may not post here

const deadline = (articleId: string, end: string): Deadline => ({
  articleId,
  title: `공고 ${articleId}`,
  url: `https://example.kr/${articleId}`,
  end,
});

/** Seen from 2026-05-01: D-7, D-3, D-1, D-day, already past, D-5, and no date at all. */
const DEADLINES = [
  deadline("d7", "2026-05-08"),
  deadline("d3", "2026-05-04"),
  deadline("d1", "2026-05-02"),
  deadline("d0", "2026-05-01"),
  deadline("past", "2026-04-30"),
  deadline("d5", "2026-05-06"),
  deadline("rolling", "상시"),
];

const deadlinesFor = (sub: Subscription) =>
  sub.region === "41" ? DEADLINES.filter((d) => d.articleId === "d3") : DEADLINES;

/** Machine-readable digest in one message: the day, then `article@offset` per line. */
const testRender: RenderDigest = (items, _sub, today) => [
  {
    content: [today, ...items.map((i) => `${i.articleId}@${i.offsetDays}`)].join("\n"),
    items,
  },
];

/** An instant at the given Seoul wall-clock time (UTC+9, no daylight saving). */
const seoul = (date: string, hour: number, minute = 0) =>
  new Date(`${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+09:00`);

let fake: FakeDiscord;
let dir: string;
let now: Date;
let store: Store;
let client: Client;

function openClient(): Client {
  const c = new Client({ intents: [], rest: { api: fake.url, retries: 0 } });
  c.rest.setToken("test");
  return c;
}

async function restart(): Promise<void> {
  store.close();
  await client.destroy();
  store = openStore(dir, { clock: () => now });
  client = openClient();
}

function run(at: Date, render: RenderDigest = testRender) {
  now = at;
  return runDigests({
    store,
    now,
    plan: planFromDeadlines(deadlinesFor),
    send: channelSender(client),
    recentPosts: channelHistory(client, fake.ids.application),
    render,
  });
}

/** What the fake Discord received per channel, parsed from `testRender` content. */
function postsTo(channelId: string): Array<{ day: string; items: string[] }> {
  return fake.posted
    .filter((p) => p.channelId === channelId)
    .map((p) => {
      const [day = "", ...items] = String(p.body.content).split("\n");
      return { day, items };
    });
}

const postRequests = (channelId: string) =>
  fake.requests.filter(
    (r) => r.method === "POST" && r.path === `/api/v10/channels/${channelId}/messages`,
  );

beforeAll(async () => {
  fake = await startFakeDiscord();
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  fake.setChannelResponse(DENIED, 403);
  dir = mkdtempSync(join(tmpdir(), "jiwon-reminders-"));
  now = seoul("2026-05-01", 0);
  store = openStore(dir, { clock: () => now });
  client = openClient();
  store.subscribe({ guildId: GUILD, channelId: ALL, hour: 9, createdBy: "mod" });
  store.subscribe({ guildId: GUILD, channelId: GYEONGGI, region: "41", hour: 9, createdBy: "mod" });
  store.subscribe({ guildId: GUILD, channelId: EVENING, hour: 18, createdBy: "mod" });
  store.subscribe({ guildId: GUILD, channelId: DENIED, hour: 9, createdBy: "mod" });
});

afterEach(async () => {
  store.close();
  await client.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe("dueReminders (pure planning)", () => {
  it("announces at D-7, D-3, D-1 and D-day only, most urgent first", () => {
    const due = dueReminders(DEADLINES, "2026-05-01");
    expect(due.map((d) => [d.articleId, d.offsetDays, d.deadline])).toEqual([
      ["d0", 0, "2026-05-01"],
      ["d1", 1, "2026-05-02"],
      ["d3", 3, "2026-05-04"],
      ["d7", 7, "2026-05-08"],
    ]);
  });

  it("never announces a deadline that has passed, on any later day", () => {
    for (let day = 0; day < 30; day++) {
      const today = addDays("2026-04-30", day + 1);
      expect(dueReminders([deadline("past", "2026-04-30")], today)).toEqual([]);
    }
  });

  it("keeps one reminder per article and deadline when a source repeats it", () => {
    const repeated = [deadline("a", "2026-05-04"), deadline("a", "2026-05-04")];
    expect(dueReminders(repeated, "2026-05-01")).toHaveLength(1);
  });

  it("plans per subscription and leaves out channels with nothing due", () => {
    const subs = store.listAll();
    const planned = planDigests(subs, deadlinesFor, "2026-05-02");
    // On 05-02: d1 is due (D-day) for ALL; GYEONGGI's only deadline (05-04) is D-2.
    expect(planned.map((p) => [p.subscription.channelId, p.items.map((i) => i.articleId)])).toEqual(
      [
        [ALL, ["d1"]],
        [EVENING, ["d1"]],
        [DENIED, ["d1"]],
      ],
    );
  });

  it("reads the hour in Seoul whatever the process time zone", () => {
    expect(seoulHour(new Date("2026-05-01T00:30:00Z"))).toBe(9);
    expect(seoulHour(new Date("2026-05-01T15:00:00Z"))).toBe(0);
  });
});

describe("runDigests with a real discord.js Client", () => {
  it("posts one digest per channel with the right items once the hour has come", async () => {
    await run(seoul("2026-05-01", 8, 59));
    expect(fake.posted).toEqual([]);

    const outcomes = await run(seoul("2026-05-01", 9, 30));
    expect(postsTo(ALL)).toEqual([{ day: "2026-05-01", items: ["d0@0", "d1@1", "d3@3", "d7@7"] }]);
    expect(postsTo(GYEONGGI)).toEqual([{ day: "2026-05-01", items: ["d3@3"] }]);
    expect(postsTo(EVENING)).toEqual([]);
    expect(outcomes.find((o) => o.channelId === EVENING)).toMatchObject({ why: "not-yet" });

    await run(seoul("2026-05-01", 18));
    expect(postsTo(EVENING)).toHaveLength(1);
    expect(postsTo(ALL)).toHaveLength(1);
  });

  it("sends the nonce with enforce_nonce and allowed_mentions { parse: [] }", async () => {
    await run(seoul("2026-05-01", 9));
    const [request] = postRequests(ALL);
    expect(request?.json).toMatchObject({
      nonce: expect.stringMatching(/^.{1,25}$/),
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
  });

  it("after a restart on the same database file, nothing is posted twice", async () => {
    await run(seoul("2026-05-01", 9));
    await restart();
    await run(seoul("2026-05-01", 9, 5));
    await run(seoul("2026-05-01", 10));
    expect(postsTo(ALL)).toHaveLength(1);
    expect(postsTo(GYEONGGI)).toHaveLength(1);
  });

  it("over three weeks of hourly runs and daily restarts, every reminder is posted exactly once", async () => {
    const first = "2026-04-20";
    for (let day = 0; day < 21; day++) {
      const date = addDays(first, day);
      for (let hour = 0; hour < 24; hour++) await run(seoul(date, hour));
      await restart();
    }
    const posts = postsTo(ALL);
    const announced = posts.flatMap((p) => p.items.map((item) => ({ day: p.day, item })));
    const keys = announced.map((a) => a.item);
    expect(new Set(keys).size).toBe(keys.length);
    // Six dated articles × four offsets, all inside the window.
    expect(keys).toHaveLength(24);
    expect(new Set(posts.map((p) => p.day)).size).toBe(posts.length);
    for (const { day, item } of announced) {
      const [articleId] = item.split("@");
      const end = DEADLINES.find((d) => d.articleId === articleId)?.end ?? "";
      expect(day <= end).toBe(true);
    }
    expect(keys.some((key) => key.startsWith("rolling"))).toBe(false);
  });

  it("a new day posts the next offset", async () => {
    await run(seoul("2026-05-01", 9));
    await run(seoul("2026-05-02", 9));
    await restart();
    await run(seoul("2026-05-03", 9));
    expect(postsTo(GYEONGGI)).toEqual([
      { day: "2026-05-01", items: ["d3@3"] },
      { day: "2026-05-03", items: ["d3@1"] },
    ]);
  });

  it("a channel answering 403 is recorded on the subscription and not retried that day", async () => {
    const outcomes = await run(seoul("2026-05-01", 9));
    expect(outcomes.find((o) => o.channelId === DENIED)).toMatchObject({
      status: "failed",
      permanent: true,
    });
    for (const hour of [10, 11, 12, 23]) await run(seoul("2026-05-01", hour));
    expect(postRequests(DENIED)).toHaveLength(1);
    const denied = store.listAll().find((s) => s.channelId === DENIED);
    expect(denied).toMatchObject({
      lastError: "Missing Permissions (50013)",
      failingSince: seoul("2026-05-01", 9).toISOString(),
    });

    // The next day brings one attempt, not a storm; once fixed, posting resumes and clears it.
    for (const hour of [9, 10, 11]) await run(seoul("2026-05-02", hour));
    expect(postRequests(DENIED)).toHaveLength(2);
    fake.setChannelResponse(DENIED, 200);
    await run(seoul("2026-05-03", 9));
    expect(postsTo(DENIED)).toHaveLength(1);
    expect(store.listAll().find((s) => s.channelId === DENIED)?.lastError).toBeNull();
  });

  it("a deleted channel (404 Unknown Channel) is treated like a refusal", async () => {
    fake.setChannelResponse(ALL, 404);
    await run(seoul("2026-05-01", 9));
    await run(seoul("2026-05-01", 10));
    expect(store.listAll().find((s) => s.channelId === ALL)?.lastError).toMatch(/Unknown Channel/);
    expect(fake.requests.filter((r) => r.path.includes(ALL))).toHaveLength(1);
  });

  it("a transient error is retried once at the next run, never in a loop", async () => {
    fake.setChannelResponse(ALL, 500);
    fake.setChannelResponse(GYEONGGI, 500);
    await run(seoul("2026-05-01", 9));
    fake.setChannelResponse(GYEONGGI, 200); // recovers before the next run
    await run(seoul("2026-05-01", 10));
    await run(seoul("2026-05-01", 11));
    await run(seoul("2026-05-01", 12));

    expect(postRequests(ALL)).toHaveLength(2);
    expect(store.listAll().find((s) => s.channelId === ALL)?.lastError).toMatch(/500/);
    expect(postRequests(GYEONGGI)).toHaveLength(2);
    expect(postsTo(GYEONGGI)).toEqual([{ day: "2026-05-01", items: ["d3@3"] }]);
  });

  /** What a process does before it dies: claim, post the digest's messages, record nothing. */
  async function claimAndPostThenDie(render: RenderDigest = testRender) {
    now = seoul("2026-05-01", 9);
    const sub = store.listAll().find((s) => s.channelId === ALL) as Subscription;
    const claim = store.claimDigest(
      GUILD,
      ALL,
      "2026-05-01",
      dueReminders(DEADLINES, "2026-05-01"),
    );
    for (const part of render(claim.items, sub, "2026-05-01")) {
      await channelSender(client)(ALL, {
        content: part.content,
        embeds: [],
        nonce: partNonce(claim.nonce, part.items),
        enforceNonce: true,
        allowedMentions: { parse: [] },
      });
    }
    await restart();
    return claim;
  }

  it("a crash between sending and recording never posts twice", async () => {
    const claim = await claimAndPostThenDie();
    // Back within Discord's nonce window: re-sent with the same nonce, which Discord drops.
    await run(new Date(now.getTime() + IN_DOUBT_RESEND_MS / 2));
    expect(postRequests(ALL)).toHaveLength(2);
    expect(postRequests(ALL)[1]?.json).toMatchObject({
      nonce: partNonce(claim.nonce, claim.items),
    });
    expect(postsTo(ALL)).toHaveLength(1);
    expect(store.digestRun(GUILD, ALL, "2026-05-01")?.status).toBe("sent");
  });

  it("a crash after posting, then a long outage: found in the channel, recorded, not posted again", async () => {
    await claimAndPostThenDie();
    const outcomes = await run(seoul("2026-05-01", 9, 35));
    expect(postRequests(ALL)).toHaveLength(1);
    expect(postsTo(ALL)).toHaveLength(1);
    const [posted] = fake.posted.filter((p) => p.channelId === ALL);
    expect(outcomes.find((o) => o.channelId === ALL)).toMatchObject({
      status: "sent",
      messageId: posted?.id,
    });
    expect(store.digestRun(GUILD, ALL, "2026-05-01")).toMatchObject({
      status: "sent",
      messageId: posted?.id,
    });
    // The channel's history was read from the claim on, not from the beginning of time.
    const read = fake.requests.find(
      (r) => r.method === "GET" && r.path.endsWith(`/${ALL}/messages`),
    );
    expect(BigInt(read?.query.after ?? "0")).toBeGreaterThan(0n);
  });

  it("a crash before anything reached Discord, then a long outage: posted when the bot is back", async () => {
    now = seoul("2026-05-01", 9);
    store.claimDigest(GUILD, ALL, "2026-05-01", dueReminders(DEADLINES, "2026-05-01"));
    await restart();
    await run(seoul("2026-05-01", 14));
    expect(postsTo(ALL)).toEqual([{ day: "2026-05-01", items: ["d0@0", "d1@1", "d3@3", "d7@7"] }]);
    expect(store.digestRun(GUILD, ALL, "2026-05-01")?.status).toBe("sent");
    await run(seoul("2026-05-01", 15));
    await run(seoul("2026-05-02", 9));
    expect(postsTo(ALL)).toEqual([
      { day: "2026-05-01", items: ["d0@0", "d1@1", "d3@3", "d7@7"] },
      { day: "2026-05-02", items: ["d1@0"] },
    ]);
  });

  it("when the channel's history cannot be read, the unrecorded digest is sent (and says why in the log)", async () => {
    now = seoul("2026-05-01", 9);
    store.claimDigest(GUILD, ALL, "2026-05-01", dueReminders(DEADLINES, "2026-05-01"));
    await restart();
    const history = fake.requests.length;
    const warnings: unknown[] = [];
    const logger = {
      warn: (fields: unknown, msg: string) => warnings.push({ fields, msg }),
      info: () => {},
      error: () => {},
    } as unknown as Parameters<typeof runDigests>[0]["logger"];
    now = seoul("2026-05-01", 10);
    await runDigests({
      store,
      now,
      plan: planFromDeadlines(deadlinesFor),
      send: channelSender(client),
      recentPosts: async () => {
        throw new Error("Missing Access");
      },
      render: testRender,
      logger,
    });
    expect(fake.requests.length).toBeGreaterThan(history);
    expect(postsTo(ALL)).toHaveLength(1);
    expect(warnings).toContainEqual(
      expect.objectContaining({ msg: expect.stringContaining("could not read the channel") }),
    );
  });

  it("the default renderer writes a Korean list with D-labels and unfurl-free links", async () => {
    await run(seoul("2026-05-01", 9), renderPlainDigest);
    const content = String(fake.posted.find((p) => p.channelId === GYEONGGI)?.body.content);
    expect(content).toBe(
      "**마감 임박 지원사업 알림** (2026-05-01)\n• **D-3** [공고 d3](<https://example.kr/d3>) — 5월 4일(월) 마감",
    );
  });
});

describe("renderPlainDigest", () => {
  const many = (
    count: number,
    title = (i: number) => `아주 긴 지원사업 공고 제목 ${i} `.repeat(3),
  ) =>
    Array.from(
      { length: count },
      (_, i): DueReminder => ({
        ...deadline(`a${i}`, "2026-05-04"),
        title: title(i),
        deadline: "2026-05-04",
        offsetDays: 3,
      }),
    );
  const sub = () => store.listAll()[0] as Subscription;

  it("splits a busy day into messages within 2,000 characters that name every reminder once", () => {
    const items = many(60);
    const parts = renderPlainDigest(items, sub(), "2026-05-01");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(discordLength(part.content)).toBeLessThanOrEqual(LIMITS.content);
      expect(part.content.split("\n")).toHaveLength(part.items.length + 1);
      part.items.forEach((item, i) => {
        expect(part.content.split("\n")[i + 1]).toContain(`(<${item.url}>)`);
      });
    }
    expect(parts.flatMap((p) => p.items)).toEqual(items);
    // A resumed digest renders the items after a message boundary into the same messages.
    const rest = parts.slice(1).flatMap((p) => p.items);
    expect(renderPlainDigest(rest, sub(), "2026-05-01")).toEqual(parts.slice(1));
  });

  it("escapes markdown and mentions in titles, and keeps a reminder whose link cannot fit", () => {
    const [hostile, long] = many(2, (i) =>
      i === 0 ? "**굵게** @everyone <@&123456789012345678> `코드` ~~취소~~ ||가림||" : "긴 주소",
    );
    const parts = renderPlainDigest(
      [
        { ...(hostile as DueReminder), url: "https://e.example/y)[로그인](https://phish.example)" },
        { ...(long as DueReminder), url: `https://e.example/${"a".repeat(2000)}` },
      ],
      sub(),
      "2026-05-01",
    );
    const text = parts.map((p) => p.content).join("\n");
    expect(text).toContain(
      "• **D-3** \\*\\*굵게\\*\\* @\u200beveryone <@&\u200b123456789012345678> \\`코드\\` \\~\\~취소\\~\\~ \\|\\|가림\\|\\| — 5월 4일(월) 마감",
    );
    expect(text).not.toContain("phish");
    expect(text).toContain("• **D-3** 긴 주소 — 5월 4일(월) 마감");
    for (const part of parts)
      expect(discordLength(part.content)).toBeLessThanOrEqual(LIMITS.content);
  });
});

describe("a busy day through the real client", () => {
  const BUSY = "1300000000000000015";
  /** 150 reminders due on one day: 80 on D-day, 70 at D-1/D-3/D-7, with long titles. */
  const busyDeadlines: Deadline[] = Array.from({ length: 150 }, (_, i) => ({
    articleId: `busy-${String(i).padStart(3, "0")}`,
    title: `${i}번 공고: 2026년 소상공인 경영안정 지원사업 참여기업 모집 공고 (${"세부".repeat(i % 7)})`,
    url: `https://www.bizinfo.go.kr/web/lay1/bbs/S1T122C128/AS/74/view.do?pblancId=PBLN_${String(i).padStart(12, "0")}`,
    end: i < 80 ? "2026-05-01" : addDays("2026-05-01", [1, 3, 7][i % 3] as number),
  }));

  /** The ledger as the database has it: which message each reminder was recorded in. */
  function ledger(): Array<{ article_id: string; status: string; message_id: string | null }> {
    const db = new Database(join(dir, STORE_FILE), { readonly: true });
    try {
      return db
        .prepare(
          "SELECT article_id, status, message_id FROM reminder_ledger WHERE channel_id = ? ORDER BY article_id",
        )
        .all(BUSY) as Array<{ article_id: string; status: string; message_id: string | null }>;
    } finally {
      db.close();
    }
  }

  function runBusy(at: Date, send = channelSender(client)) {
    now = at;
    return runDigests({
      store,
      now,
      plan: planFromDeadlines((s) => (s.channelId === BUSY ? busyDeadlines : [])),
      send,
      recentPosts: channelHistory(client, fake.ids.application),
    });
  }

  beforeEach(() => {
    for (const s of store.listAll()) store.unsubscribe(s.guildId, s.channelId);
    store.subscribe({ guildId: GUILD, channelId: BUSY, hour: 9, createdBy: "mod" });
  });

  it("every reminder marked sent is named in the posted message it was recorded with", async () => {
    await runBusy(seoul("2026-05-01", 9));
    const posted = new Map(
      fake.posted.filter((p) => p.channelId === BUSY).map((p) => [p.id, p.body]),
    );
    expect(posted.size).toBeGreaterThan(1);
    const rows = ledger();
    expect(rows).toHaveLength(150);
    for (const row of rows) {
      expect(row.status).toBe("sent");
      const message = posted.get(row.message_id ?? "");
      const source = busyDeadlines.find((d) => d.articleId === row.article_id) as Deadline;
      expect(String(message?.content)).toContain(`](<${source.url}>)`);
    }
    for (const body of posted.values()) {
      expect(discordLength(String(body.content))).toBeLessThanOrEqual(LIMITS.content);
      expect(body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
      expect(String(body.nonce).length).toBeLessThanOrEqual(25);
    }
    const nonces = [...posted.values()].map((b) => b.nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    // Every line names one reminder; no "… and N more".
    const lines = [...posted.values()].flatMap((b) => String(b.content).split("\n").slice(1));
    expect(lines).toHaveLength(150);
    expect(lines.join("\n")).not.toMatch(/외 \d+건/);
  });

  it("a failure half-way marks sent exactly what was posted, and the retry sends only the rest", async () => {
    const real = channelSender(client);
    let calls = 0;
    const failThird: typeof real = async (channelId, message) => {
      calls += 1;
      if (calls === 3) throw new Error("socket hang up");
      return real(channelId, message);
    };
    await runBusy(seoul("2026-05-01", 9), failThird);
    const afterFirst = fake.posted.filter((p) => p.channelId === BUSY);
    expect(afterFirst).toHaveLength(2);
    const sent = ledger().filter((r) => r.status === "sent");
    const named = afterFirst.flatMap((p) => String(p.body.content).split("\n").slice(1));
    expect(sent).toHaveLength(named.length);
    for (const row of sent) {
      expect(afterFirst.map((p) => p.id)).toContain(row.message_id);
    }
    expect(
      ledger()
        .filter((r) => r.status !== "sent")
        .every((r) => r.status === "failed"),
    ).toBe(true);

    await runBusy(seoul("2026-05-01", 10));
    const all = fake.posted.filter((p) => p.channelId === BUSY);
    const lines = all.flatMap((p) => String(p.body.content).split("\n").slice(1));
    expect(lines).toHaveLength(150);
    expect(ledger().every((r) => r.status === "sent")).toBe(true);
    expect(store.digestRun(GUILD, BUSY, "2026-05-01")?.status).toBe("sent");
  });
});

describe("startScheduler", () => {
  it("catches up once at start with the injected clock, then waits for minute 0 in Seoul", async () => {
    const ticks: Date[] = [];
    const fixed = new Date("2026-05-01T00:30:00Z");
    const scheduler = startScheduler({ tick: (at) => ticks.push(at), clock: () => fixed });
    await scheduler.started;
    expect(ticks).toEqual([fixed]);
    const next = scheduler.nextRun();
    expect(next?.getUTCMinutes()).toBe(0);
    expect(next && next.getTime() > Date.now()).toBe(true);
    scheduler.stop();
    expect(scheduler.nextRun()).toBeNull();
  });

  it("never overlaps ticks, and keeps running after a failing tick", async () => {
    let release = () => {};
    let calls = 0;
    const scheduler = startScheduler({
      pattern: "* * * * * *", // every second, so the test sees the timer fire
      tick: async () => {
        calls += 1;
        if (calls === 1) {
          await new Promise<void>((resolve) => {
            release = resolve;
          });
        }
        if (calls === 2) throw new Error("boom");
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(calls).toBe(1); // the timer fired while the catch-up tick was still running
    release();
    await scheduler.started;
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    scheduler.stop();
    expect(calls).toBeGreaterThanOrEqual(3);
  });
});
