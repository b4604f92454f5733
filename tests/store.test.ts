/** The SQLite state: a real database file in a temp dir, closed and reopened like a restart. */
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LEGACY_PAGE_QUERIES_FILE } from "../src/state/page-queries.ts";
import {
  digestNonce,
  IN_DOUBT_RESEND_MS,
  MAX_DIGEST_ATTEMPTS,
  openStore,
  STORE_FILE,
  StateDatabaseError,
  type Store,
} from "../src/state/store.ts";

const GUILD = "1200000000000000001";
const OTHER_GUILD = "1200000000000000002";
const CHANNEL = "1200000000000000011";
const CHANNEL_2 = "1200000000000000012";
const TODAY = "2026-05-01";

/** The schema the first jiwon shipped (user_version 1), as an old state file has it. */
const SCHEMA_V1 = `
  CREATE TABLE subscriptions (
    guild_id TEXT NOT NULL, channel_id TEXT NOT NULL, region TEXT, category TEXT,
    hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23), created_by TEXT NOT NULL,
    created_at TEXT NOT NULL, last_error TEXT, last_error_at TEXT, failing_since TEXT,
    PRIMARY KEY (guild_id, channel_id)
  ) WITHOUT ROWID;
  CREATE TABLE reminder_ledger (
    guild_id TEXT NOT NULL, channel_id TEXT NOT NULL, article_id TEXT NOT NULL,
    deadline TEXT NOT NULL, offset_days INTEGER NOT NULL, digest_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')), message_id TEXT,
    claimed_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, channel_id, article_id, deadline, offset_days)
  ) WITHOUT ROWID;
  CREATE INDEX reminder_ledger_by_digest ON reminder_ledger (guild_id, channel_id, digest_date);
  CREATE TABLE digest_runs (
    guild_id TEXT NOT NULL, channel_id TEXT NOT NULL, digest_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')), nonce TEXT NOT NULL,
    message_id TEXT, attempts INTEGER NOT NULL, claimed_at TEXT NOT NULL, error TEXT,
    PRIMARY KEY (guild_id, channel_id, digest_date)
  ) WITHOUT ROWID;`;

let dir: string;
let now: Date;
const opened: Store[] = [];

function open(): Store {
  const store = openStore(join(dir, "state"), { clock: () => now });
  opened.push(store);
  return store;
}

function restart(store: Store): Store {
  store.close();
  return open();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "jiwon-store-"));
  now = new Date("2026-05-01T00:30:00Z");
});

