import { aliasesOf } from "./aliases.ts";
import { MIN_STEM_SYLLABLES, stripParticles } from "./particles.ts";

/**
 * The project's Korean analysis, used for indexing and for queries alike:
 *  - `words`: each word, its particle-stripped stem (≥ 2 syllables), and aliases of either;
 *    words are split where Hangul meets Latin or digits (ESS발전 → ess, 발전);
 *  - `grams`: overlapping Hangul bigrams of each word (a one-syllable word stands for itself),
 *    so compounds are found inside longer words (세관 in 평택직할세관).
 * Matching forms are NFKC and lower case.
 */
export interface Analysis {
  words: string[];
  grams: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;
const HANGUL_OR_OTHER = /[가-힣]+|[^가-힣]+/gu;
const SCRIPT_RUN = /\p{N}+|\p{L}+/gu;
const HANGUL = /^[가-힣]+$/;
/** R&D, M&A: one word to the aliases (연구개발, 인수합병), while the letters still stand alone. */
const AMPERSAND_WORD = /[\p{L}\p{N}]+(?:&[\p{L}\p{N}]+)+/gu;

export function matchingForm(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

function pushAliases(words: string[], term: string): void {
  for (const alias of aliasesOf(term)) words.push(alias);
}

export function pushBigrams(grams: string[], hangul: string): void {
  if (hangul.length === 1) {
    grams.push(hangul);
    return;
  }
  for (let i = 0; i + 2 <= hangul.length; i++) grams.push(hangul.slice(i, i + 2));
}

function analyzeHangul(run: string, out: Analysis): void {
  out.words.push(run);
  pushAliases(out.words, run);
  const stem = stripParticles(run);
  if (stem !== run && stem.length >= MIN_STEM_SYLLABLES) {
    out.words.push(stem);
    pushAliases(out.words, stem);
  }
  pushBigrams(out.grams, run);
}

function analyzeOther(chunk: string, out: Analysis): void {
  out.words.push(chunk);
  pushAliases(out.words, chunk);
  const runs = chunk.match(SCRIPT_RUN);
  if (runs && runs.length > 1) {
    for (const run of runs) out.words.push(run);
  }
}

/** Analyses already-normalised text into matching terms (with repeats: they carry frequency). */
export function analyze(text: string): Analysis {
  const out: Analysis = { words: [], grams: [] };
  const lowered = matchingForm(text);
  for (const match of lowered.matchAll(WORD)) {
    const word = match[0];
    if (HANGUL.test(word)) {
      analyzeHangul(word, out);
      continue;
    }
    // A mixed word that is itself a name (경기tp, 3d프린팅, ibk기업은행) also stands whole.
    for (const form of new Set([word, stripParticles(word)])) {
      const whole = aliasesOf(form);
      if (whole.length > 0) out.words.push(form, ...whole);
    }
    // ESS발전 → ess + 발전; gs25 stays whole and also gives gs and 25.
    for (const piece of word.match(HANGUL_OR_OTHER) ?? []) {
      if (HANGUL.test(piece)) analyzeHangul(piece, out);
      else analyzeOther(piece, out);
    }
  }
  for (const match of lowered.matchAll(AMPERSAND_WORD)) {
    out.words.push(match[0]);
    pushAliases(out.words, match[0]);
  }
  return out;
}
