/**
 * Discord's budget across the embeds of one message: at most 10 embeds and 6,000 characters in
 * their titles, descriptions, field names and values and footers together. The one enforcement of
 * it: replies that may run over (a page of search results, an alert post) call it as they are
 * built, and the Discord transport's last guard calls it again on whatever reaches it.
 */
import { discordLength, LIMITS, truncate } from "./limits.ts";
import type { EmbedModel } from "./reply-model.ts";

const length = (text: string | undefined): number => (text === undefined ? 0 : discordLength(text));

/** An embed's share of the budget. */
export function embedLength(embed: EmbedModel): number {
  return (
    length(embed.title) +
    length(embed.description) +
    length(embed.footer) +
    embed.fields.reduce((n, f) => n + length(f.name) + length(f.value), 0)
  );
}

const totalLength = (embeds: readonly EmbedModel[]): number =>
  embeds.reduce((n, e) => n + embedLength(e), 0);

/** Description lengths tried in turn: every embed keeps its title and fields, less of its text. */
const DESCRIPTION_STEPS = [200, 100, 0];

/**
 * The embeds within the budget, as new objects (the given ones are not changed). Descriptions
 * are shortened first, step by step, so that every result keeps its title, link and facts; then
 * trailing embeds are dropped; a lone embed still over (fields of a broken reply) loses trailing
 * fields.
 */
export function withinEmbedBudget(embeds: readonly EmbedModel[]): EmbedModel[] {
  const kept = embeds.slice(0, LIMITS.embeds).map((embed) => ({ ...embed }));
  for (const budget of DESCRIPTION_STEPS) {
    if (totalLength(kept) <= LIMITS.totalEmbedChars) return kept;
    for (const embed of kept) {
      if (embed.description && discordLength(embed.description) > budget) {
        embed.description = budget > 0 ? truncate(embed.description, budget) : undefined;
      }
    }
  }
  while (kept.length > 1 && totalLength(kept) > LIMITS.totalEmbedChars) kept.pop();
  const only = kept[0];
  if (only) {
    while (embedLength(only) > LIMITS.totalEmbedChars && only.fields.length > 0) {
      only.fields = only.fields.slice(0, -1);
    }
  }
  return kept;
}
