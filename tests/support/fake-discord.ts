/**
 * A loopback stand-in for Discord: REST under `/api/v10` plus a gateway on the same port, so
 * tests drive real discord.js objects (Client, interactions, channels) and assert on the exact
 * HTTP requests discord.js makes. Only 127.0.0.1 is ever bound.
 *
 * Two ways to use it:
 * - without a gateway: `new Client({ intents: [], rest: { api: fake.url, retries: 0 } })`,
 *   `client.rest.setToken("test")`, then `injectInteraction(client, raw)`;
 * - with a gateway: `client.login("test-token")` against `rest: { api: fake.url }`, then
 *   `fake.dispatchInteraction(raw)`.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { Client } from "discord.js";
import { FakeGateway, type GatewayConnection } from "./fake-gateway.ts";
import {
  botMessagePayload,
  botUser,
  snowflake,
  TEST_IDS,
  textChannelPayload,
} from "./raw-interactions.ts";

export type { GatewayConnection } from "./fake-gateway.ts";
export * from "./raw-interactions.ts";

export interface RecordedRequest {
  method: string;
  /** The path as it arrived, still percent-encoded (`…/messages/%40original`). */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (or multipart `payload_json`); null when there was none. */
  json: unknown;
  /** The status the fake answered with. */
  status: number;
}

export interface FakeDiscordOptions {
  applicationId?: string;
  guildId?: string;
  channelId?: string;
  /** When set, bot-authenticated routes and IDENTIFY must carry exactly this token. */
  token?: string;
  heartbeatIntervalMs?: number;
}

/** A message the fake created in a channel (nonce-deduplicated posts are not repeated). */
export interface PostedMessage {
  channelId: string;
  id: string;
  body: Record<string, unknown>;
  /** The message object the fake answered with (and lists in the channel's history). */
  message: Record<string, unknown>;
}

export interface FakeDiscord {
  /** REST base for discord.js: `http://127.0.0.1:PORT/api`. */
  url: string;
  gatewayUrl: string;
  requests: RecordedRequest[];
  posted: PostedMessage[];
  gatewayConnections: GatewayConnection[];
  ids: { application: string; guild: string; channel: string };
  waitFor(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedRequest>;
  /**
   * Answer `POST /channels/:id/messages` with this status (200 restores normal behaviour);
   * `{ reads: true }` refuses reading the channel's messages too (no Read Message History);
   * `times`: only the next that many posts (then normal again); `headers` replace the defaults.
   */
  setChannelResponse(
    channelId: string,
    status: number,
    body?: unknown,
    options?: { reads?: boolean; times?: number; headers?: Record<string, string> },
  ): void;
  /** Forgets the nonces seen so far, as Discord does a few minutes after a post. */
  forgetNonces(): void;
  /** Holds every channel post this long before answering (to see whether posts overlap). */
  setPostDelay(ms: number): void;
  /** The most channel posts that were ever being answered at the same time. */
  readonly maxConcurrentPosts: number;
  waitForIdentify(timeoutMs?: number): Promise<GatewayConnection>;
  /** Close code for every IDENTIFY from now on (see FakeGateway.refuseIdentify); null accepts. */
  refuseIdentify(refusal: { code: number; reason: string } | null): void;
  /** Closes every gateway connection with this code. */
  closeGateway(code: number, reason: string): void;
  /** Close codes the gateway sent, in order. */
  gatewayCloses: number[];
  dispatchInteraction(raw: unknown): void;
  dispatch(event: string, data: unknown): void;
  /** Forgets requests, posts, nonces, acknowledgements and configured channel errors. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_ERRORS: Record<number, { message: string; code: number; [key: string]: unknown }> = {
  400: { message: "Invalid Form Body", code: 50035 },
  401: { message: "401: Unauthorized", code: 0 },
  403: { message: "Missing Permissions", code: 50013 },
  404: { message: "Unknown Channel", code: 10003 },
  429: { message: "You are being rate limited.", code: 0, retry_after: 60, global: false },
  500: { message: "500: Internal Server Error", code: 0 },
};

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many more posts get this reply; unlimited when absent. */
  times?: number;
}

type Handler = (req: ParsedRequest) => Reply;

interface ParsedRequest {
  method: string;
  params: string[];
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The JSON body when it is an object, else `{}`; `raw` keeps arrays and everything else. */
  json: Record<string, unknown>;
  raw: unknown;
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const ids = {
    application: opts.applicationId ?? TEST_IDS.application,
    guild: opts.guildId ?? TEST_IDS.guild,
    channel: opts.channelId ?? TEST_IDS.channel,
  };
  const requests: RecordedRequest[] = [];
  const posted: PostedMessage[] = [];
  const channelResponses = new Map<string, Reply>();
  const readRefusals = new Set<string>();
  const acknowledged = new Set<string>();
  /** Webhook messages by interaction token: `@original` plus follow-ups. */
  const webhookMessages = new Map<string, Map<string, Record<string, unknown>>>();
  const nonces = new Map<string, Record<string, unknown>>();
  let waiters: Array<{
    predicate: (r: RecordedRequest) => boolean;
    done: (r: RecordedRequest) => void;
  }> = [];
  let port = 0;
  const origin = () => `127.0.0.1:${port}`;

