/**
 * The gateway half of the fake Discord: a WebSocket endpoint that speaks just enough of the v10
 * protocol for a real discord.js Client to log in (HELLO → IDENTIFY → READY → GUILD_CREATE),
 * stay connected (heartbeat ACKs) and receive dispatched events.
 *
 * discord.js connects with `?v=10&encoding=json` and adds `&compress=zlib-stream` only when the
 * optional `zlib-sync` package is installed; both paths are honoured here (zlib-stream with
 * node:zlib, one shared deflate context per connection, each payload ending in a sync flush).
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { createDeflate, type Deflate, constants as zlibConstants } from "node:zlib";
import { type WebSocket, WebSocketServer } from "ws";
import { botUser, snowflake, TEST_IDS, textChannelPayload } from "./raw-interactions.ts";

const OP = { Dispatch: 0, Heartbeat: 1, Identify: 2, Resume: 6, InvalidSession: 9, Hello: 10 };
const OP_HEARTBEAT_ACK = 11;
const GUILDS_INTENT = 1;
const ZLIB_SUFFIX = Buffer.from([0x00, 0x00, 0xff, 0xff]);

export interface GatewayConnection {
  /** Query string the client connected with, e.g. { v: "10", encoding: "json" }. */
  query: Record<string, string>;
  /** The IDENTIFY `d` payload, once received. */
  identify: { token: string; intents: number; [key: string]: unknown } | null;
  heartbeats: number;
  open: boolean;
}

interface LiveConnection extends GatewayConnection {
  socket: WebSocket;
  sequence: number;
  deflate: Deflate | null;
}

export interface GatewayOptions {
  gatewayUrl: () => string;
  applicationId: string;
  guildId: string;
  channelId: string;
  heartbeatIntervalMs: number;
  /** When set, an IDENTIFY with another token is closed with 4004 like Discord does. */
  token?: string;
}

export class FakeGateway {
  readonly connections: GatewayConnection[] = [];
  private readonly live: LiveConnection[] = [];
  private readonly server = new WebSocketServer({ noServer: true });
  private identifyWaiters: Array<(c: GatewayConnection) => void> = [];
  /** Close code and reason for every IDENTIFY from now on (a revoked token, bad intents). */
  private identifyRefusal: { code: number; reason: string } | null = null;
  /** Close codes sent to clients, in order. */
  readonly closes: number[] = [];