afterEach(() => {
  for (const store of opened.splice(0)) {
    try {
      store.close();
    } catch {
      // already closed by the test
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

const item = (articleId: string, offsetDays = 3, deadline = "2026-05-04") => ({
  articleId,
  deadline,
  offsetDays,
  title: `제목 ${articleId}`,
});

describe("schema", () => {
  it("creates the file under the state dir in WAL mode at the current schema version", () => {
    const store = open();
    expect(store.path).toBe(join(dir, "state", "jiwon.sqlite"));
    store.close();
    const db = new Database(join(dir, "state", "jiwon.sqlite"), { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(5);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual([
      "alert_inbox",
      "alert_ledger",
      "alert_posts",
      "alerts",
      "digest_runs",
      "fetched_articles",
      "http_validators",
      "page_queries",
      "reminder_ledger",
      "source_status",
      "sqlite_sequence",
      "store_meta",
      "subscriptions",
    ]);
    db.close();
  });

  it("upgrades a state file of the first schema in place: rows kept, digests stay Korean", () => {
    mkdirSync(join(dir, "state"));
    const db = new Database(join(dir, "state", "jiwon.sqlite"));
    db.exec(SCHEMA_V1);
    db.pragma("user_version = 1");
    db.prepare(
      `INSERT INTO subscriptions (guild_id, channel_id, region, category, hour, created_by, created_at)
       VALUES (?, ?, '41', NULL, 9, 'u1', '2026-04-01T00:00:00.000Z')`,
    ).run(GUILD, CHANNEL);
    db.prepare(
      `INSERT INTO digest_runs (guild_id, channel_id, digest_date, status, nonce, attempts, claimed_at)
       VALUES (?, ?, ?, 'sent', 'jwnonce', 1, '2026-05-01T00:00:00.000Z')`,
    ).run(GUILD, CHANNEL, TODAY);
    db.close();

    const store = open();
    expect(store.listAll()).toMatchObject([
      { guildId: GUILD, channelId: CHANNEL, region: "41", hour: 9, locale: "ko" },
    ]);
    expect(store.digestRun(GUILD, CHANNEL, TODAY)).toMatchObject({ status: "sent" });
    expect(
      store.subscribe({
        guildId: GUILD,
        channelId: CHANNEL,
        hour: 9,
        locale: "en",
        createdBy: "u2",
      }),
    ).toMatchObject({ locale: "en" });
  });

  it("refuses a database from a newer jiwon instead of corrupting it", () => {
    open().close();
    const db = new Database(join(dir, "state", "jiwon.sqlite"));
    db.pragma("user_version = 99");
    db.close();
    expect(() => open()).toThrow(/newer/);
  });
});

describe("a damaged or unusable state file", () => {
  const file = () => join(dir, "state", STORE_FILE);

  /** A state file with enough subscriptions and ledger rows to span several pages. */
  function filledStore(): void {
    const store = open();
    for (let i = 0; i < 300; i++) {
      const channelId = `13000000000000${String(i).padStart(5, "0")}`;
      store.subscribe({ guildId: GUILD, channelId, hour: 9, createdBy: "moderator" });
      store.claimDigest(GUILD, channelId, TODAY, [item("a"), item("b")]);
    }
    store.close();
  }

  /** Overwrites `bytes` at the start of the root page of `table`. */
  function overwriteRootPage(table: string, bytes: Buffer): void {
    const db = new Database(file(), { readonly: true });
    const { rootpage } = db
      .prepare("SELECT rootpage FROM sqlite_master WHERE name = ?")
      .get(table) as { rootpage: number };
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    db.close();
    const fd = openSync(file(), "r+");
    writeSync(fd, bytes, 0, bytes.length, (rootpage - 1) * pageSize);
    closeSync(fd);
  }

  it("refuses a file whose subscriptions page lost its cells, instead of reading no subscriptions", () => {
    filledStore();
    // The root of the subscriptions b-tree (an index b-tree: WITHOUT ROWID) rewritten as an
    // empty leaf (type 10, no cells, content from the page end): the table now reads as empty
    // although its 300 rows are still in the file.
    overwriteRootPage("subscriptions", Buffer.from([10, 0, 0, 0, 0, 0x10, 0, 0]));
    const raw = new Database(file(), { readonly: true });
    expect(raw.prepare("SELECT count(*) AS n FROM subscriptions").get()).toEqual({ n: 0 });
    raw.close();

    expect(() => open()).toThrow(StateDatabaseError);
    expect(() => open()).toThrow(
      new RegExp(
        `^state database ${file().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is damaged \\(SQLite quick_check: .*never used.*\\); jiwon will not run on it\\. Restore the file from a backup, or move it aside`,
      ),
    );
  });

  it("refuses a file with a page of garbage in the reminder ledger", () => {
    filledStore();
    overwriteRootPage(
      "reminder_ledger",
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff)),
    );
    expect(() => open()).toThrow(
      /^state database .*jiwon\.sqlite is damaged \(SQLite quick_check: /,
    );
  });

  it("names the file when it is not a database at all", () => {
    mkdirSync(join(dir, "state"), { recursive: true });
    writeFileSync(file(), "subscriptions: none\n".repeat(300));
    expect(() => open()).toThrow(
      `state database ${file()}: file is not a database (the file is not a SQLite database: move it aside)`,
    );
  });

  it("names the file SQLite could not open", () => {
    mkdirSync(file(), { recursive: true }); // a directory where the file should be
    expect(() => open()).toThrow(
      `state database ${file()}: unable to open database file (is JIWON_STATE_DIR a directory jiwon may write to?)`,
    );
  });

  it("names the state directory it could not create", () => {
    writeFileSync(join(dir, "state"), "a file, not a directory");
    expect(() => open()).toThrow(new RegExp(`^state directory ${join(dir, "state")}: EEXIST`));
  });

  it("opens a healthy file with its subscriptions after the check", () => {
    filledStore();
    expect(open().listAll()).toHaveLength(300);
  });
});

describe("subscriptions", () => {
  it("upserts, lists per guild and overall, and survives a restart", () => {
    let store = open();
    const created = store.subscribe({
      guildId: GUILD,
      channelId: CHANNEL,
      region: "41",
      category: "finance",
      hour: 9,
      createdBy: "u1",
    });
    expect(created).toEqual({
      guildId: GUILD,
      channelId: CHANNEL,
      region: "41",
      category: "finance",
      hour: 9,
      locale: "ko",
      createdBy: "u1",
      createdAt: "2026-05-01T00:30:00.000Z",
      lastError: null,
      lastErrorAt: null,
      failingSince: null,
    });
    store.subscribe({ guildId: GUILD, channelId: CHANNEL_2, hour: 18, createdBy: "u2" });
    store.subscribe({ guildId: OTHER_GUILD, channelId: CHANNEL, hour: 7, createdBy: "u3" });

    now = new Date("2026-05-02T00:00:00Z");
    const updated = store.subscribe({
      guildId: GUILD,
      channelId: CHANNEL,
      hour: 8,
      createdBy: "u4",
    });
    expect(updated).toMatchObject({ region: null, category: null, hour: 8, createdBy: "u4" });
    expect(updated.createdAt).toBe("2026-05-01T00:30:00.000Z");

    store = restart(store);
    expect(store.listForGuild(GUILD).map((s) => [s.channelId, s.hour])).toEqual([
      [CHANNEL, 8],
      [CHANNEL_2, 18],
    ]);
    expect(store.listAll()).toHaveLength(3);
  });

  it("unsubscribes one channel or the whole guild", () => {
    const store = open();
    for (const channelId of [CHANNEL, CHANNEL_2]) {
      store.subscribe({ guildId: GUILD, channelId, hour: 9, createdBy: "u" });
    }
    store.subscribe({ guildId: OTHER_GUILD, channelId: CHANNEL, hour: 9, createdBy: "u" });
    expect(store.unsubscribe(GUILD, CHANNEL)).toBe(1);
    expect(store.unsubscribe(GUILD, CHANNEL)).toBe(0);
    store.subscribe({ guildId: GUILD, channelId: CHANNEL, hour: 9, createdBy: "u" });
    expect(store.unsubscribe(GUILD)).toBe(2);
    expect(store.listAll().map((s) => s.guildId)).toEqual([OTHER_GUILD]);
  });

  it("records failures keeping when they began, and clears them", () => {
    const store = open();
    store.subscribe({ guildId: GUILD, channelId: CHANNEL, hour: 9, createdBy: "u" });
    store.recordFailure(GUILD, CHANNEL, "Missing Access (50001)");
    now = new Date("2026-05-02T00:30:00Z");
    store.recordFailure(GUILD, CHANNEL, "Missing Permissions (50013)");
    expect(store.listAll()[0]).toMatchObject({
      lastError: "Missing Permissions (50013)",
      lastErrorAt: "2026-05-02T00:30:00.000Z",
      failingSince: "2026-05-01T00:30:00.000Z",
    });
    store.clearFailure(GUILD, CHANNEL);
    expect(store.listAll()[0]).toMatchObject({ lastError: null, failingSince: null });
  });

  it("re-subscribing clears a recorded failure (the moderator fixed the channel)", () => {
    const store = open();
    store.subscribe({ guildId: GUILD, channelId: CHANNEL, hour: 9, createdBy: "u" });
    store.recordFailure(GUILD, CHANNEL, "Missing Permissions (50013)");
    const again = store.subscribe({ guildId: GUILD, channelId: CHANNEL, hour: 9, createdBy: "u" });
    expect(again.lastError).toBeNull();
  });
});

describe("claimDigest", () => {
  it("claims new items once, keeping their extra fields, with a short deterministic nonce", () => {
    const store = open();
    const claim = store.claimDigest(GUILD, CHANNEL, TODAY, [item("a"), item("b")]);
    expect(claim.items.map((i) => i.title)).toEqual(["제목 a", "제목 b"]);
    expect(claim.nonce).toBe(digestNonce(GUILD, CHANNEL, TODAY, 1));
    expect(claim.nonce.length).toBeLessThanOrEqual(25);
    expect(digestNonce(GUILD, CHANNEL_2, TODAY, 1)).not.toBe(claim.nonce);
    expect(store.digestRun(GUILD, CHANNEL, TODAY)).toMatchObject({
      status: "claimed",
      attempts: 1,
    });
    // The same reminder for another channel is a separate claim.
    expect(store.claimDigest(GUILD, CHANNEL_2, TODAY, [item("a")]).items).toHaveLength(1);
  });

  it("after a sent digest nothing more is claimed that day, even after a restart", () => {
    let store = open();
    store.claimDigest(GUILD, CHANNEL, TODAY, [item("a")]);
    store.markRemindersSent(GUILD, CHANNEL, TODAY, [item("a")], "m1");
    store.markDigestSent(GUILD, CHANNEL, TODAY, "m1");
    store = restart(store);
    expect(store.digestRun(GUILD, CHANNEL, TODAY)).toMatchObject({
      status: "sent",
      messageId: "m1",
    });
    expect(store.claimDigest(GUILD, CHANNEL, TODAY, [item("a"), item("new")]).items).toEqual([]);
    // The same article at another offset, on another day, is a new reminder.
    const tomorrow = store.claimDigest(GUILD, CHANNEL, "2026-05-02", [item("a", 1), item("c", 1)]);
    expect(tomorrow.items.map((i) => i.articleId)).toEqual(["a", "c"]);
    // …but an item already announced at an offset is never claimed again.
    expect(store.claimDigest(GUILD, CHANNEL, "2026-05-03", [item("a", 3)]).items).toEqual([]);
  });

  it("a transient failure is retried once with a new nonce, then given up for the day", () => {
    const store = open();
    const first = store.claimDigest(GUILD, CHANNEL, TODAY, [item("a")]);
    store.markDigestFailed(GUILD, CHANNEL, TODAY, "500");
    expect(store.digestRun(GUILD, CHANNEL, TODAY)).toMatchObject({
      status: "failed",
      error: "500",
    });

    const retry = store.claimDigest(GUILD, CHANNEL, TODAY, [item("a"), item("b")]);
    expect(retry.items.map((i) => i.articleId)).toEqual(["a", "b"]);
    expect(retry.attempt).toBe(MAX_DIGEST_ATTEMPTS);
    expect(retry.nonce).not.toBe(first.nonce);
    store.markDigestFailed(GUILD, CHANNEL, TODAY, "500 again");

    expect(store.claimDigest(GUILD, CHANNEL, TODAY, [item("a"), item("c")]).items).toEqual([]);
  });

  it("a final failure (permissions) is not retried that day", () => {
    const store = open();
    store.claimDigest(GUILD, CHANNEL, TODAY, [item("a")]);
    store.markDigestFailed(GUILD, CHANNEL, TODAY, "Missing Permissions (50013)", { final: true });
    expect(store.claimDigest(GUILD, CHANNEL, TODAY, [item("a")]).items).toEqual([]);
  });

  it("a claim left by a crash is resumed with the same nonce and what is still unrecorded", () => {
    let store = open();
    const claimedAt = now.toISOString();
    const claim = store.claimDigest(GUILD, CHANNEL, TODAY, [item("a"), item("b"), item("c")]);
    store.markRemindersSent(GUILD, CHANNEL, TODAY, [item("a")], "m1");
    store = restart(store); // crashed before recording the rest
    now = new Date(now.getTime() + IN_DOUBT_RESEND_MS / 2);
    const resend = store.claimDigest(GUILD, CHANNEL, TODAY, [item("a"), item("b"), item("c")]);
    expect(resend).toEqual({
      nonce: claim.nonce,
      items: [item("b"), item("c")],
      attempt: 1,
      resumed: { claimedAt },
    });

    // Crashed again and stayed down far longer than Discord's nonce window: still resumed (the
    // sender checks the channel first), never given up for the day.
    store = restart(store);
    now = new Date(now.getTime() + IN_DOUBT_RESEND_MS * 20);
    const late = store.claimDigest(GUILD, CHANNEL, TODAY, [item("b"), item("c"), item("new")]);
    expect(late).toMatchObject({ nonce: claim.nonce, items: [item("b"), item("c")] });
    store.markRemindersSent(GUILD, CHANNEL, TODAY, [item("b"), item("c")], "m2");
    store.markDigestSent(GUILD, CHANNEL, TODAY, "m1");
    expect(store.digestRun(GUILD, CHANNEL, TODAY)).toMatchObject({ status: "sent" });
    expect(store.claimDigest(GUILD, CHANNEL, TODAY, [item("new")]).items).toEqual([]);
  });

  it("a resumed claim whose items left the plan ends the digest with what went out", () => {
    let store = open();
    store.claimDigest(GUILD, CHANNEL, TODAY, [item("a"), item("b")]);
    store.markRemindersSent(GUILD, CHANNEL, TODAY, [item("a")], "m1");
    store = restart(store);
    // A reindex meanwhile removed article b: nothing is left to send.
    expect(store.claimDigest(GUILD, CHANNEL, TODAY, [item("a")]).items).toEqual([]);
    expect(store.digestRun(GUILD, CHANNEL, TODAY)).toMatchObject({
      status: "sent",
      messageId: "m1",
    });
  });
});

describe("page queries", () => {
  it("keeps a long query under a short key across a restart", () => {
    let store = open();
    const query = "고양 수출 바우처 설명회 ".repeat(10);
    const key = store.queries.put(query);
    expect(key).toMatch(/^[\w-]{12}$/);
    expect(store.queries.put(query)).toBe(key);
    store = restart(store);
    expect(store.queries.get(key)).toBe(query);
    expect(store.queries.get("nosuchkey000")).toBeNull();
  });

  it("forgets queries unused for 30 days when the state is opened", () => {
    let store = open();
    const key = store.queries.put("오래된 검색어");
    now = new Date(now.getTime() + 31 * 86_400_000);
    store = restart(store);
    expect(store.queries.get(key)).toBeNull();
  });

  it("carries over the rows of the old page-queries.sqlite file once, then removes the file", () => {
    mkdirSync(join(dir, "state"));
    const legacyPath = join(dir, "state", LEGACY_PAGE_QUERIES_FILE);
    const legacy = new Database(legacyPath);
    legacy.pragma("journal_mode = WAL");
    legacy.exec(
      "CREATE TABLE page_queries (key TEXT PRIMARY KEY, query TEXT NOT NULL, used_at TEXT NOT NULL) WITHOUT ROWID",
    );
    legacy
      .prepare("INSERT INTO page_queries VALUES (?, ?, ?)")
      .run("oldkey123456", "예전 버튼의 긴 검색어", "2026-04-30T00:00:00.000Z");
    legacy.close();

    let store = open();
    expect(store.queries.get("oldkey123456")).toBe("예전 버튼의 긴 검색어");
    expect(existsSync(legacyPath)).toBe(false);
    store = restart(store);
    expect(store.queries.get("oldkey123456")).toBe("예전 버튼의 긴 검색어");
  });
});