  const gateway = new FakeGateway({
    gatewayUrl: () => `ws://${origin()}`,
    applicationId: ids.application,
    guildId: ids.guild,
    channelId: ids.channel,
    heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
    ...(opts.token === undefined ? {} : { token: opts.token }),
  });

  function message(channelId: string, body: Record<string, unknown>, extra = {}) {
    return {
      ...botMessagePayload(channelId, ids.application),
      content: body.content ?? "",
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      flags: body.flags ?? 0,
      ...(body.nonce === undefined ? {} : { nonce: body.nonce }),
      ...extra,
    } as Record<string, unknown>;
  }

  function webhookMessage(token: string, messageId: string, body: Record<string, unknown>) {
    const store = webhookMessages.get(token) ?? new Map();
    webhookMessages.set(token, store);
    const previous = store.get(messageId);
    const kept = previous
      ? { content: previous.content, embeds: previous.embeds, components: previous.components }
      : {};
    const next = {
      ...message(ids.channel, { ...kept, ...body }),
      ...(previous ? { id: previous.id, edited_timestamp: new Date().toISOString() } : {}),
      webhook_id: ids.application,
      application_id: ids.application,
    };
    store.set(messageId, next);
    return next;
  }

  const interactionCallback: Handler = ({ params, query, json }) => {
    const [interactionId = "", token = ""] = params;
    if (acknowledged.has(interactionId)) {
      return {
        status: 400,
        body: { message: "Interaction has already been acknowledged.", code: 40060 },
      };
    }
    acknowledged.add(interactionId);
    const type = Number(json.type);
    const data = (json.data ?? {}) as Record<string, unknown>;
    // 4 (reply) and 5 (defer) create the `@original` message that later PATCHes edit.
    const original =
      type === 4 || type === 5
        ? webhookMessage(token, "@original", type === 5 ? { content: "", flags: 128 } : data)
        : null;
    if (query.with_response !== "true") return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id: interactionId,
          type: 2,
          activity_instance_id: null,
          response_message_id: original?.id ?? null,
          response_message_loading: type === 5,
          response_message_ephemeral: ((Number(data.flags) || 0) & 64) !== 0,
        },
        resource: { type, ...(original ? { message: original } : {}) },
      },
    };
  };

  const webhookMessageRoute: Handler = ({ method, params, json }) => {
    const [, token = "", rawId = ""] = params;
    const messageId = decodeURIComponent(rawId);
    const existing = webhookMessages.get(token)?.get(messageId);
    if (!existing) return { status: 404, body: { message: "Unknown Message", code: 10008 } };
    if (method === "GET") return { status: 200, body: existing };
    if (method === "DELETE") {
      webhookMessages.get(token)?.delete(messageId);
      return { status: 204 };
    }
    return { status: 200, body: webhookMessage(token, messageId, json) };
  };

  const followUp: Handler = ({ params, json }) => {
    const [, token = ""] = params;
    if (!webhookMessages.has(token)) {
      return { status: 404, body: { message: "Unknown Webhook", code: 10015 } };
    }
    const created = webhookMessage(token, snowflake(), json);
    webhookMessages.get(token)?.set(String(created.id), created);
    return { status: 200, body: created };
  };

  const channelMessage: Handler = ({ params, json }) => {
    const [channelId = ""] = params;
    const configured = channelResponses.get(channelId);
    if (configured) {
      if (configured.times !== undefined && --configured.times <= 0) {
        channelResponses.delete(channelId);
      }
      return configured;
    }
    // Discord returns the earlier message for a repeated nonce when enforce_nonce is set.
    const nonceKey = `${channelId}:${String(json.nonce)}`;
    const earlier = json.enforce_nonce === true ? nonces.get(nonceKey) : undefined;
    if (earlier) return { status: 200, body: earlier };
    const created = message(channelId, json, { guild_id: ids.guild });
    if (json.nonce !== undefined) nonces.set(nonceKey, created);
    posted.push({ channelId, id: String(created.id), body: json, message: created });
    return { status: 200, body: created };
  };

  /** The channel's messages after `after` (a snowflake), newest first as Discord returns them. */
  const listChannelMessages: Handler = ({ params, query }) => {
    const [channelId = ""] = params;
    const configured = channelResponses.get(channelId);
    if (configured && readRefusals.has(channelId)) return configured;
    if (configured?.status === 404) return configured;
    const after = query.after === undefined ? -1n : BigInt(query.after);
    const limit = Math.min(100, Number(query.limit ?? 50));
    const found = posted
      .filter((p) => p.channelId === channelId && BigInt(p.id) > after)
      .map((p) => p.message)
      .slice(0, limit)
      .reverse();
    return { status: 200, body: found };
  };

  const getChannel: Handler = ({ params }) => {
    const [channelId = ""] = params;
    const configured = channelResponses.get(channelId);
    // A deleted channel is unknown everywhere; a missing permission only blocks posting.
    if (configured?.status === 404) return configured;
    return {
      status: 200,
      body: textChannelPayload(channelId, ids.guild),
    };
  };

  const registeredCommands = new Map<string, unknown[]>();
  const putCommands: Handler = ({ params, raw }) => {
    const [, guildId] = params;
    const commands = (Array.isArray(raw) ? raw : []) as Record<string, unknown>[];
    const list = commands.map((command) => ({
      id: snowflake(),
      application_id: ids.application,
      version: snowflake(),
      type: 1,
      default_member_permissions: null,
      ...command,
      ...(guildId ? { guild_id: guildId } : {}),
    }));
    registeredCommands.set(guildId ?? "global", list);
    return { status: 200, body: list };
  };
  const getCommands: Handler = ({ params }) => ({
    status: 200,
    body: registeredCommands.get(params[1] ?? "global") ?? [],
  });

  const gatewayInfo: Handler = () => ({
    status: 200,
    body: {
      url: `ws://${origin()}`,
      shards: 1,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 14_400_000,
        max_concurrency: 1,
      },
    },
  });

  const application = {
    id: ids.application,
    name: "jiwon",
    icon: null,
    description: "",
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: "0".repeat(64),
    flags: 0,
    team: null,
    owner: {
      id: TEST_IDS.user,
      username: "owner",
      discriminator: "0",
      avatar: null,
      global_name: null,
    },
  };

  /** Routes after `/api/v10`; `bot` routes require `Authorization: Bot …` like Discord. */
  const routes: Array<{ method: string; pattern: RegExp; bot: boolean; handle: Handler }> = [
    {
      method: "POST",
      pattern: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      bot: false,
      handle: interactionCallback,
    },
    { method: "POST", pattern: /^\/webhooks\/(\d+)\/([^/]+)$/, bot: false, handle: followUp },
    {
      method: "*",
      pattern: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/,
      bot: false,
      handle: webhookMessageRoute,
    },
    { method: "POST", pattern: /^\/channels\/(\d+)\/messages$/, bot: true, handle: channelMessage },
    { method: "GET", pattern: /^\/channels\/(\d+)$/, bot: true, handle: getChannel },
    {
      method: "GET",
      pattern: /^\/channels\/(\d+)\/messages$/,
      bot: true,
      handle: listChannelMessages,
    },
    { method: "PUT", pattern: /^\/applications\/(\d+)\/commands$/, bot: true, handle: putCommands },
    {
      method: "PUT",
      pattern: /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      bot: true,
      handle: putCommands,
    },
    { method: "GET", pattern: /^\/applications\/(\d+)\/commands$/, bot: true, handle: getCommands },
    {
      method: "GET",
      pattern: /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      bot: true,
      handle: getCommands,
    },
    { method: "GET", pattern: /^\/gateway\/bot$/, bot: true, handle: gatewayInfo },
    { method: "GET", pattern: /^\/gateway$/, bot: false, handle: gatewayInfo },
    {
      method: "GET",
      pattern: /^\/users\/(?:@me|%40me)$/,
      bot: true,
      handle: () => ({ status: 200, body: botUser(ids.application) }),
    },
    {
      method: "GET",
      pattern: /^\/applications\/(?:@me|%40me)$/,
      bot: true,
      handle: () => ({ status: 200, body: application }),
    },
  ];

  function authorised(headers: IncomingHttpHeaders): boolean {
    const header = headers.authorization ?? "";
    if (!header.startsWith("Bot ")) return false;
    return opts.token === undefined || header === `Bot ${opts.token}`;
  }

  function route(
    method: string,
    path: string,
    parsed: Omit<ParsedRequest, "params" | "method">,
  ): Reply {
    const versioned = /^\/api\/v10(\/.*)$/.exec(path);
    if (versioned?.[1]) {
      for (const r of routes) {
        if (r.method !== "*" && r.method !== method) continue;
        const match = r.pattern.exec(versioned[1]);
        if (!match) continue;
        if (r.bot && !authorised(parsed.headers)) return { status: 401, body: DEFAULT_ERRORS[401] };
        return r.handle({ ...parsed, method, params: match.slice(1) });
      }
    }
    return { status: 404, body: { message: "404: Not Found", code: 0 } };
  }

  function record(entry: RecordedRequest): void {
    requests.push(entry);
    const satisfied = waiters.filter((w) => w.predicate(entry));
    waiters = waiters.filter((w) => !satisfied.includes(w));
    for (const w of satisfied) w.done(entry);
  }

  let postDelayMs = 0;
  let concurrentPosts = 0;
  let maxConcurrentPosts = 0;

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", `http://${origin()}`);
    const method = req.method ?? "GET";
    const isPost = method === "POST" && /^\/api\/v10\/channels\/\d+\/messages$/.test(url.pathname);
    if (isPost) {
      concurrentPosts++;
      maxConcurrentPosts = Math.max(maxConcurrentPosts, concurrentPosts);
    }
    try {
      if (isPost && postDelayMs > 0) await new Promise((r) => setTimeout(r, postDelayMs));
      await answer(req, res, url, method);
    } finally {
      if (isPost) concurrentPosts--;
    }
  }

  async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
  ): Promise<void> {
    const raw = await readBody(req);
    const json = parseBody(raw, req.headers["content-type"]);
    const query = Object.fromEntries(url.searchParams);
    let reply: Reply;
    try {
      reply = route(method, url.pathname, {
        query,
        headers: req.headers,
        json: isRecord(json) ? json : {},
        raw: json,
      });
    } catch (error) {
      reply = { status: 500, body: { message: String(error), code: 0 } };
    }
    record({ method, path: url.pathname, query, headers: req.headers, json, status: reply.status });
    // A 204 must carry no JSON content type: @discordjs/rest would try to parse the empty body.
    if (reply.body === undefined) {
      res.writeHead(reply.status, reply.headers).end();
      return;
    }
    res
      .writeHead(reply.status, { ...reply.headers, "content-type": "application/json" })
      .end(JSON.stringify(reply.body));
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: String(error), code: 0 }));
    });
  });
  server.on("upgrade", (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${origin()}/api`,
    gatewayUrl: `ws://${origin()}`,
    requests,
    posted,
    gatewayConnections: gateway.connections,
    ids,
    waitFor(predicate, timeoutMs = 5_000) {
      const found = requests.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          const seen = requests.map((r) => `${r.method} ${r.path} → ${r.status}`).join("\n  ");
          reject(new Error(`no matching request within ${timeoutMs} ms; seen:\n  ${seen}`));
        }, timeoutMs);
        const waiter = {
          predicate,
          done: (r: RecordedRequest) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        waiters.push(waiter);
      });
    },
    setChannelResponse(channelId, status, body, options = {}) {
      readRefusals.delete(channelId);
      if (status >= 200 && status < 300) channelResponses.delete(channelId);
      else {
        const answer = body ?? DEFAULT_ERRORS[status] ?? { message: "Error", code: 0 };
        // A 429 tells discord.js how long to wait, in the body and in headers, like Discord.
        const retryAfter = (answer as { retry_after?: unknown }).retry_after;
        const headers =
          status === 429 && typeof retryAfter === "number"
            ? {
                "retry-after": String(Math.ceil(retryAfter)),
                "x-ratelimit-scope": "user",
                "x-ratelimit-limit": "5",
                "x-ratelimit-remaining": "0",
                "x-ratelimit-reset-after": String(retryAfter),
              }
            : undefined;
        channelResponses.set(channelId, {
          status,
          body: answer,
          headers: options.headers ?? headers,
          times: options.times,
        });
        if (options.reads) readRefusals.add(channelId);
      }
    },
    forgetNonces() {
      nonces.clear();
    },
    setPostDelay(ms) {
      postDelayMs = ms;
    },
    get maxConcurrentPosts() {
      return maxConcurrentPosts;
    },
    waitForIdentify: (timeoutMs = 10_000) => gateway.waitForIdentify(timeoutMs),
    refuseIdentify: (refusal) => gateway.refuseIdentify(refusal),
    closeGateway: (code, reason) => gateway.closeAll(code, reason),
    gatewayCloses: gateway.closes,
    dispatchInteraction: (raw) => gateway.dispatch("INTERACTION_CREATE", raw),
    dispatch: (event, data) => gateway.dispatch(event, data),
    reset() {
      requests.length = 0;
      posted.length = 0;
      nonces.clear();
      acknowledged.clear();
      webhookMessages.clear();
      channelResponses.clear();
      readRefusals.clear();
      postDelayMs = 0;
      maxConcurrentPosts = 0;
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Feeds a raw INTERACTION_CREATE payload to a client that never logged in (no gateway). */
export function injectInteraction(client: Client, raw: unknown): void {
  const internal = client as unknown as {
    actions: { InteractionCreate: { handle(data: unknown): void } };
  };
  internal.actions.InteractionCreate.handle(raw);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === "") return null;
  if (contentType?.startsWith("application/json")) return JSON.parse(raw);
  if (contentType?.startsWith("multipart/form-data")) {
    // Messages with files carry their JSON in the `payload_json` part.
    const part = /name="payload_json"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw);
    return part?.[1] ? JSON.parse(part[1]) : null;
  }
  return raw;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
