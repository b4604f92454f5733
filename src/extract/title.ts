import { endsWithParticle, stripParticles } from "../analysis/particles.ts";
import { splitSentences } from "../analysis/sentences.ts";

const MAX_TITLE_CHARS = 60;

/** Markdown and list markers that open lines of converted notices. */
export function stripMarkup(line: string): string {
  return line
    .replace(/^\s*(?:#{1,6}|[-*>☞▶▷■□◆◇○●▲△※]|\d+\.)\s*/u, "")
    .replace(/\*\*|__|`/g, "")
    .trim();
}

/** Removes a trailing particle from the last word so a cut title never dangles (…진흥원과 → …진흥원). */
function undangle(text: string): string {
  const words = text.split(" ");
  while (words.length > 1) {
    const last = words[words.length - 1] ?? "";
    if (/^[가-힣]+$/.test(last) && endsWithParticle(last)) {
      words[words.length - 1] = stripParticles(last);
      break;
    }
    if (/[가-힣A-Za-z0-9]$/.test(last)) break;
    words.pop();
  }
  return words.join(" ");
}

/** The record's own title, else a short title derived from the lead sentence. */
export function deriveTitle(ownTitle: string | null, body: string): string {
  if (ownTitle) return ownTitle;
  const firstLine =
    body
      .split("\n")
      .map(stripMarkup)
      .find((l) => l.length > 0) ?? "";
  const lead = splitSentences(firstLine)[0]?.text ?? firstLine;
  const sentence = lead.replace(/[.。]$/, "");
  if (sentence.length <= MAX_TITLE_CHARS) return sentence;
  const cut = sentence.slice(0, MAX_TITLE_CHARS);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(" "), 20));
  return `${undangle(atWord.replace(/[,·‧\s]+$/u, ""))}…`;
}
