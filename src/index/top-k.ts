/**
 * The k best (doc, score) pairs of a stream, in O(n log k): sorting 80,000 matches of a common
 * word to show five of them would cost more than the search itself.
 * Higher score wins; on equal scores the lower document number wins, so results are stable.
 */
export class TopK {
  private readonly docs: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  private worse(i: number, j: number): boolean {
    const a = this.scores[i] as number;
    const b = this.scores[j] as number;
    return a < b || (a === b && (this.docs[i] as number) > (this.docs[j] as number));
  }

  private swap(i: number, j: number): void {
    [this.docs[i], this.docs[j]] = [this.docs[j] as number, this.docs[i] as number];
    [this.scores[i], this.scores[j]] = [this.scores[j] as number, this.scores[i] as number];
  }

  offer(doc: number, score: number): void {
    if (this.k <= 0) return;
    if (this.docs.length < this.k) {
      this.docs.push(doc);
      this.scores.push(score);
      let i = this.docs.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    const rootScore = this.scores[0] as number;
    if (score < rootScore || (score === rootScore && doc > (this.docs[0] as number))) return;
    this.docs[0] = doc;
    this.scores[0] = score;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.docs.length && this.worse(left, worst)) worst = left;
      if (right < this.docs.length && this.worse(right, worst)) worst = right;
      if (worst === i) break;
      this.swap(i, worst);
      i = worst;
    }
  }

  sorted(): { doc: number; score: number }[] {
    return this.docs
      .map((doc, i) => ({ doc, score: this.scores[i] as number }))
      .sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}
