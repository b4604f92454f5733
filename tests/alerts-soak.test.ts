/**
 * Seven weeks of real announcements (../shared/corpus, July–August 2026) arriving day by day at a
 * set of alerts, through a real discord.js Client and the loopback Discord, with every day's
 * report repeated (a second fetch), a restart every fifth day and the daily digests at 09:00.
 * Checked from Discord's side: every alert posted exactly what `jiwon alerts preview` says it
 * would have, no article twice to a channel, one nonce per message.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, SEED_DIR } from "../bench/corpus.ts";
import type { Alert, AlertMode } from "../src/alerts/alert.ts";
import { previewAlert } from "../src/alerts/preview.ts";
import { alertSender } from "../src/discord/alert-sender.ts";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { type AlertDelivery, createAlertDelivery } from "../src/schedule/alerts.ts";
import { openStore, type Store } from "../src/state/store.ts";
import { addDays, daysBetween } from "../src/time/calendar.ts";
import { type FakeDiscord, startFakeDiscord } from "./support/fake-discord.ts";

const GUILD = "1300000000000000101";
const FIRST_DAY = "2026-07-01";
const LAST_DAY = "2026-08-21";

const QUESTIONS: Array<{ query: string; region?: string; category?: string; mode?: AlertMode }> = [
  { query: "관세" },
  { query: "수출 바우처" },
  { query: "창업", region: "경기" },
  { query: "startup support in Seoul" },
  { query: "smart factory" },
  { query: "마감 임박 인력" },
  { query: "교육", mode: "daily" },
  { query: "소상공인 지원", region: "부산" },
];

const seoul = (date: string, hour: number) =>
  new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+09:00`);

describe.skipIf(!existsSync(CORPUS_DIR))("alerts over seven weeks of real announcements", () => {
  let fake: FakeDiscord;
  let index: SearchIndex;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    index = await buildIndex([CORPUS_DIR, SEED_DIR]);
    dir = mkdtempSync(join(tmpdir(), "jiwon-alerts-soak-"));
  }, 120_000);

  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("posts every match exactly once, as the preview says, across repeats and restarts", async () => {
    let now = seoul(addDays(FIRST_DAY, -1), 9);
    let store: Store = openStore(dir, { clock: () => now });
    const alerts: Alert[] = QUESTIONS.map((q, i) => {
      const saved = store.alerts.add(
        {
          guildId: GUILD,
          channelId: `13000000000000002${String(i).padStart(2, "0")}`,
          query: q.query,
          region: q.region ?? null,
          category: q.category ?? null,
          interpretation: q.query,
          mode: q.mode ?? "instant",
          locale: "ko",
          createdBy: "mod",
        },
        25,
      );
      if (!saved.ok) throw new Error("limit");
      return saved.alert;
    });

    const byDay = new Map<string, string[]>();
    for (const article of index.allArticles()) {
      const day = article.publishedAt;
      if (day === null || day < FIRST_DAY || day > LAST_DAY) continue;
      byDay.set(day, [...(byDay.get(day) ?? []), article.id]);
    }

    let client: Client = new Client({ intents: [], rest: { api: fake.url, retries: 0 } });
    client.rest.setToken("test");
    const open = (): AlertDelivery =>
      createAlertDelivery({
        alerts: store.alerts,
        index: () => index,
        send: alertSender(client),
        clock: () => now,
        digestHour: () => 9,
      });
    let delivery = open();
    await delivery.start();

    let reports = 0;
    let arrived = 0;
    let restarts = 0;
    const days = daysBetween(FIRST_DAY, LAST_DAY) + 1;
    for (let d = 0; d <= days; d++) {
      const date = addDays(FIRST_DAY, d);
      now = seoul(date, 9);
      await delivery.round(); // the hourly tick: yesterday's digest
      const ids = byDay.get(date) ?? [];
      if (ids.length > 0) {
        now = seoul(date, 10);
        await delivery.receive({ origin: "soak", added: ids, updated: [] });
        now = seoul(date, 11);
        await delivery.receive({ origin: "soak", added: ids, updated: [] }); // fetched again
        reports += 2;
        arrived += ids.length;
      }
      if (d % 5 === 4) {
        store.close();
        await client.destroy();
        store = openStore(dir, { clock: () => now });
        client = new Client({ intents: [], rest: { api: fake.url, retries: 0 } });
        client.rest.setToken("test");
        delivery = open();
        await delivery.start();
        restarts++;
      }
    }

    // What Discord received: per channel, the articles named (embeds) and counted ("…외 N건").
    let messages = 0;
    let posted = 0;
    let duplicates = 0;
    const perAlert: string[] = [];
    const nonces = new Set<string>();
    for (const alert of alerts) {
      const seen = new Set<string>();
      let inChannel = 0;
      for (const post of fake.posted.filter((p) => p.channelId === alert.channelId)) {
        messages++;
        nonces.add(String(post.body.nonce));
        expect(post.body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
        const embeds = post.body.embeds as Array<{
          title: string;
          url?: string;
          footer?: { text: string };
        }>;
        for (const embed of embeds) {
          const key = `${embed.title}\u0000${embed.url}\u0000${embed.footer?.text}`;
          if (seen.has(key)) duplicates++;
          seen.add(key);
        }
        const more = /…외 (\d+)건 더/.exec(String(post.body.content));
        inChannel += embeds.length + Number(more?.[1] ?? 0);
      }
      // Exactly what the preview says the question would have posted over the same days (the
      // loop's last morning posted the daily alert's digest of the last day).
      const preview = await previewAlert(index, alert, {
        asOf: LAST_DAY,
        days: daysBetween(FIRST_DAY, LAST_DAY) + 1,
      });
      const expected = preview.reduce((n, day) => n + day.hits.length, 0);
      expect(inChannel, alert.query).toBe(expected);
      posted += inChannel;
      perAlert.push(`${alert.query}${alert.region ? `@${alert.region}` : ""}=${inChannel}`);
    }
    const ledger = store.alerts.ledgerCounts();
    store.close();
    await client.destroy();

    expect(duplicates).toBe(0);
    expect(nonces.size).toBe(messages);
    expect(ledger).toMatchObject({ sent: posted, claimed: 0, failed: 0, pending: 0 });
    expect(posted).toBeGreaterThan(100);
    console.info(
      `alerts soak: ${alerts.length} alerts, ${byDay.size} days, ${arrived} articles arrived in ${reports} reports (each day twice), ${restarts} restarts; ${messages} messages carrying ${posted} articles (${perAlert.join(", ")}); duplicates ${duplicates}`,
    );
  }, 300_000);
});