  constructor(private readonly options: GatewayOptions) {}

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws, request));
  }

  /** Resolves once a client has identified (immediately when one already has). */
  waitForIdentify(timeoutMs: number): Promise<GatewayConnection> {
    const ready = this.live.find((c) => c.open && c.identify);
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.identifyWaiters = this.identifyWaiters.filter((w) => w !== waiter);
        reject(new Error(`no gateway IDENTIFY within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (c: GatewayConnection) => {
        clearTimeout(timer);
        resolve(c);
      };
      this.identifyWaiters.push(waiter);
    });
  }

  /**
   * From now on, answers IDENTIFY by closing with `code` (4004 authentication failed, 4010
   * invalid shard, 4011 sharding required, 4012 invalid API version, 4013 invalid intents,
   * 4014 disallowed intents), as Discord does; null accepts again.
   */
  refuseIdentify(refusal: { code: number; reason: string } | null): void {
    this.identifyRefusal = refusal;
  }

  /** Closes every identified connection with `code`, as Discord does when a token is revoked. */
  closeAll(code: number, reason: string): void {
    for (const c of this.live.filter((l) => l.open)) this.closeWith(c, code, reason);
  }

  /** Sends a dispatch (op 0) to every identified connection; throws when nobody is listening. */
  dispatch(event: string, data: unknown): void {
    const targets = this.live.filter((c) => c.open && c.identify);
    if (targets.length === 0) throw new Error(`no identified gateway connection for ${event}`);
    for (const c of targets) this.sendDispatch(c, event, data);
  }

  async close(): Promise<void> {
    for (const c of this.live) {
      c.open = false;
      c.socket.terminate();
      c.deflate?.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const query = Object.fromEntries(new URL(request.url ?? "/", "http://x").searchParams);
    if (query.encoding && query.encoding !== "json") {
      socket.close(4002, "only encoding=json is supported by the fake gateway");
      return;
    }
    const connection: LiveConnection = {
      query,
      identify: null,
      heartbeats: 0,
      open: true,
      socket,
      sequence: 0,
      deflate: query.compress === "zlib-stream" ? this.zlibStream(socket) : null,
    };
    this.live.push(connection);
    this.connections.push(connection);
    socket.on("message", (data) => this.onMessage(connection, String(data)));
    socket.on("close", () => {
      connection.open = false;
      connection.deflate?.end();
    });
    this.send(connection, {
      op: OP.Hello,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs },
      s: null,
      t: null,
    });
  }

  /** One deflate context per connection; a frame is complete at each sync-flush suffix. */
  private zlibStream(socket: WebSocket): Deflate {
    const deflate = createDeflate({ flush: zlibConstants.Z_SYNC_FLUSH });
    let pending: Buffer[] = [];
    deflate.on("data", (chunk: Buffer) => {
      pending.push(chunk);
      const frame = Buffer.concat(pending);
      if (frame.subarray(-4).equals(ZLIB_SUFFIX)) {
        pending = [];
        if (socket.readyState === socket.OPEN) socket.send(frame);
      }
    });
    return deflate;
  }

  private closeWith(c: LiveConnection, code: number, reason: string): void {
    this.closes.push(code);
    c.socket.close(code, reason);
  }

  private send(c: LiveConnection, payload: unknown): void {
    if (!c.open) return;
    const text = JSON.stringify(payload);
    if (c.deflate) c.deflate.write(text);
    else c.socket.send(text);
  }

  private sendDispatch(c: LiveConnection, event: string, data: unknown): void {
    c.sequence += 1;
    this.send(c, { op: OP.Dispatch, t: event, s: c.sequence, d: data });
  }

  private onMessage(c: LiveConnection, text: string): void {
    let payload: { op?: number; d?: unknown };
    try {
      payload = JSON.parse(text) as { op?: number; d?: unknown };
    } catch {
      c.socket.close(4002, "decode error");
      return;
    }
    switch (payload.op) {
      case OP.Heartbeat:
        c.heartbeats += 1;
        this.send(c, { op: OP_HEARTBEAT_ACK, d: null, s: null, t: null });
        return;
      case OP.Identify:
        this.onIdentify(c, payload.d as GatewayConnection["identify"]);
        return;
      case OP.Resume:
        // Sessions are not kept across connections: ask the client to identify afresh.
        this.send(c, { op: OP.InvalidSession, d: false, s: null, t: null });
        return;
      default:
        return; // presence updates, member requests: accepted and ignored
    }
  }

  private onIdentify(c: LiveConnection, identify: GatewayConnection["identify"]): void {
    if (c.identify) {
      c.socket.close(4005, "already authenticated");
      return;
    }
    if (this.identifyRefusal) {
      this.closeWith(c, this.identifyRefusal.code, this.identifyRefusal.reason);
      return;
    }
    if (this.options.token !== undefined && identify?.token !== this.options.token) {
      this.closeWith(c, 4004, "Authentication failed.");
      return;
    }
    c.identify = identify;
    const { applicationId, guildId } = this.options;
    this.sendDispatch(c, "READY", {
      v: 10,
      user: { ...botUser(applicationId), verified: true, mfa_enabled: false, flags: 0 },
      guilds: [{ id: guildId, unavailable: true }],
      session_id: `session-${snowflake()}`,
      resume_gateway_url: this.options.gatewayUrl(),
      shard: [0, 1],
      application: { id: applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
      _trace: ["fake-discord"],
    });
    // Like Discord, guild payloads only flow to clients that asked for the Guilds intent.
    if (((identify?.intents ?? 0) & GUILDS_INTENT) !== 0) {
      this.sendDispatch(c, "GUILD_CREATE", this.guildPayload());
    }
    for (const waiter of this.identifyWaiters.splice(0)) waiter(c);
  }

  private guildPayload() {
    const { applicationId, guildId, channelId } = this.options;
    return {
      id: guildId,
      name: "지원 테스트 서버",
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: TEST_IDS.user,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: "ko",
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      max_members: 500_000,
      max_video_channel_users: 25,
      application_id: null,
      features: [],
      roles: [
        {
          id: guildId,
          name: "@everyone",
          color: 0,
          colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
          hoist: false,
          icon: null,
          unicode_emoji: null,
          position: 0,
          permissions: "2248473465835073",
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      joined_at: "2024-01-01T00:00:00.000Z",
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [
        {
          user: botUser(applicationId),
          roles: [],
          joined_at: "2024-01-01T00:00:00.000Z",
          deaf: false,
          mute: false,
          flags: 0,
        },
      ],
      channels: [textChannelPayload(channelId, guildId)],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}
