/**
 * Text hygiene on the way in. Everything downstream assumes NFC text without invisible
 * characters: otherwise 관세 typed by a user and 관세 decomposed in a dump would never match.
 */

// Zero-width and format characters that break word matching but carry no meaning for us.
const INVISIBLE = /[\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u206A-\u206F\uFEFF\u00AD]/g;
// C0/C1 controls except tab and newline (carriage returns are folded into newlines first).
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Conjoining jamo: their presence means the text arrived decomposed (NFD) or in old Hangul.
const CONJOINING_JAMO = /[\u1100-\u11FF]/;

export interface NormalizedText {
  text: string;
  /** True when the input had decomposed Hangul that NFC recomposed. */
  repairedNfd: boolean;
}

export function normalizeText(raw: string): NormalizedText {
  const repairedNfd = CONJOINING_JAMO.test(raw) && raw.normalize("NFC") !== raw;
  const text = raw
    .replace(/\r\n?/g, "\n")
    .normalize("NFC")
    .replace(INVISIBLE, "")
    .replace(CONTROL, "");
  return { text, repairedNfd };
}

/** Single-line form of a metadata value (titles, sources). */
export function normalizeInline(raw: string): string {
  return normalizeText(raw).text.replace(/\s+/g, " ").trim();
}

/**
 * Share of characters that signal undecodable or binary content: NUL and other controls,
 * and U+FFFD replacement characters left by a lossy decode. Private-use glyphs are common in
 * text converted from HWP files, so they do not count.
 */
export function garbageRatio(raw: string): number {
  if (raw.length === 0) return 0;
  const sample = raw.length > 20_000 ? raw.slice(0, 20_000) : raw;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (
      c === 0xfffd ||
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
      (c >= 0x7f && c <= 0x9f)
    ) {
      bad++;
    }
  }
  return bad / sample.length;
}

/** Whitespace-collapsed form used to recognise the same body published twice. */
export function bodyFingerprintText(body: string): string {
  return body.replace(/\s+/g, " ").trim();
}
