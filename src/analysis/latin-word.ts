/**
 * Whether a text says a Latin word as a whole word: no Latin letter or digit right before or
 * after it (ip is not in shipping, ai not in domain), while Hangul may touch it (IP디딤돌). Written
 * without a regular expression per word: every new pattern was compiled on its first use, a cost
 * each new question paid again for every English word it brought.
 */
const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{N}]/u;

function isWordCharacter(codePoint: number | undefined): boolean {
  return codePoint !== undefined && LATIN_OR_DIGIT.test(String.fromCodePoint(codePoint));
}

/** The code point that ends just before `at` (a surrogate pair read whole). */
function codePointBefore(text: string, at: number): number | undefined {
  if (at <= 0) return undefined;
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(at - 2);
  }
  return low;
}

export function saysLatinWord(text: string, word: string): boolean {
  if (word === "") return false;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (isWordCharacter(codePointBefore(text, at))) continue;
    if (isWordCharacter(text.codePointAt(at + word.length))) continue;
    return true;
  }
  return false;
}
