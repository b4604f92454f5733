/**
 * Particles (조사) and common predicate endings that follow Korean content words in news text.
 * Stripping the longest one gives a stem that matches the bare word: 설명회를 → 설명회,
 * 개최한다고 → 개최. Kept as data; the order inside each list does not matter.
 *
 * Deliberately absent: 인 (소상공인 would lose its head), 상 (시상), 적 (국제적 is a word of its own).
 */
const SUFFIXES = [
  // particles, longest compounds first in spirit (lookup is by length anyway)
  "에서부터",
  "으로부터",
  "에서는",
  "에서도",
  "에서의",
  "에서만",
  "에게서",
  "으로는",
  "으로도",
  "으로의",
  "으로서",
  "으로써",
  "까지는",
  "까지의",
  "부터는",
  "이라는",
  "이라고",
  "이었다",
  "였으며",
  "에서",
  "에게",
  "에는",
  "에도",
  "에의",
  "에만",
  "까지",
  "부터",
  "으로",
  "로는",
  "로도",
  "로의",
  "로서",
  "로써",
  "처럼",
  "보다",
  "마다",
  "이나",
  "이며",
  "이고",
  "이다",
  "이라",
  "이란",
  "라는",
  "라고",
  "과의",
  "와의",
  "과는",
  "와는",
  "과도",
  "와도",
  "이든",
  "들이",
  "들은",
  "들을",
  "들의",
  "들과",
  "들도",
  "들에",
  "들로",
  "께서",
  "한테",
  "조차",
  "마저",
  "밖에",
  "이자",
  "였다",
  "이요",
  "을",
  "를",
  "이",
  "가",
  "은",
  "는",
  "의",
  "에",
  "와",
  "과",
  "도",
  "로",
  "만",
  "들",
  "께",
  "랑",
  // predicate endings after a verbal noun (개최한다, 체결했다고, 지원하기 위해)
  "하였다고",
  "하겠다고",
  "한다고",
  "했다고",
  "하였다",
  "하였으며",
  "했으며",
  "하겠다",
  "합니다",
  "하는데",
  "하면서",
  "하여야",
  "해야",
  "한다",
  "했다",
  "하는",
  "하며",
  "하고",
  "하여",
  "해서",
  "하기",
  "하게",
  "하면",
  "하자",
  "할",
  "한",
  "해",
  "된다고",
  "됐다고",
  "된다",
  "됐다",
  "되는",
  "되며",
  "되어",
  "되고",
  "되기",
  "돼",
  "된",
  "될",
  "시킨",
  "시켜",
  "받은",
  "받는",
  "받아",
];

const BY_LENGTH: Set<string>[] = [];
for (const suffix of SUFFIXES) {
  const sameLength = BY_LENGTH[suffix.length] ?? new Set<string>();
  sameLength.add(suffix);
  BY_LENGTH[suffix.length] = sameLength;
}
const MAX_SUFFIX = BY_LENGTH.length - 1;

/** Minimum syllables a stem must keep: one-syllable stems (회의 → 회) match far too much. */
export const MIN_STEM_SYLLABLES = 2;

/** The word without its longest trailing particle or ending, or the word itself. */
export function stripParticles(word: string): string {
  for (let len = Math.min(MAX_SUFFIX, word.length - MIN_STEM_SYLLABLES); len >= 1; len--) {
    if (BY_LENGTH[len]?.has(word.slice(word.length - len))) return word.slice(0, word.length - len);
  }
  return word;
}

/** True when `word` ends in a particle or ending that leaves a stem behind (for titles). */
export function endsWithParticle(word: string): boolean {
  return stripParticles(word) !== word;
}
