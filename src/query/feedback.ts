/**
 * Pseudo-relevance feedback in the manner of RM3 (Lavrenko & Croft's relevance model, as Anserini
 * applies it over BM25): the best few answers are taken as relevant, the words their titles share
 * become a weighted expansion, and the answers' order is interpolated with how well each covers
 * that expansion. Words a question never said (수출 바우처 → 수출지원기반활용사업) come from the
 * corpus itself rather than a list. Only the ranked pool is reordered; nothing new is retrieved.
 */
import { saysLatinWord } from "../analysis/latin-word.ts";
import { analyze, matchingForm } from "../analysis/tokenize.ts";
import type { SearchIndex } from "../index/search-index.ts";

export interface FeedbackSettings {
  /** How many of the best answers are taken as relevant. */
  docs: number;
  /** How many expansion words are kept. */
  terms: number;
  /** Weight of the expansion against the original order (RM3's 1 − λ). */
  weight: number;
}

interface Scored {
  article: { id: string; title: string; body: string };
  score: number;
}

/**
 * Chosen on the judged set (bench/judged.json, its 48 queries asked after the corpus) among 5 or
 * 10 documents, 10 or 30 words and weights 0.2–0.6, then measured once on the held-out set
 * (figures in bench/README.md).
 */
export const FEEDBACK: FeedbackSettings = { docs: 10, terms: 30, weight: 0.4 };

type Matcher = (title: string) => boolean;

/** Hangul inside a title's compounds (바우처 in 수출바우처); Latin as a whole word (ai not in domain). */
function titleMatcher(word: string): Matcher {
  if (/[가-힣]/.test(word)) return (title) => title.includes(word);
  return (title) => saysLatinWord(title, word);
}

/** Title words of an article (analysed as the index analyses them), with their counts. */
function wordsOf(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of analyze(text).words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/**
 * The hits reordered by the relevance model of the best `settings.docs`: each expansion word
 * weighs P(w | top titles) × idf, a hit's feedback score is the weighted share of expansion words
 * its title contains, and its score becomes score × (1 − weight + weight × feedback / best feedback).
 */
export function withFeedback<T extends Scored>(
  index: SearchIndex,
  hits: readonly T[],
  queryWords: readonly string[],
  settings: FeedbackSettings = FEEDBACK,
): T[] {
  if (settings.weight <= 0 || hits.length < 2) return [...hits];
  const top = hits.slice(0, settings.docs);
  const total = top.reduce((sum, h) => sum + h.score, 0);
  if (total <= 0) return [...hits];
  const asked = new Set(queryWords.flatMap((w) => analyze(w).words));
  const common = Math.max(50, 0.05 * index.text.documentCount);
  const model = new Map<string, number>();
  for (const hit of top) {
    const words = wordsOf(hit.article.title);
    const length = [...words.values()].reduce((a, b) => a + b, 0);
    if (length === 0) continue;
    for (const [word, count] of words) {
      if (asked.has(word) || word.length < 2) continue;
      const df = index.text.documentFrequency(word);
      if (df === 0 || df > common) continue;
      const p = (count / length) * (hit.score / total) * index.text.idf(df);
      model.set(word, (model.get(word) ?? 0) + p);
    }
  }
  const expansion = [...model.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, settings.terms);
  const mass = expansion.reduce((sum, [, w]) => sum + w, 0);
  if (mass <= 0) return [...hits];
  // A title says an expansion word when it contains it (as Relevance reads titles): cheaper than
  // analysing the 200 titles of the pool, and 수출바우처 says 바우처.
  const says = expansion.map(([word]) => titleMatcher(word));
  const feedback = hits.map((hit) => {
    const title = matchingForm(hit.article.title);
    return (
      expansion.reduce((sum, [, w], i) => ((says[i] as Matcher)(title) ? sum + w : sum), 0) / mass
    );
  });
  const best = Math.max(...feedback);
  if (best <= 0) return [...hits];
  return hits
    .map((hit, i) => ({
      i,
      hit: {
        ...hit,
        score:
          hit.score * (1 - settings.weight + (settings.weight * (feedback[i] as number)) / best),
      },
    }))
    .sort((a, b) => b.hit.score - a.hit.score || a.i - b.i)
    .map((r) => r.hit);
}
