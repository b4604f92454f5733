/**
 * /sources list — every source of the sources file with its kind, last success, last error, new
 * articles in the last 24 h, next run and whether it is paused (for everyone);
 * /sources refresh [name] — fetch now and report the per-source counts; /sources resume name —
 * resume a source paused after repeated failures. Both for members with Manage Server, checked
 * here as well as through Discord's default permissions, which a server can override.
 */
import { SlashCommandBuilder } from "@discordjs/builders";
import { InteractionContextType } from "discord-api-types/v10";
import {
  type AutocompleteContext,
  type Choice,
  type CommandContext,
  type CommandReply,
  type DeferMode,
  stringOption,
} from "../src/command/context.ts";
import { described } from "../src/command/options.ts";
import { canManageGuild } from "../src/command/permissions.ts";
import { msg } from "../src/messages/catalogue.ts";
import { notice } from "../src/present/notice.ts";
import { PALETTE } from "../src/present/palette.ts";
import {
  fileNotice,
  sourcesListReply,
  sourcesRefreshReply,
  unknownSourceText,
} from "../src/present/sources-reply.ts";

export const data = described(new SlashCommandBuilder().setName("sources"), "command.sources")
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) => described(sub.setName("list"), "command.sources.list"))
  .addSubcommand((sub) =>
    described(sub.setName("refresh"), "command.sources.refresh").addStringOption((o) =>
      described(o.setName("name"), "command.sources.refresh.name")
        .setMaxLength(40)
        .setAutocomplete(true),
    ),
  )
  .addSubcommand((sub) =>
    described(sub.setName("resume"), "command.sources.resume").addStringOption((o) =>
      described(o.setName("name"), "command.sources.resume.name")
        .setRequired(true)
        .setMaxLength(40)
        .setAutocomplete(true),
    ),
  );

/** A fetch takes longer than Discord's 3 seconds; a refusal is answered at once. */
export function defer(ctx: CommandContext): DeferMode {
  return ctx.subcommand === "refresh" && canManageGuild(ctx.memberPermissions) ? "ephemeral" : null;
}

async function refresh(ctx: CommandContext): Promise<CommandReply> {
  const name = stringOption(ctx, "name") ?? undefined;
  const outcome = await ctx.sources.refresh(name);
  if (outcome.status === "none") return notice(fileNotice(outcome.file, ctx.locale));
  if (outcome.status === "unknown") {
    return notice(unknownSourceText(outcome.name, outcome.known, ctx.locale));
  }
  const { reports } = outcome;
  const resultCount = reports.reduce((sum, r) => sum + r.new + r.updated, 0);
  return { ...sourcesRefreshReply(reports, ctx.locale), resultCount };
}

function resume(ctx: CommandContext): CommandReply {
  const name = stringOption(ctx, "name") ?? "";
  const outcome = ctx.sources.resume(name);
  if (outcome.status === "unknown") {
    return notice(unknownSourceText(name, outcome.known, ctx.locale));
  }
  // Past this point the name is one of the file's ([a-z0-9-]+): nothing to escape.
  if (outcome.status === "not-paused")
    return notice(msg("sources.notPaused", ctx.locale, { name }));
  return notice(msg("sources.resumed", ctx.locale, { name }), PALETTE.done);
}

export async function execute(ctx: CommandContext): Promise<CommandReply> {
  if (ctx.guildId === null) return notice(msg("error.guildOnly", ctx.locale));
  if (ctx.subcommand === "list") {
    const views = ctx.sources.list();
    return {
      ...sourcesListReply(views, ctx.sources.file(), ctx.locale),
      resultCount: views.length,
    };
  }
  if (!canManageGuild(ctx.memberPermissions)) {
    return notice(msg("sources.needManageGuild", ctx.locale));
  }
  return ctx.subcommand === "refresh" ? refresh(ctx) : resume(ctx);
}

export function autocomplete(ctx: AutocompleteContext): Choice[] {
  const typed = ctx.focused.value.trim().toLowerCase();
  return ctx.sources
    .list()
    .filter((view) => view.name.includes(typed))
    .slice(0, 25)
    .map((view) => ({
      name: `${view.paused ? "⏸️ " : ""}${view.name} · ${view.kind}`,
      value: view.name,
    }));
}
