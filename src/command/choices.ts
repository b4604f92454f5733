/**
 * Autocomplete answers within Discord's rules: at most 25 choices, names and values of 1–100
 * characters, no repeated value. A value too long to send is dropped rather than cut, because
 * a cut value would search for something the user never typed.
 */
import { discordLength, LIMITS, truncate } from "../present/limits.ts";
import type { Choice } from "./context.ts";

export function clampChoices(choices: readonly Choice[]): Choice[] {
  const seen = new Set<string>();
  const kept: Choice[] = [];
  for (const choice of choices) {
    const value = choice.value;
    const length = discordLength(value);
    if (length === 0 || length > LIMITS.choiceValue || seen.has(value)) continue;
    const name = truncate(choice.name.trim() || value, LIMITS.choiceName);
    seen.add(value);
    kept.push({ name, value });
    if (kept.length === LIMITS.choices) break;
  }
  return kept;
}
