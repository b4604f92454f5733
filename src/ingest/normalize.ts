/**
 * Text hygiene on the way in. Everything downstream assumes NFC text without invisible
 * characters: otherwise 관세 typed by a user and 관세 decomposed in a dump would never match.
 */

// Zero-width and format characters that break word matching but carry no meaning for us,
// including every bidi control (embeddings, overrides, isolates, the Arabic letter mark) that
// could make a title read backwards in a reply.
const INVISIBLE_CHARS = "\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\uFEFF\\u00AD\\u061C\\u180E";
// Line and paragraph separators end a line to some readers and nothing to others (JSON, most
// terminals): a space keeps the words on either side apart without inventing a line.
const SEPARATOR_CHARS = "\\u2028\\u2029";
// C0/C1 controls except tab and newline (carriage returns are folded into newlines first).
const CONTROL_CHARS = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F";
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, "g");
const SEPARATORS = new RegExp(`[${SEPARATOR_CHARS}]`, "g");
const CONTROL = new RegExp(`[${CONTROL_CHARS}]`, "g");
// Half of a surrogate pair without its other half (String.prototype.toWellFormed is ES2024).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Anything the cleaning steps below would change; most texts have none, and one scan to learn
// that is cheaper than three replacing scans (measured: bench/README.md, "Figures behind the code").
// Surrogates count whether paired or not: emoji are rare in news, and the cleaning checks them.
const NEEDS_CLEANING = new RegExp(
  `[\\r${INVISIBLE_CHARS}${SEPARATOR_CHARS}${CONTROL_CHARS}\\uD800-\\uDFFF]`,
);
// Conjoining jamo: their presence means the text arrived decomposed (NFD) or in old Hangul.
const CONJOINING_JAMO = /[\u1100-\u11FF]/;

export interface NormalizedText {
  text: string;
  /** True when the input had decomposed Hangul that NFC recomposed. */
  repairedNfd: boolean;
}

/**
 * The one cleaning of text on its way in — article bodies and titles at ingest, questions and
 * option values typed by users — so both sides of a match look alike: NFC, carriage returns
 * folded into newlines, zero-width, bidi and control characters removed, line and paragraph
 * separators made spaces, and lone surrogates (half an emoji cut by a broken export) made
 * U+FFFD, since JSON encoders, Discord and SQLite may reject or mangle them.
 */
export function normalizeText(raw: string): NormalizedText {
  const nfc = raw.normalize("NFC");
  const repairedNfd = CONJOINING_JAMO.test(raw) && nfc !== raw;
  if (!NEEDS_CLEANING.test(nfc)) return { text: nfc, repairedNfd };
  const text = nfc
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, "")
    .replace(SEPARATORS, " ")
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

/** `\s` of JavaScript regular expressions, as a character test. */
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * A 53-bit hash of the start of `bodyFingerprintText(body)` (its first 1,024 characters),
 * computed without building that string: keying a Map by whole collapsed bodies, or hashing
 * whole bodies by hand, were the slowest part of ingest (bench/README.md, "Figures behind the
 * code"). Equal fingerprint texts always hash equal; callers confirm a hash match by comparing the
 * texts themselves.
 */
export const FINGERPRINT_HASH_CHARS = 1024;

export function bodyFingerprintHash(body: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  let started = false;
  let pendingSpace = false;
  const mix = (c: number) => {
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  };
  let hashed = 0;
  for (let i = 0; i < body.length && hashed < FINGERPRINT_HASH_CHARS; i++) {
    const c = body.charCodeAt(i);
    if (isSpace(c)) {
      pendingSpace = started;
      continue;
    }
    if (pendingSpace) mix(0x20);
    pendingSpace = false;
    started = true;
    mix(c);
    hashed++;
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}
