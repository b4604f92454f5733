/**
 * The Discord side of the commands: builds a CommandContext from an interaction, runs the
 * module, and sends the ReplyModel back — deferring slow commands within Discord's 3 seconds,
 * answering autocomplete at once, updating the message for page buttons. Every interaction is
 * logged with its latency and result count; failures become a short ephemeral answer.
 */
import { performance } from "node:perf_hooks";
import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  MessageFlags,
} from "discord.js";
import { clampChoices } from "../command/choices.ts";
import type {
  BotServices,
  CommandContext,
  CommandReply,
  DeferMode,
  Invocation,
  OptionValue,
} from "../command/context.ts";
import type { CommandRegistry } from "../command/registry.ts";
import { normalizeInline } from "../ingest/normalize.ts";
import { localeOf, msg } from "../messages/catalogue.ts";
import { notice } from "../present/notice.ts";
import { PALETTE } from "../present/palette.ts";
import type { ReplyModel } from "../present/reply-model.ts";
import type { Logger } from "../runtime/logger.ts";
import { toMessagePayload } from "./payload.ts";

export interface InteractionHandler {
  /** Handles one interaction; never rejects (failures are logged and answered). */
  handle(interaction: Interaction): Promise<void>;
  /** Stops taking new interactions and waits (bounded) for those in flight to finish. */
  drain(timeoutMs: number): Promise<void>;
}

export interface AdapterOptions {
  registry: CommandRegistry;
  services: BotServices;
  logger: Logger;
}

function invocation(interaction: BaseInteraction): Invocation {
  return {
    locale: localeOf(interaction.locale),
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    userId: interaction.user.id,
    memberPermissions: interaction.memberPermissions?.bitfield ?? null,
  };
}

/** The subcommand and its leaf options; a channel option arrives as its id. */
export function readOptions(data: readonly CommandInteractionOption[]): {
  subcommand: string | null;
  options: Map<string, OptionValue>;
} {
  let leaves = data;
  let subcommand: string | null = null;
  let first = data[0];
  if (first?.type === ApplicationCommandOptionType.SubcommandGroup) first = first.options?.[0];
  if (first?.type === ApplicationCommandOptionType.Subcommand) {
    subcommand = first.name;
    leaves = first.options ?? [];
  }
  const options = new Map<string, OptionValue>();
  for (const leaf of leaves) {
    if (leaf.value !== undefined && leaf.value !== null) options.set(leaf.name, leaf.value);
  }
  return { subcommand, options };
}

const EPHEMERAL = MessageFlags.Ephemeral;

