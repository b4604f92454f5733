/**
 * Terminal text: Hangul and other wide characters take two columns, so alignment must count
 * columns, not code units. Colour only when writing to a TTY.
 */

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff)
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI colour codes is the point.
const ANSI = /\x1b\[[0-9;]*m/g;

// Emoji shown as pictures (✅, 📅) take two columns; so does a symbol followed by VS16 (⚠️).
const EMOJI = /\p{Emoji_Presentation}/u;

export function displayWidth(text: string): number {
  let width = 0;
  const chars = [...text.replace(ANSI, "")];
  chars.forEach((char, i) => {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x300 && code <= 0x36f) || code === 0xfe0f || code === 0x200b)
      return;
    const wide = isWide(code) || EMOJI.test(char) || chars[i + 1] === "\ufe0f";
    width += wide ? 2 : 1;
  });
  return width;
}

export function padColumns(text: string, columns: number): string {
  return text + " ".repeat(Math.max(0, columns - displayWidth(text)));
}

/** Cuts to at most `columns` columns, marking the cut with an ellipsis. */
export function fitColumns(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  let out = "";
  let width = 0;
  for (const char of text) {
    const w = displayWidth(char);
    if (width + w > columns - 1) break;
    out += char;
    width += w;
  }
  return `${out}…`;
}

/** Greedy wrap by columns (Korean wraps between words, like the terminal would show it). */
export function wrapColumns(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    const candidate = line ? `${line} ${word}` : word;
    if (displayWidth(candidate) <= columns || !line) {
      line = candidate;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  // A link longer than the line stays whole: a cut URL is useless.
  return lines.flatMap((l) =>
    displayWidth(l) > columns && !/^<?https?:/.test(l) ? [fitColumns(l, columns)] : [l],
  );
}

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  accent(text: string): string;
  link(text: string): string;
  color(hex: number, text: string): string;
}

const plain: Style = {
  bold: (t) => t,
  dim: (t) => t,
  accent: (t) => t,
  link: (t) => t,
  color: (_h, t) => t,
};

const ansi: Style = {
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
  accent: (t) => `\x1b[36m${t}\x1b[39m`,
  link: (t) => `\x1b[4m${t}\x1b[24m`,
  color: (hex, t) => `\x1b[38;2;${(hex >> 16) & 255};${(hex >> 8) & 255};${hex & 255}m${t}\x1b[39m`,
};

export function styleFor(stream: NodeJS.WriteStream): Style {
  return stream.isTTY && !process.env.NO_COLOR ? ansi : plain;
}
