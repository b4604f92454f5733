/**
 * The last guard before anything reaches Discord: whatever a command built, the message obeys
 * Discord's limits (field notes) — lengths, counts, the 6,000-character budget across embeds, no
 * empty field, only links in the safe form of `src/ingest/safe-url.ts`. Replies are built within
 * limits already; this makes sure a mistake shows up as a shortened message, not as a failed
 * interaction. Lengths are `discordLength` (UTF-16 units, as discord.js checks them) and the
 * budget across embeds is `withinEmbedBudget`, the same ones the replies are built with.
 */
import { withinEmbedBudget } from "../present/embed-budget.ts";
import { discordLength, LIMITS, truncate } from "../present/limits.ts";
import { linkUrl } from "../present/links.ts";
import type { ButtonModel, EmbedModel, FieldModel, ReplyModel } from "../present/reply-model.ts";

const MAX_BUTTONS = 25;

function length(text: string | undefined): number {
  return text === undefined ? 0 : discordLength(text);
}

function optionalText(text: string | undefined, max: number): string | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  return truncate(text, max);
}

function isLink(url: string | undefined): url is string {
  return linkUrl(url) !== null;
}

function fitField(field: FieldModel): FieldModel | null {
  if (field.name.trim() === "" || field.value.trim() === "") return null;
  return {
    ...field,
    name: truncate(field.name, LIMITS.fieldName),
    value: truncate(field.value, LIMITS.fieldValue),
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

function fitButton(button: ButtonModel): ButtonModel | null {
  const idLength = length(button.customId);
  if (idLength === 0 || idLength > LIMITS.customId) return null;
  return { ...button, label: truncate(button.label.trim() || "…", LIMITS.buttonLabel) };
}

export function fitReply(reply: ReplyModel): ReplyModel {
  const embeds = reply.embeds
    .map(fitEmbed)
    .filter((e): e is EmbedModel => e !== null)
    .slice(0, LIMITS.embeds);
  return {
    content: optionalText(reply.content, LIMITS.content),
    embeds: withinEmbedBudget(embeds),
    buttons: reply.buttons
      .map(fitButton)
      .filter((b): b is ButtonModel => b !== null)
      .slice(0, MAX_BUTTONS),
    ephemeral: reply.ephemeral,
  };
}
