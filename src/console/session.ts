/**
 * One offline console session: the command modules and services of the bot, driven by lines of
 * text. The local user is treated as a server administrator in a pretend server ("console"), so
 * /deadlines subscribe and /reindex work offline too; the reply is drawn with renderReply.
 */
import { PermissionFlagsBits } from "discord-api-types/v10";
import type { CommandReply, Invocation } from "../command/context.ts";
import { loadCommands } from "../command/registry.ts";
import type { Locale } from "../messages/catalogue.ts";
import { renderReply } from "../present/render-terminal.ts";
import type { ButtonModel, ReplyModel } from "../present/reply-model.ts";
import { styleFor } from "../present/terminal.ts";
import type { Logger } from "../runtime/logger.ts";
import { openServices } from "../runtime/services.ts";
import type { SourceSettings } from "../runtime/source-service.ts";
import type { Clock } from "../types.ts";
import { type ConsoleLine, parseConsoleLine, usageLines } from "./parse.ts";

export const CONSOLE_GUILD = "console";
export const CONSOLE_CHANNEL = "console";

export interface OfflineConsoleOptions {
  clock: Clock;
  locale: Locale;
  dataDirs: string[];
  stateDir: string;
  snapshotDir?: string;
  reminderHour: number;
  logger: Logger;
  out: NodeJS.WriteStream;
  /** The sources `/sources` lists and refreshes (the console never fetches on a schedule). */
  sources?: SourceSettings | null;
}

export type LineResult = "ok" | "failed" | "exit";

function helpText(usage: string[]): string {
  return [
    "Commands (the same as the Discord bot's):",
    ...usage.map((line) => `  ${line}`),
    "",
    "Bare text fills the first text option: /news search 관세. Quote values with spaces, or not:",
    '  /news search query:"upcoming seminars in Goyang"',
    "Numbers [1] [2] under a reply are buttons: type the number to press one.",
    "Subscriptions are saved in the state directory; reminders are posted only by the Discord bot.",
    "help — this list · exit — leave",
  ].join("\n");
}

export async function startOfflineConsole(options: OfflineConsoleOptions) {
  const { out, logger } = options;
  const registry = await loadCommands();
  const opened = await openServices({
    transport: "console",
    clock: options.clock,
    dataDirs: options.dataDirs,
    stateDir: options.stateDir,
    snapshotDir: options.snapshotDir,
    reminderHour: options.reminderHour,
    logger,
    sources: options.sources ?? null,
  });
  const { services } = opened;
  const invocation: Invocation = {
    locale: options.locale,
    guildId: CONSOLE_GUILD,
    channelId: CONSOLE_CHANNEL,
    userId: "console",
    // Whoever runs the console runs the bot: they may do what a server administrator may.
    memberPermissions:
      PermissionFlagsBits.Administrator |
      PermissionFlagsBits.ManageChannels |
      PermissionFlagsBits.ManageGuild,
  };
  const style = styleFor(out);
  const width = Math.min(Math.max(out.columns ?? 88, 60), 100);
  /** The buttons of the last reply, numbered as renderReply shows them. */
  let pressable: ButtonModel[] = [];

  function show(reply: ReplyModel): void {
    out.write(`${renderReply(reply, style, width)}\n`);
    pressable = reply.buttons.filter((b) => !b.disabled);
  }

  async function press(number: number): Promise<CommandReply | string> {
    const button = pressable[number - 1];
    if (!button)
      return pressable.length === 0 ? "no buttons to press" : `press 1–${pressable.length}`;
    const module = registry.forButton(button.customId);
    if (!module?.button) return "that button no longer works";
    return module.button({ ...services, ...invocation, customId: button.customId });
  }

  async function perform(parsed: ConsoleLine): Promise<LineResult> {
    switch (parsed.kind) {
      case "empty":
        return "ok";
      case "exit":
        return "exit";
      case "help":
        out.write(`${helpText(usageLines(registry))}\n`);
        return "ok";
      case "error":
        process.stderr.write(`${parsed.message}\n`);
        return "failed";
      case "button": {
        const reply = await press(parsed.number);
        if (typeof reply === "string") {
          process.stderr.write(`${reply}\n`);
          return "failed";
        }
        show(reply);
        return "ok";
      }
      case "command": {
        const module = registry.get(parsed.command);
        if (!module) throw new Error(`no command module for /${parsed.command}`);
        show(await module.execute({ ...services, ...invocation, ...parsed }));
        return "ok";
      }
    }
  }

  async function run(line: string, runOptions: { echo?: boolean } = {}): Promise<LineResult> {
    if (runOptions.echo) out.write(`› ${line.trim()}\n`);
    try {
      return await perform(parseConsoleLine(line, registry));
    } catch (error) {
      logger.error({ err: error, line }, "console command failed");
      process.stderr.write(`error: ${(error as Error).message}\n`);
      return "failed";
    } finally {
      if (runOptions.echo) out.write("\n");
    }
  }

  return {
    run,
    greet() {
      const articles = services.index().size;
      out.write(
        `jiwon offline console — ${articles} articles. Type help for commands, exit to leave.\n`,
      );
    },
    close: () => opened.close(),
  };
}
