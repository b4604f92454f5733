/**
 * Options shared by several commands (region, category), defined once so /news and /deadlines
 * offer the same choices, plus the checks every command runs on them.
 */
import type { SlashCommandStringOption } from "@discordjs/builders";
import type { LocalizationMap } from "discord-api-types/v10";
import { CATEGORIES, getCategory } from "../extract/category-lexicon.ts";
import { type MessageKey, msg } from "../messages/catalogue.ts";
import { escapeMarkdown, truncate } from "../present/limits.ts";
import { notice } from "../present/notice.ts";
import type { Scope } from "../present/scope.ts";
import { type CommandContext, type CommandReply, stringOption } from "./context.ts";
import { resolveRegion } from "./region-option.ts";

interface Describable {
  setDescription(description: string): this;
  setDescriptionLocalizations(localizations: LocalizationMap | null): this;
}

/**
 * A command, subcommand or option described from the catalogue: English is Discord's default,
 * Korean its localisation.
 */
export function described<T extends Describable>(
  builder: T,
  key: MessageKey,
  vars: Readonly<Record<string, string | number>> = {},
): T {
  return builder
    .setDescription(msg(key, "en", vars))
    .setDescriptionLocalizations({ ko: msg(key, "ko", vars) });
}

export function regionOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return described(option.setName("region"), "option.region")
    .setMaxLength(100)
    .setAutocomplete(true);
}

export function categoryOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return described(option.setName("category"), "option.category").addChoices(
    ...CATEGORIES.slice(0, 25).map((c) => ({
      name: c.en,
      name_localizations: { ko: c.ko },
      value: c.id,
    })),
  );
}

/** The region and category options once checked: the scope the domain answers within. */
export type Filters = Scope;

/** The region and category options, checked; a reply explaining the problem when one is wrong. */
export function readFilters(ctx: CommandContext): Filters | CommandReply {
  const regionText = stringOption(ctx, "region");
  const category = stringOption(ctx, "category");
  const region = regionText === null ? null : resolveRegion(regionText);
  // What the member typed is shown back as text: never markdown, a link or a mention.
  const quoted = (text: string) => escapeMarkdown(truncate(text, 100));
  if (regionText !== null && region === null) {
    return notice(msg("filter.unknownRegion", ctx.locale, { region: quoted(regionText) }));
  }
  if (category !== null && !getCategory(category)) {
    return notice(msg("filter.unknownCategory", ctx.locale, { category: quoted(category) }));
  }
  return { region, category };
}

export function isReply(value: Filters | CommandReply): value is CommandReply {
  return "embeds" in value;
}

/** The `channel` option: a channel id from Discord, or what was typed in the console (#name, <#id>). */
export function channelOption(ctx: CommandContext): string | null {
  const value = stringOption(ctx, "channel");
  return value === null ? null : value.replace(/^<#(\d+)>$/, "$1").replace(/^#/, "");
}
