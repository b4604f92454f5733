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

const GRAPHEMES = new Intl.Segmenter("ko", { granularity: "grapheme" });

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
 * `head` (a prefix of `text`) without a character cluster that continues past it: a flag, an
 * emoji with its skin tone or a letter with its combining marks is kept whole or left out, never
 * cut into a different symbol.
 */
function wholeClusters(head: string, text: string): string {
  const from = Math.max(0, head.length - 32);
  const window = text.slice(from, head.length + 32);
  const cut = head.length - from;
  let at = 0;
  for (const { segment } of GRAPHEMES.segment(window)) {
    if (at + segment.length > cut) return at < cut ? head.slice(0, from + at) : head;
    at += segment.length;
  }
  return head;
}

/**
 * Cuts text to a `discordLength` of at most `max`, preferring a sentence boundary, then a word,
 * then an ellipsis; never between the two halves of a surrogate pair nor inside a character
 * cluster (a flag, an emoji with its skin tone).
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
  const cut = space > max * 0.6 ? head.slice(0, space) : wholeClusters(head, text);
  return `${cut.trimEnd()}…`;
}

type Rewrite = readonly [RegExp, string];

/** Mentions, broken by a zero-width space so that they neither ping nor render as one. */
const MENTION_REWRITES: readonly Rewrite[] = [
  [/@(everyone|here)/g, "@\u200b$1"],
  [/<(@[!&]?|#)(\d+)>/g, "<$1\u200b$2>"],
  // Slash-command mentions (</reindex:123>) and server guide links (<id:customize>) are
  // clickable too.
  [/<(\/[^<>\n]{1,100}:\d+|id:\w+)>/g, "<\u200b$1>"],
];

/** Each rewrite with `test`, its pattern without the g flag, to skip texts it never matches. */
function rewrites(list: readonly Rewrite[]) {
  return list.map(([pattern, replacement]) => ({
    pattern,
    test: new RegExp(pattern.source, pattern.flags.replace("g", "")),
    replacement,
  }));
}

/** escapeMarkdown's rewrites, in order. */
const ESCAPES = rewrites([
  [/([\\*_~`|[\]])/g, "\\$1"],
  [/^(\s*)([>#-])/gm, "$1\\$2"],
  ...MENTION_REWRITES,
  // A bare URL in article text would be made a link by Discord: `:\/\/` shows the same
  // characters without one.
  [/\b(https?):\/\//gi, "$1:\\/\\/"],
]);
const MENTIONS = rewrites(MENTION_REWRITES);

function rewrite(text: string, list: ReturnType<typeof rewrites>): string {
  // Each rewrite only where its pattern occurs: a test is cheap, while a global replace calls into
  // the runtime even when it finds nothing (most titles and summaries need none of them).
  let out = text;
  for (const { test, pattern, replacement } of list) {
    if (test.test(out)) out = out.replace(pattern, replacement);
  }
  return out;
}

/** For plain-text places (embed footers): mentions broken, nothing else changed. */
export function neutralizeMentions(text: string): string {
  return rewrite(text, MENTIONS);
}

/**
 * Escapes Discord markdown so article text shows as written: a title with *별표* or a URL-like
 * [text](link) must not format or masquerade as a link, and a bare URL is not made clickable;
 * > # - only mean something at a line start. Mentions are neutralised too (a zero-width space
 * after @) as a second line of defence behind empty allowed_mentions.
 */
export function escapeMarkdown(text: string): string {
  return rewrite(text, ESCAPES);
}

/** The inverse, for transports that show plain text (the offline console). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\*_~`|[\]>#/-])/g, "$1").replaceAll("\u200b", "");
}
