import { splitSentences } from "../analysis/sentences.ts";
import { stripMarkup } from "./title.ts";

export const SUMMARY_MAX_CHARS = 300;

/** An HTML line break as notices converted from HWP or PDF keep it inside table cells. */
const HTML_BREAK = /<br\s*\/?>/gi;

/**
 * The lead sentences, up to about 300 characters, ending at a sentence boundary. A first sentence
 * longer than that is cut at a word with an ellipsis. A body that repeats the title first skips it.
 * A summary is prose: rows of a markdown table (`| … |`) are left out, and an inline `<br>` is a
 * line break, never text shown to a user.
 */
export function summarize(body: string, title: string): string {
  const lines = body
    .split("\n")
    .filter((l) => !l.trimStart().startsWith("|"))
    .flatMap((l) => l.split(HTML_BREAK))
    .map(stripMarkup)
    .filter((l) => l.length > 0 && l !== title && !/^-{3,}$/.test(l));
  const sentences = splitSentences(lines.join("\n")).map((s) => s.text);
  let summary = "";
  for (const sentence of sentences) {
    const next = summary ? `${summary} ${sentence}` : sentence;
    if (next.length > SUMMARY_MAX_CHARS) break;
    summary = next;
  }
  if (summary) return summary;
  const first = sentences[0] ?? "";
  const cut = first.slice(0, SUMMARY_MAX_CHARS - 1);
  const atWord =
    cut.lastIndexOf(" ") > SUMMARY_MAX_CHARS / 2 ? cut.slice(0, cut.lastIndexOf(" ")) : cut;
  return first.length > SUMMARY_MAX_CHARS ? `${atWord}…` : first;
}