export function createInteractionHandler(options: AdapterOptions): InteractionHandler {
  const { registry, services, logger } = options;
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  function commandContext(
    interaction: ChatInputCommandInteraction | AutocompleteInteraction,
  ): CommandContext {
    const { subcommand, options: values } = readOptions(interaction.options.data);
    return {
      ...services,
      ...invocation(interaction),
      command: interaction.commandName,
      subcommand,
      options: values,
    };
  }

  async function answer(
    interaction: ChatInputCommandInteraction,
    reply: ReplyModel,
    deferred: DeferMode,
  ): Promise<void> {
    const payload = toMessagePayload(reply);
    if (deferred === null) {
      await interaction.reply({ ...payload, ...(reply.ephemeral ? { flags: EPHEMERAL } : {}) });
    } else if (deferred === "public" && reply.ephemeral) {
      // A private answer cannot replace a public placeholder: remove it and answer privately.
      await interaction.deleteReply();
      await interaction.followUp({ ...payload, flags: EPHEMERAL });
    } else {
      await interaction.editReply(payload);
    }
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const started = performance.now();
    const ctx = commandContext(interaction);
    const entry = {
      kind: "command",
      command: [ctx.command, ctx.subcommand].filter(Boolean).join(" "),
      options: Object.fromEntries(ctx.options),
      guildId: ctx.guildId,
      channelId: ctx.channelId,
      userId: ctx.userId,
      locale: interaction.locale,
    };
    const module = registry.get(interaction.commandName);
    let deferred: DeferMode = null;
    try {
      if (!module) throw new Error(`no command module for /${interaction.commandName}`);
      const mode = module.defer?.(ctx) ?? null;
      if (mode !== null) {
        await interaction.deferReply(mode === "ephemeral" ? { flags: EPHEMERAL } : {});
        deferred = mode;
      }
      const reply = await module.execute(ctx);
      await answer(interaction, reply, deferred);
      const latencyMs = Math.round(performance.now() - started);
      logger.info(
        { ...entry, deferred, latencyMs, results: reply.resultCount ?? null },
        "interaction",
      );
    } catch (error) {
      const latencyMs = Math.round(performance.now() - started);
      logger.error({ ...entry, deferred, latencyMs, err: error }, "interaction failed");
      const text = msg(module ? "error.failed" : "error.unknownCommand", ctx.locale);
      await answer(interaction, notice(text, PALETTE.urgent), deferred).catch((e: unknown) =>
        logger.warn({ ...entry, err: e }, "could not report the failure to the user"),
      );
    }
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const started = performance.now();
    const ctx = commandContext(interaction);
    const focused = interaction.options.getFocused(true);
    const entry = {
      kind: "autocomplete",
      command: [ctx.command, ctx.subcommand].filter(Boolean).join(" "),
      focused: focused.name,
      value: String(focused.value),
      guildId: ctx.guildId,
      userId: ctx.userId,
    };
    let choices: ReturnType<typeof clampChoices> = [];
    try {
      const module = registry.get(interaction.commandName);
      const offered = await module?.autocomplete?.({
        ...ctx,
        focused: { name: focused.name, value: normalizeInline(String(focused.value)) },
      });
      choices = clampChoices(offered ?? []);
    } catch (error) {
      logger.error({ ...entry, err: error }, "autocomplete failed; answering with no choices");
    }
    // Autocomplete cannot be deferred: answer right away, with nothing if need be.
    await interaction.respond(choices);
    logger.info(
      { ...entry, latencyMs: Math.round(performance.now() - started), results: choices.length },
      "interaction",
    );
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const started = performance.now();
    const base = invocation(interaction);
    const entry = {
      kind: "button",
      customId: interaction.customId,
      guildId: base.guildId,
      userId: base.userId,
    };
    const module = registry.forButton(interaction.customId);
    let reply: CommandReply;
    try {
      reply =
        module?.button !== undefined
          ? await module.button({ ...services, ...base, customId: interaction.customId })
          : notice(msg("paging.expired", base.locale));
      const payload = toMessagePayload(reply);
      if (reply.ephemeral) await interaction.reply({ ...payload, flags: EPHEMERAL });
      else await interaction.update(payload);
      logger.info(
        {
          ...entry,
          latencyMs: Math.round(performance.now() - started),
          results: reply.resultCount ?? null,
        },
        "interaction",
      );
    } catch (error) {
      logger.error(
        { ...entry, latencyMs: Math.round(performance.now() - started), err: error },
        "interaction failed",
      );
      if (!interaction.replied && !interaction.deferred) {
        const payload = toMessagePayload(notice(msg("error.failed", base.locale), PALETTE.urgent));
        await interaction
          .reply({ ...payload, flags: EPHEMERAL })
          .catch((e: unknown) =>
            logger.warn({ ...entry, err: e }, "could not report the failure to the user"),
          );
      }
    }
  }

  function dispatch(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) return onCommand(interaction);
    if (interaction.isAutocomplete()) return onAutocomplete(interaction);
    if (interaction.isButton()) return onButton(interaction);
    return Promise.resolve();
  }

  return {
    handle(interaction) {
      if (!accepting) return Promise.resolve();
      const running = dispatch(interaction).catch((error: unknown) =>
        logger.error({ err: error, interactionId: interaction.id }, "interaction handler crashed"),
      );
      inFlight.add(running);
      void running.finally(() => inFlight.delete(running));
      return running;
    },
    async drain(timeoutMs) {
      accepting = false;
      if (inFlight.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...inFlight]).then(() => undefined), timeout]);
      clearTimeout(timer);
    },
  };
}
