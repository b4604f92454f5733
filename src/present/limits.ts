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
 * Cuts text to `max` characters, preferring a sentence boundary, then a word, then an ellipsis.
 * Counts code points as Discord does, so a Hangul syllable is one.
 */
export function truncate(text: string, max: number): string {
  // No more UTF-16 units than `max`, so no more code points: nothing to cut (most texts), and no
  // array of every character built to find that out.
  if (text.length <= max) return text;
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join("");
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

/**
 * How many code points `text` has, as `[...text].length` counts them (a surrogate pair is one,
 * a lone surrogate one), without building that array.
 */
export function codePointLength(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff) continue;
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) {
      count--;
      i++;
    }
  }
  return count;
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
