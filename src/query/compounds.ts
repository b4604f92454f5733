/**
 * Splits a Korean compound the user typed into two words the articles use on their own:
 * 해외전시회 → 해외 + 전시회, 여성기업 → 여성 + 기업. Korean writes compounds without spaces and
 * articles say the same thing with a space or a different modifier ("의료기기 전시회"), so a
 * whole-word or bigram match of the compound misses them. Parts must be at least two syllables
 * and appear in enough documents to be words rather than fragments; of the possible splits, the
 * one whose rarer part is most common wins (the most word-like split).
 */
export const MIN_COMPOUND_SYLLABLES = 4;
export const MIN_PART_DOCUMENTS = 3;

export function splitCompound(
  word: string,
  documentFrequency: (term: string) => number,
): [string, string] | null {
  if (!/^[가-힣]+$/.test(word) || word.length < MIN_COMPOUND_SYLLABLES) return null;
  let best: [string, string] | null = null;
  let bestRarer = 0;
  for (let at = 2; at <= word.length - 2; at++) {
    const head = word.slice(0, at);
    const tail = word.slice(at);
    const rarer = Math.min(documentFrequency(head), documentFrequency(tail));
    if (rarer >= MIN_PART_DOCUMENTS && rarer > bestRarer) {
      best = [head, tail];
      bestRarer = rarer;
    }
  }
  return best;
}
