/**
 * The bot's interaction handling wired to a real discord.js Client that never logs in: raw
 * INTERACTION_CREATE payloads go in, and the requests discord.js sends to the loopback Discord
 * come out. Services are the real ones (index, SQLite store in a temp state dir, reindex worker),
 * with a fixed clock.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, Events } from "discord.js";
import { loadCommands } from "../../src/command/registry.ts";
import { createInteractionHandler, type InteractionHandler } from "../../src/discord/adapter.ts";
import { NO_MENTIONS } from "../../src/discord/payload.ts";
import { DEFAULT_DATA_DIR } from "../../src/runtime/config.ts";
import { createLogger } from "../../src/runtime/logger.ts";
import { type OpenServices, openServices } from "../../src/runtime/services.ts";
import type { SourceSettings } from "../../src/runtime/source-service.ts";
import { fixedClock } from "../../src/time/clock.ts";
import { type FakeDiscord, injectInteraction, type RecordedRequest } from "./fake-discord.ts";

export const SEED_AS_OF = "2025-04-10";

export interface Harness {
  opened: OpenServices;
  stateDir: string;
  logs: Record<string, unknown>[];
  /** Handles one raw interaction on a fresh or given client; resolves with its requests. */
  interact(raw: { id: string; token: string }, client?: Client): Promise<RecordedRequest[]>;
  /** A client as after a restart: new object, same services' state. */
  newClient(): Client;
  close(): Promise<void>;
}

export interface HarnessOptions {
  fake: FakeDiscord;
  dataDirs?: string[];
  asOf?: string;
  /** Reuse a state directory (a "restart"); it is then left in place on close. */
  stateDir?: string;
  /** A sources file to list and refresh (against a loopback source server). */
  sources?: SourceSettings;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const { fake } = options;
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), "jiwon-bot-"));
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: "debug",
    pretty: false,
    destination: {
      write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>),
    },
  });
  const opened = await openServices({
    transport: "discord",
    clock: fixedClock(options.asOf ?? SEED_AS_OF),
    dataDirs: options.dataDirs ?? [DEFAULT_DATA_DIR],
    stateDir,
    snapshotDir: stateDir,
    reminderHour: 9,
    logger,
    sources: options.sources ?? null,
  });
  const registry = await loadCommands();
  const clients: Client[] = [];
  const handlers = new Map<Client, InteractionHandler>();

  function newClient(): Client {
    const client = new Client({
      intents: [],
      rest: { api: fake.url, retries: 0 },
      allowedMentions: NO_MENTIONS,
    });
    client.rest.setToken("test");
    handlers.set(client, createInteractionHandler({ registry, services: opened.services, logger }));
    clients.push(client);
    return client;
  }
  const first = newClient();

  async function interact(
    raw: { id: string; token: string },
    client: Client = first,
  ): Promise<RecordedRequest[]> {
    const handler = handlers.get(client);
    if (!handler) throw new Error("client not created by this harness");
    let handled: Promise<void> | null = null;
    const listener = (interaction: Parameters<InteractionHandler["handle"]>[0]) => {
      if (interaction.id === raw.id) handled = handler.handle(interaction);
    };
    client.on(Events.InteractionCreate, listener);
    injectInteraction(client, raw);
    client.off(Events.InteractionCreate, listener);
    if (handled === null) throw new Error(`discord.js did not emit interaction ${raw.id}`);
    await handled;
    return fake.requests.filter(
      (r) => r.path.includes(`/${raw.id}/`) || r.path.includes(`/${raw.token}`),
    );
  }

  return {
    opened,
    stateDir,
    logs,
    interact,
    newClient,
    async close() {
      for (const client of clients) await client.destroy();
      await opened.close();
      if (options.stateDir === undefined) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

type Json = Record<string, unknown>;

/** The JSON body of a request, typed loosely for assertions. */
export function body(request: RecordedRequest | undefined): Json {
  if (!request) throw new Error("no such request");
  return request.json as Json;
}
