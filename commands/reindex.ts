/**
 * /reindex — moderators only (Manage Server, checked here as well as through Discord's default
 * permissions, which a server can override): re-read the configured sources, swap the new index
 * in, and report what was read, skipped and how long it took.
 */
import { SlashCommandBuilder } from "@discordjs/builders";
import { InteractionContextType, PermissionFlagsBits } from "discord-api-types/v10";
import type { CommandContext, CommandReply, DeferMode } from "../src/command/context.ts";
import { described } from "../src/command/options.ts";
import { canManageGuild } from "../src/command/permissions.ts";
import { msg } from "../src/messages/catalogue.ts";
import { notice } from "../src/present/notice.ts";
import { reindexReply } from "../src/present/reindex-reply.ts";
import { seoulClockTime } from "../src/time/calendar.ts";

export const data = described(new SlashCommandBuilder().setName("reindex"), "command.reindex")
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild);

/**
 * A rebuild takes longer than Discord's 3 seconds, and its report is for the moderator only; a
 * refusal is answered at once.
 */
export function defer(ctx: CommandContext): DeferMode {
  return canManageGuild(ctx.memberPermissions) ? "ephemeral" : null;
}

export async function execute(ctx: CommandContext): Promise<CommandReply> {
  if (ctx.guildId === null) return notice(msg("error.guildOnly", ctx.locale));
  if (!canManageGuild(ctx.memberPermissions)) {
    return notice(msg("reindex.needManageGuild", ctx.locale));
  }
  const outcome = await ctx.reindex.run(ctx.userId);
  if (outcome.status === "busy") {
    return notice(msg("reindex.busy", ctx.locale, { since: seoulClockTime(outcome.startedAt) }));
  }
  const resultCount = outcome.status === "done" ? outcome.articles : 0;
  return { ...reindexReply(outcome, ctx.locale), ephemeral: true, resultCount };
}
