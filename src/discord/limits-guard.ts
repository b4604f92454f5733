/**
 * The last guard before anything reaches Discord: whatever a command built, the message obeys
 * Discord's limits (field notes) — lengths, counts, the 6,000-character budget across embeds, no
 * empty field, only links in the safe form of `src/ingest/safe-url.ts`. Replies are built within
 * limits already; this makes sure a mistake shows up as a shortened message, not as a failed
 * interaction.
 *
 * Lengths are counted here in UTF-16 units, not code points: Discord counts code points, but
 * discord.js's EmbedBuilder and ButtonBuilder check `string.length` and throw before sending, so
 * a title of 256 code points with a few emoji (more than 256 units) failed the whole reply. A
 * count in units is never below Discord's, so it satisfies both.
 */
import { LIMITS, truncate } from "../present/limits.ts";
import { linkUrl } from "../present/links.ts";
import type { ButtonModel, EmbedModel, FieldModel, ReplyModel } from "../present/reply-model.ts";

const MAX_BUTTONS = 25;

function length(text: string | undefined): number {
  return text === undefined ? 0 : text.length;
}

/** `truncate` to at most `max` UTF-16 units (it counts code points: cut again by the excess). */
function fitUnits(text: string, max: number): string {
  let cut = truncate(text, max);
  for (let budget = max; cut.length > max && budget > 1; ) {
    budget -= cut.length - max;
    cut = truncate(text, Math.max(1, budget));
  }
  return cut;
}

function optionalText(text: string | undefined, max: number): string | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  return fitUnits(text, max);
}

function isLink(url: string | undefined): url is string {
  return linkUrl(url) !== null;
}

function fitField(field: FieldModel): FieldModel | null {
  if (field.name.trim() === "" || field.value.trim() === "") return null;
  return {
    ...field,
    name: fitUnits(field.name, LIMITS.fieldName),
    value: fitUnits(field.value, LIMITS.fieldValue),
  };
}

function fitEmbed(embed: EmbedModel): EmbedModel | null {
  const fitted: EmbedModel = {
    title: optionalText(embed.title, LIMITS.title),
    url: isLink(embed.url) ? embed.url : undefined,
    description: optionalText(embed.description, LIMITS.description),
    color:
      embed.color !== undefined &&
      Number.isInteger(embed.color) &&
      embed.color >= 0 &&
      embed.color <= 0xffffff
        ? embed.color
        : undefined,
    fields: embed.fields
      .map(fitField)
      .filter((f): f is FieldModel => f !== null)
      .slice(0, LIMITS.fields),
    footer: optionalText(embed.footer, LIMITS.footer),
  };
  if (fitted.title === undefined) fitted.url = undefined;
  const empty =
    fitted.title === undefined && fitted.description === undefined && fitted.fields.length === 0;
  return empty ? null : fitted;
}

export function embedLength(embed: EmbedModel): number {
  return (
    length(embed.title) +
    length(embed.description) +
    length(embed.footer) +
    embed.fields.reduce((n, f) => n + length(f.name) + length(f.value), 0)
  );
}

/** Drops trailing embeds until the message fits; a lone oversized embed loses description text. */
function withinBudget(embeds: EmbedModel[]): EmbedModel[] {
  const kept = [...embeds];
  const total = () => kept.reduce((n, e) => n + embedLength(e), 0);
  while (kept.length > 1 && total() > LIMITS.totalEmbedChars) kept.pop();
  const only = kept[0];
  if (only && total() > LIMITS.totalEmbedChars) {
    const excess = total() - LIMITS.totalEmbedChars;
    const description = only.description ?? "";
    kept[0] = {
      ...only,
      description: optionalText(description, Math.max(1, length(description) - excess - 1)),
    };
    while (kept[0] && embedLength(kept[0]) > LIMITS.totalEmbedChars && kept[0].fields.length > 0) {
      kept[0] = { ...kept[0], fields: kept[0].fields.slice(0, -1) };
    }
  }
  return kept;
}

function fitButton(button: ButtonModel): ButtonModel | null {
  const idLength = length(button.customId);
  if (idLength === 0 || idLength > LIMITS.customId) return null;
  return { ...button, label: fitUnits(button.label.trim() || "…", LIMITS.buttonLabel) };
}

export function fitReply(reply: ReplyModel): ReplyModel {
  const embeds = reply.embeds
    .map(fitEmbed)
    .filter((e): e is EmbedModel => e !== null)
    .slice(0, LIMITS.embeds);
  return {
    content: optionalText(reply.content, LIMITS.content),
    embeds: withinBudget(embeds),
    buttons: reply.buttons
      .map(fitButton)
      .filter((b): b is ButtonModel => b !== null)
      .slice(0, MAX_BUTTONS),
    ephemeral: reply.ephemeral,
  };
}
