/**
 * /reindex — moderators only (Manage Server by default, inside a server): re-read the configured
 * sources, swap the new index in, and report what was read, skipped and how long it took.
 */
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import type { CommandContext, CommandReply, DeferMode } from "../src/command/context.ts";
import { described, notice } from "../src/command/options.ts";
import { reindexReport, seoulClock } from "../src/command/reindex-report.ts";
import { msg } from "../src/messages/catalogue.ts";

export const data = described(new SlashCommandBuilder().setName("reindex"), "command.reindex")
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

/** A rebuild takes longer than Discord's 3 seconds, and its report is for the moderator only. */
export function defer(): DeferMode {
  return "ephemeral";
}

export async function execute(ctx: CommandContext): Promise<CommandReply> {
  const outcome = await ctx.reindex.run(ctx.userId);
  if (outcome.status === "busy") {
    return notice(msg("reindex.busy", ctx.locale, { since: seoulClock(outcome.startedAt) }));
  }
  const resultCount = outcome.status === "done" ? outcome.articles : 0;
  return { ...reindexReport(outcome, ctx.locale), ephemeral: true, resultCount };
}
