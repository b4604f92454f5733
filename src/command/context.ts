/**
 * The contract between command modules (commands/*.ts) and the transports that run them.
 *
 * A command module sees only this context: parsed options, who asked where, and the services.
 * It returns a ReplyModel and never touches a Discord object, so the Discord adapter and the
 * offline console run the very same code and differ only in how they draw the answer.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { SearchIndex } from "../index/search-index.ts";
import { normalizeInline } from "../ingest/normalize.ts";
import type { Locale } from "../messages/catalogue.ts";
import type { ReplyModel } from "../present/reply-model.ts";
import type { Logger } from "../runtime/logger.ts";
import type { ReindexService } from "../runtime/reindex.ts";
import type { SourceService } from "../runtime/source-service.ts";
import type { PageIdCodec } from "../state/page-ids.ts";
import type { Store } from "../state/store.ts";
import type { Clock } from "../types.ts";

export type OptionValue = string | number | boolean;
export type Transport = "discord" | "console";

/** What every command can use, whoever runs it. */
export interface BotServices {
  transport: Transport;
  clock: Clock;
  /** The index serving right now; read it per request, `/reindex` may swap it at any time. */
  index(): SearchIndex;
  store: Store;
  reindex: ReindexService;
  /** The fetched sources: status, refresh now, resume a paused one. */
  sources: SourceService;
  /** Page state ↔ button custom id, with long queries kept in SQLite under a short key. */
  pageIds: PageIdCodec;
  logger: Logger;
  settings: { reminderHour: number };
}

/** Who asked, where, in which language. */
export interface Invocation {
  locale: Locale;
  /** null outside a server (DM, console without a guild). */
  guildId: string | null;
  channelId: string | null;
  userId: string;
  /** The member's permission bitfield in this channel; null outside a server. */
  memberPermissions: bigint | null;
}

export interface CommandContext extends BotServices, Invocation {
  command: string;
  subcommand: string | null;
  /** Leaf options by name: strings, whole numbers, booleans; a channel option is its id. */
  options: ReadonlyMap<string, OptionValue>;
}

export interface AutocompleteContext extends CommandContext {
  /** The option being typed and its partial text. */
  focused: { name: string; value: string };
}

export interface ButtonContext extends BotServices, Invocation {
  customId: string;
}

export interface Choice {
  name: string;
  value: string;
}

/** A reply plus what the interaction log records about it. */
export type CommandReply = ReplyModel & { resultCount?: number };

/** How a transport acknowledges a slow command before it answers (Discord's 3-second rule). */
export type DeferMode = "public" | "ephemeral" | null;

export interface CommandModule {
  /** The slash command definition, as registered by deploy-commands. */
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Whether to defer before `execute`; its replies must then match (ephemeral or not). */
  defer?(ctx: CommandContext): DeferMode;
  execute(ctx: CommandContext): Promise<CommandReply>;
  autocomplete?(ctx: AutocompleteContext): Promise<Choice[]> | Choice[];
  /** True for the custom ids this module's `button` handles. */
  ownsButton?(customId: string): boolean;
  button?(ctx: ButtonContext): Promise<CommandReply>;
}

/** A text option, cleaned like article text (invisible characters, NFD, spaces); null if blank. */
export function stringOption(ctx: CommandContext, name: string): string | null {
  const value = ctx.options.get(name);
  if (value === undefined) return null;
  const text = normalizeInline(String(value));
  return text === "" ? null : text;
}

export function integerOption(ctx: CommandContext, name: string): number | null {
  const value = ctx.options.get(name);
  return typeof value === "number" && Number.isInteger(value) ? value : null;
}

export function booleanOption(ctx: CommandContext, name: string): boolean | null {
  const value = ctx.options.get(name);
  return typeof value === "boolean" ? value : null;
}
