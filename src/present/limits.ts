/** Discord's limits (field notes), enforced on every reply the bot sends. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embeds: 10,
  totalEmbedChars: 6000,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/**
 * The length Discord's limits are checked against, in UTF-16 units: discord.js's builders check
 * `string.length` before sending (an EmbedBuilder title of 256 code points with emoji in it is
 * thrown out), while Discord itself counts code points. A count in units is never below Discord's,
 * so text within it passes both. A Hangul syllable is one unit, an emoji two.
 */
export function discordLength(text: string): number {
  return text.length;
}

/** A high surrogate: the first half of an astral character (an emoji, a rare Hanja). */
const ENDS_IN_HIGH_SURROGATE = /[\ud800-\udbff]$/;

/**
 * Cuts text to a `discordLength` of at most `max`, preferring a sentence boundary, then a word,
 * then an ellipsis; never between the two halves of a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (discordLength(text) <= max) return text;
  let head = text.slice(0, Math.max(0, max - 1));
  if (ENDS_IN_HIGH_SURROGATE.test(head)) head = head.slice(0, -1);
  const sentenceEnd = Math.max(
    head.lastIndexOf(". "),
    head.lastIndexOf("다. "),
    head.lastIndexOf("\n"),
  );
  if (sentenceEnd > max * 0.6) return head.slice(0, sentenceEnd + 1).trimEnd();
  const space = head.lastIndexOf(" ");
  const cut = space > max * 0.6 ? head.slice(0, space) : head;
  return `${cut.trimEnd()}…`;
}

/** escapeMarkdown's rewrites, in order; `test` is `pattern` without its g flag. */
const ESCAPES = (
  [
    [/([\\*_~`|[\]])/g, "\\$1"],
    [/^(\s*)([>#-])/gm, "$1\\$2"],
    [/@(everyone|here)/g, "@\u200b$1"],
    [/<(@[!&]?|#)(\d+)>/g, "<$1\u200b$2>"],
  ] as const
).map(([pattern, replacement]) => ({
  pattern,
  test: new RegExp(pattern.source, pattern.flags.replace("g", "")),
  replacement,
}));

/**
 * Escapes Discord markdown so article text shows as written: a title with *별표* or a URL-like
 * [text](link) must not format or masquerade as a link; > # - only mean something at a line start. Mentions are neutralised too (a
 * zero-width space after @) as a second line of defence behind empty allowed_mentions.
 */
export function escapeMarkdown(text: string): string {
  // Each rewrite only where its pattern occurs: a test is cheap, while a global replace calls into
  // the runtime even when it finds nothing (most titles and summaries need none of them).
  let escaped = text;
  for (const { test, pattern, replacement } of ESCAPES) {
    if (test.test(escaped)) escaped = escaped.replace(pattern, replacement);
  }
  return escaped;
}

/** The inverse, for transports that show plain text (the offline console). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\*_~`|[\]>#-])/g, "$1").replaceAll("\u200b", "");
}
