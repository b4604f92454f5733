/**
 * How a channel is named in a reply: a mention on Discord, where it links to the channel; its
 * name (#…) where a mention would print as `<#…>` (the offline console, names typed there).
 */
export function channelName(channelId: string, mentions: boolean): string {
  return mentions && /^\d+$/.test(channelId) ? `<#${channelId}>` : `#${channelId}`;
}
