import { unescapeMarkdown } from "./limits.ts";
import type { EmbedModel, ReplyModel } from "./reply-model.ts";
import { displayWidth, padColumns, type Style, wrapColumns } from "./terminal.ts";

/** Masked links [text](url) read better in a terminal as "text <url>". */
function plainLinks(text: string): string {
  return text.replace(
    /\[((?:\\.|[^\]\\])+)\]\((https?:[^)\s]+)\)/g,
    (_m, label: string, url: string) => `${label} <${url}>`,
  );
}

/** Inline code marks (`D-8`) mean nothing in a terminal. */
function plain(text: string): string {
  return unescapeMarkdown(plainLinks(text)).replace(/(?<!\\)`([^`\n]*)`/g, "$1");
}

function box(lines: string[], width: number, style: Style, color: number | undefined): string[] {
  const bar = color === undefined ? (s: string) => s : (s: string) => style.color(color, s);
  const inner = width - 4;
  const out = [bar(`╭${"─".repeat(width - 2)}╮`)];
  for (const line of lines) {
    for (const wrapped of line === "" ? [""] : wrapColumns(line, inner)) {
      out.push(`${bar("│")} ${padColumns(wrapped, inner)} ${bar("│")}`);
    }
  }
  out.push(bar(`╰${"─".repeat(width - 2)}╯`));
  return out;
}

function embedLines(embed: EmbedModel, style: Style): string[] {
  const lines: string[] = [];
  if (embed.title) lines.push(style.bold(plain(embed.title)));
  if (embed.url) lines.push(style.link(embed.url));
  if (embed.description) {
    if (lines.length > 0) lines.push("");
    lines.push(...plain(embed.description).split("\n"));
  }
  if (embed.fields.length > 0) lines.push("");
  for (const field of embed.fields) {
    const [first = "", ...rest] = plain(field.value).split("\n");
    lines.push(`${style.accent(plain(field.name))}: ${first}`);
    const indent = " ".repeat(displayWidth(plain(field.name)) + 2);
    for (const more of rest) lines.push(indent + more);
  }
  if (embed.footer) lines.push("", style.dim(plain(embed.footer)));
  return lines;
}

/** Draws a reply for the offline console: embeds as boxes, links printed, buttons as numbered choices. */
export function renderReply(reply: ReplyModel, style: Style, width = 88): string {
  const out: string[] = [];
  if (reply.content) out.push(plain(reply.content));
  for (const embed of reply.embeds)
    out.push(...box(embedLines(embed, style), width, style, embed.color));
  const buttons = reply.buttons.filter((b) => !b.disabled);
  if (buttons.length > 0) {
    out.push(buttons.map((b, i) => `[${i + 1}] ${b.label}`).join("   "));
  }
  return out.join("\n");
}
