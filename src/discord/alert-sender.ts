/**
 * Posts an alert message through discord.js: the reply model as a message payload (embeds within
 * Discord's limits, mentions disabled), with the alert's nonce and `enforceNonce` so Discord
 * returns the earlier message instead of posting a repeat.
 */
import type { Client, MessageCreateOptions } from "discord.js";
import type { SendAlertMessage } from "../schedule/alerts.ts";
import { ChannelUnavailableError } from "../schedule/reminders.ts";
import { onChannel } from "./channel-io.ts";
import { toMessagePayload } from "./payload.ts";

export function alertSender(client: Client): SendAlertMessage {
  return (channelId, reply, nonce) =>
    onChannel(channelId, async () => {
      const channel = await client.channels.fetch(channelId, { allowUnknownGuild: true });
      if (!channel?.isSendable()) throw new ChannelUnavailableError(channelId);
      const { content, embeds, allowedMentions } = toMessagePayload(reply);
      const message: MessageCreateOptions = {
        content,
        embeds,
        allowedMentions,
        nonce,
        enforceNonce: true,
      };
      const sent = await channel.send(message);
      return { id: sent.id };
    });
}
