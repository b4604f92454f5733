/**
 * Options shared by several commands (region, category), defined once so /news and /deadlines
 * offer the same choices, plus the checks every command runs on them.
 */
import type {
  SlashCommandBooleanOption,
  SlashCommandIntegerOption,
  SlashCommandStringOption,
} from "discord.js";
import { CATEGORIES, categoryLabel, getCategory } from "../extract/category-lexicon.ts";
import type { Locale } from "../present/reply-model.ts";
import { say } from "./bot-labels.ts";
import { type CommandContext, type CommandReply, stringOption } from "./context.ts";
import { regionOptionLabel, resolveRegion } from "./region-option.ts";

export function regionOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName("region")
    .setDescription("City, county or province, in Korean or English (e.g. 고양, Goyang)")
    .setDescriptionLocalizations({ ko: "시·군·구 또는 시·도 (예: 고양, 경기)" })
    .setMaxLength(100)
    .setAutocomplete(true);
}

export function categoryOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName("category")
    .setDescription("Kind of support or news")
    .setDescriptionLocalizations({ ko: "지원 분야 또는 소식 유형" })
    .addChoices(
      ...CATEGORIES.slice(0, 25).map((c) => ({
        name: c.en,
        name_localizations: { ko: c.ko },
        value: c.id,
      })),
    );
}

export function describedBoolean(
  option: SlashCommandBooleanOption,
  name: string,
  description: { en: string; ko: string },
): SlashCommandBooleanOption {
  return option
    .setName(name)
    .setDescription(description.en)
    .setDescriptionLocalizations({ ko: description.ko });
}

export function describedInteger(
  option: SlashCommandIntegerOption,
  name: string,
  description: { en: string; ko: string },
  range: { min: number; max: number },
): SlashCommandIntegerOption {
  return option
    .setName(name)
    .setDescription(description.en)
    .setDescriptionLocalizations({ ko: description.ko })
    .setMinValue(range.min)
    .setMaxValue(range.max);
}

/** A short answer only the asker sees: bad input, refusals, errors. */
export function notice(text: string, color = 0xf59e0b): CommandReply {
  return { embeds: [{ description: text, color, fields: [] }], buttons: [], ephemeral: true };
}

export type Filters = { region: string | null; category: string | null };

/** The region and category options, checked; a reply explaining the problem when one is wrong. */
export function readFilters(ctx: CommandContext): Filters | CommandReply {
  const regionText = stringOption(ctx, "region");
  const category = stringOption(ctx, "category");
  const region = regionText === null ? null : resolveRegion(regionText);
  if (regionText !== null && region === null) {
    return notice(say("unknownRegion", ctx.locale, { region: regionText }));
  }
  if (category !== null && !getCategory(category)) {
    return notice(say("unknownCategory", ctx.locale, { category }));
  }
  return { region, category };
}

export function isReply(value: Filters | CommandReply): value is CommandReply {
  return "embeds" in value;
}

/** "고양시", "수출·통상": the filters in force, for headers and subscription lists. */
export function filterLabels(filters: Filters, locale: Locale): string[] {
  const labels: string[] = [];
  if (filters.region) labels.push(regionOptionLabel(filters.region, locale));
  if (filters.category) labels.push(categoryLabel(filters.category, locale));
  return labels;
}
