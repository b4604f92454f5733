/**
 * Korean sentence splitting for news text. Periods are not reliable: dotted dates (2025. 4. 30.)
 * and decimals contain them, and leads in dumps often run on without one (…나섰다 양 기관은 …).
 * So a sentence ends at . ! ? … when not inside a number, or after a declarative ending (…다)
 * followed by whitespace and a new clause.
 */

// Declarative endings that close a sentence in press releases; 다 inside 다양한, 다른 is not one.
const RUN_ON_ENDING =
  /(?:했|됐|였|혔|섰|겠|었|았|졌|왔|렸|냈|갔|뒀|쳤|켰|쳐|이|있|없|한|된|간|온|는|니|습니|입니|ㅂ니)다(?=[ \t]+[^\s고며면는지가])/gu;

const TERMINAL = /([.!?。…]+)(["'”’」』)]*)(?=\s|$)/gu;

export interface Sentence {
  text: string;
  index: number;
}

function isNumberPeriod(text: string, at: number): boolean {
  // "2025. 4. 30." and "1.5배": a digit before the period and (after optional space) a digit after.
  const before = text[at - 1] ?? "";
  if (!/\d/.test(before)) return false;
  const after = text.slice(at + 1, at + 4);
  return /^\s?\d/.test(after) || /^\s?\(/.test(after);
}

export function splitSentences(text: string): Sentence[] {
  const cuts = new Set<number>();
  for (const match of text.matchAll(TERMINAL)) {
    const at = match.index ?? 0;
    if (match[1] === "." && isNumberPeriod(text, at)) continue;
    cuts.add(at + match[0].length);
  }
  for (const match of text.matchAll(RUN_ON_ENDING)) {
    cuts.add((match.index ?? 0) + match[0].length);
  }
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) cuts.add(i);

  const sentences: Sentence[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b).concat(text.length)) {
    const raw = text.slice(from, cut);
    const lead = raw.search(/\S/);
    if (lead !== -1) {
      const trimmed = raw.trim();
      sentences.push({ text: trimmed, index: from + lead });
    }
    from = cut;
  }
  return sentences;
}
