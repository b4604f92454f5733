/**
 * ReplyModel → discord.js message payload: embeds, one action row per five buttons, and
 * `allowedMentions: { parse: [] }` on every message so article text never pings anyone.
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from "discord.js";
import type { EmbedModel, ReplyModel } from "../present/reply-model.ts";
import { fitReply } from "./limits-guard.ts";

export const NO_MENTIONS = { parse: [] as [] };
const BUTTONS_PER_ROW = 5;

export interface MessagePayload {
  content: string;
  embeds: EmbedBuilder[];
  components: ActionRowBuilder<ButtonBuilder>[];
  allowedMentions: typeof NO_MENTIONS;
}

function toEmbed(model: EmbedModel): EmbedBuilder {
  const embed = new EmbedBuilder();
  if (model.title !== undefined) embed.setTitle(model.title);
  if (model.url !== undefined) embed.setURL(model.url);
  if (model.description !== undefined) embed.setDescription(model.description);
  if (model.color !== undefined) embed.setColor(model.color);
  if (model.fields.length > 0) {
    embed.addFields(
      model.fields.map((f) => ({ name: f.name, value: f.value, inline: f.inline ?? false })),
    );
  }
  if (model.footer !== undefined) embed.setFooter({ text: model.footer });
  return embed;
}

export function toMessagePayload(reply: ReplyModel): MessagePayload {
  const fitted = fitReply(reply);
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let i = 0; i < fitted.buttons.length; i += BUTTONS_PER_ROW) {
    const buttons = fitted.buttons.slice(i, i + BUTTONS_PER_ROW).map((b) =>
      new ButtonBuilder()
        .setCustomId(b.customId)
        .setLabel(b.label)
        .setStyle(ButtonStyle.Secondary)
        .setDisabled(b.disabled ?? false),
    );
    rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons));
  }
  return {
    // Always sent, even empty, so a page update replaces the previous page's text.
    content: fitted.content ?? "",
    embeds: fitted.embeds.map(toEmbed),
    components: rows,
    allowedMentions: NO_MENTIONS,
  };
}
