/**
 * The one gate every URL passes on its way into jiwon (dumps, JSONL, feeds, APIs, list pages).
 *
 * Article URLs come from the internet and end up in Discord messages, so a URL is kept only as a
 * parsed, re-serialised absolute http(s) URL in which every character that could end or reshape a
 * markdown link — `(` `)` `[` `]` `<` `>`, quotes, backticks, spaces, `|`, `\` — is percent-encoded.
 * `https://e.example/y)[로그인](https://phish.example)` then stays one inert link to e.example.
 * Anything else is refused with a reason the ingest report can show.
 */

/** Discord drops embed URLs longer than this. */
export const MAX_URL_LENGTH = 2048;

export type UrlOutcome = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Characters WHATWG serialisation leaves as they are but markdown (or a reader) would act on.
 * Percent-encoding them keeps the same resource: servers decode them back.
 */
const MARKDOWN_SIGNIFICANT = /[()[\]<>"'`|\\^{} ]/g;

function encodeChar(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
}

/**
 * Parses `raw` (relative to `base` when given) and returns it re-serialised, or why it was refused.
 * Refused: not a URL, a scheme other than http(s), credentials in the authority (a classic
 * disguise: `https://bank.example@phish.example`), no host, longer than Discord accepts.
 */
export function parseHttpUrl(raw: string, base?: string): UrlOutcome {
  const text = raw.trim();
  if (text === "") return { ok: false, reason: "empty URL" };
  let url: URL;
  try {
    url = base === undefined ? new URL(text) : new URL(text, base);
  } catch {
    return { ok: false, reason: `not a URL: ${preview(text)}` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: `not an http(s) URL (${url.protocol.replace(/:$/, "")})` };
  }
  if (url.username !== "" || url.password !== "") {
    return { ok: false, reason: "URL carries credentials" };
  }
  if (url.hostname === "") return { ok: false, reason: "URL has no host" };
  const serialised = url.href.replace(MARKDOWN_SIGNIFICANT, encodeChar);
  if (serialised.length > MAX_URL_LENGTH) {
    return { ok: false, reason: `URL longer than ${MAX_URL_LENGTH} characters` };
  }
  return { ok: true, url: serialised };
}

/** The safe form of `raw`, or null. */
export function safeHttpUrl(raw: string | null | undefined, base?: string): string | null {
  if (raw === null || raw === undefined) return null;
  const outcome = parseHttpUrl(raw, base);
  return outcome.ok ? outcome.url : null;
}

/** True when `url` is already in the form `parseHttpUrl` produces (a renderer's last check). */
export function isSafeHttpUrl(url: string): boolean {
  return safeHttpUrl(url) === url;
}

function preview(text: string): string {
  const short = [...text].slice(0, 60).join("");
  return JSON.stringify(short.length < text.length ? `${short}…` : short);
}
