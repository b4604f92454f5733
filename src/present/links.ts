/**
 * The last check before a URL becomes a link in a message. Every URL passed `parseHttpUrl` on its
 * way in; an article that reached a renderer some other way (a snapshot, a new source, a test)
 * must still never put `)[로그인](https://phish…)` or a space into markdown or an embed's url.
 */
import { isSafeHttpUrl } from "../ingest/safe-url.ts";

/** `url` when it is in the safe form `parseHttpUrl` produces, else null (shown without a link). */
export function linkUrl(url: string | null | undefined): string | null {
  return url !== null && url !== undefined && isSafeHttpUrl(url) ? url : null;
}

/**
 * `[label](url)`, or `[label](<url>)` without a preview when `unfurl` is false; the label alone
 * when there is no safe URL. `label` must already be escaped (`escapeMarkdown`).
 */
export function maskedLink(
  label: string,
  url: string | null | undefined,
  options: { unfurl?: boolean } = {},
): string {
  const safe = linkUrl(url);
  if (safe === null) return label;
  return options.unfurl === false ? `[${label}](<${safe}>)` : `[${label}](${safe})`;
}
