/**
 * The schedules' channel I/O over discord.js: posting a digest part, reading the bot's recent
 * messages, and turning Discord's refusals into the transport-neutral `ChannelUnavailableError`
 * that the schedules record on a subscription or alert (a transient error passes unchanged and
 * is retried by the schedule).
 */
import { type Client, DiscordAPIError, type MessageCreateOptions, SnowflakeUtil } from "discord.js";
import {
  ChannelUnavailableError,
  type RecentPosts,
  type SendDigest,
} from "../schedule/reminders.ts";

/** Missing Access, Missing Permissions, Unknown Channel. */
const PERMANENT_CODES = new Set([50001, 50013, 10003]);

/** Discord's "never until someone fixes the channel" answers as ChannelUnavailableError. */
export function asChannelFailure(error: unknown, channelId: string): unknown {
  if (!(error instanceof DiscordAPIError)) return error;
  const code = typeof error.code === "number" ? error.code : Number(error.code);
  if (error.status === 403 || error.status === 404 || PERMANENT_CODES.has(code)) {
    return new ChannelUnavailableError(channelId, `${error.message} (${error.code})`);
  }
  return error;
}

/** Runs one channel operation, with Discord's permanent refusals translated. */
export async function onChannel<T>(channelId: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw asChannelFailure(error, channelId);
  }
}

/** Fetch (or reuse the cached) channel, then `channel.send`. */
export function channelSender(client: Client): SendDigest {
  return (channelId, message) =>
    onChannel(channelId, async () => {
      const channel = await client.channels.fetch(channelId, { allowUnknownGuild: true });
      if (!channel?.isSendable()) throw new ChannelUnavailableError(channelId);
      const sent = await channel.send(message as MessageCreateOptions);
      return { id: sent.id };
    });
}

/** Pages of recent messages read at most, when looking for a digest already posted. */
const HISTORY_PAGES = 5;

/**
 * `RecentPosts` for the digests: the channel's messages after `since` (oldest first, 100 a page,
 * at most 500), keeping the bot's own (`botUserId`, else the logged-in user). Needs Read Message
 * History.
 */
export function channelHistory(client: Client, botUserId?: string): RecentPosts {
  return (channelId, since) =>
    onChannel(channelId, async () => {
      const self = botUserId ?? client.user?.id;
      if (self === undefined) throw new Error("the bot's user id is not known yet");
      const channel = await client.channels.fetch(channelId, { allowUnknownGuild: true });
      if (!channel?.isTextBased() || !("messages" in channel)) {
        throw new ChannelUnavailableError(channelId);
      }
      const own: Array<{ id: string; content: string }> = [];
      let after = SnowflakeUtil.generate({ timestamp: since.getTime() }).toString();
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const batch = await channel.messages.fetch({ after, limit: 100, cache: false });
        if (batch.size === 0) break;
        const sorted = [...batch.values()].sort((a, b) => a.createdTimestamp - b.createdTimestamp);
        for (const message of sorted) {
          if (message.author.id === self) {
            own.push({ id: message.id, content: message.content });
          }
        }
        after = sorted[sorted.length - 1]?.id ?? after;
        if (batch.size < 100) break;
      }
      return own;
    });
}
