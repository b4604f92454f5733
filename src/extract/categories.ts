import { escapeRegExp } from "../analysis/escape-regexp.ts";
import { matchingForm } from "../analysis/tokenize.ts";
import { CATEGORIES } from "./category-lexicon.ts";

/** How much of the body counts as the lead, where a cue is strong evidence on its own. */
const LEAD_CHARS = 400;
/** Below the lead, a cue must recur once per this many characters (at least twice): long notices mention everything once. */
const CHARS_PER_CUE = 1500;

/** One global regex per category; `^`-marked (Latin) cues must start and end a word. */
const MATCHERS = CATEGORIES.map((category) => {
  const parts = category.cues.map((cue) =>
    cue.startsWith("^")
      ? `(?<![a-z0-9])${escapeRegExp(cue.slice(1))}(?![a-z0-9])`
      : escapeRegExp(cue),
  );
  return { id: category.id, regex: new RegExp(parts.join("|"), "g") };
});

function countMatches(regex: RegExp, text: string): number {
  regex.lastIndex = 0;
  let count = 0;
  while (regex.exec(text) !== null) count++;
  return count;
}

/**
 * Categories an article is about: a cue in the title or the lead decides on its own; further
 * down, a cue must recur in proportion to the length, so passing mentions in a 20-page notice
 * (…판로, 컨설팅, 교육 등…) do not tag it with everything.
 */
export function extractCategories(title: string, body: string): string[] {
  const titleText = matchingForm(title);
  const text = matchingForm(body);
  const lead = text.slice(0, LEAD_CHARS);
  const rest = text.slice(LEAD_CHARS);
  const found: string[] = [];
  for (const { id, regex } of MATCHERS) {
    const strong = countMatches(regex, titleText) + countMatches(regex, lead);
    const needed = Math.max(2, Math.ceil(rest.length / CHARS_PER_CUE));
    if (strong > 0 || countMatches(regex, rest) >= needed) found.push(id);
  }
  return found;
}
