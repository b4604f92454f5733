/**
 * Ranking metrics over graded judgments (2 = about the query, 1 = partly; unjudged = 0), cut at k.
 *  - recall@k: relevant (grade ≥ 1) ids in the top k over all relevant ids;
 *  - nDCG@k: gain 2^grade − 1 (3 for a 2, 1 for a 1), log2 discount, normalised by the ideal
 *    ranking of every judged id (so a query with 30 relevant articles cannot reach 1 with 10 ones);
 *  - MRR@k: 1 / rank of the first relevant id in the top k, 0 when there is none.
 */

export type Judgments = Readonly<Record<string, number>>;

export interface QueryScores {
  recall: number;
  ndcg: number;
  rr: number;
}

function gain(grade: number): number {
  return 2 ** grade - 1;
}

export function dcg(grades: readonly number[], k: number): number {
  let total = 0;
  for (let i = 0; i < Math.min(k, grades.length); i++)
    total += gain(grades[i] ?? 0) / Math.log2(i + 2);
  return total;
}

export function scoreRanking(ranked: readonly string[], judgments: Judgments, k = 10): QueryScores {
  const top = [...new Set(ranked)].slice(0, k);
  const grades = top.map((id) => judgments[id] ?? 0);
  const relevant = Object.values(judgments).filter((g) => g > 0);
  const ideal = [...relevant].sort((a, b) => b - a);
  const idcg = dcg(ideal, k);
  const found = grades.filter((g) => g > 0).length;
  const first = grades.findIndex((g) => g > 0);
  return {
    recall: relevant.length === 0 ? 0 : found / relevant.length,
    ndcg: idcg === 0 ? 0 : dcg(grades, k) / idcg,
    rr: first === -1 ? 0 : 1 / (first + 1),
  };
}
