/**
 * Autocomplete for a question being typed (/news search, /alerts add), from the index's own
 * vocabulary.
 */
import { seoulDate } from "../time/calendar.ts";
import { clampChoices } from "./choices.ts";
import type { AutocompleteContext, Choice } from "./context.ts";

/**
 * Completions for the word being typed: "고양 설" offers "고양 설명회". What was typed comes
 * first, so picking nothing still asks exactly that.
 */
export function queryChoices(ctx: AutocompleteContext, typed: string): Choice[] {
  const words = typed.split(/\s+/);
  const last = words.pop() ?? "";
  const head = words.join(" ");
  const lower = last.toLowerCase();
  const terms = ctx
    .index()
    .suggest(last, 10, seoulDate(ctx.clock()))
    .flatMap((suggestion) => suggestion.split(/\s+/))
    .filter((term) => term.toLowerCase().startsWith(lower) && term.toLowerCase() !== lower);
  const completions = [...new Set(terms)].map((term) => (head ? `${head} ${term}` : term));
  return clampChoices([typed, ...completions].map((text) => ({ name: text, value: text })));
}
