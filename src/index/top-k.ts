/**
 * The k best (doc, score) pairs of a stream, in O(n log k): sorting 80,000 matches of a common
 * word to show five of them would cost more than the search itself.
 * Higher score wins; on equal scores the lower document number wins, so results are stable.
 *
 * A binary heap in typed arrays with the worst kept pair at the root. Once the heap is full, most
 * offers lose to the root; a caller with many offers tests `floor` itself and skips the call (of
 * the 21,000 documents saying 컨설팅 at 100,000 articles, about 900 get past it).
 */
export class TopK {
  private docs: Int32Array;
  private scores: Float64Array;
  private size = 0;

  constructor(private readonly k: number) {
    // A first capacity, grown on demand: `k` may be "every match" (SearchIndex.searchText).
    const capacity = k > 0 ? Math.min(Math.ceil(k), 256) : 0;
    this.docs = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  /** How many pairs are kept (at most k). */
  get length(): number {
    return this.size;
  }

  /**
   * The score an offer must reach once the heap is full (−∞ before); on an equal score it must
   * have a lower document than `floorDoc`. Offers below it change nothing.
   */
  get floor(): number {
    return this.size >= this.k && this.size > 0
      ? (this.scores[0] as number)
      : Number.NEGATIVE_INFINITY;
  }

  get floorDoc(): number {
    return this.size > 0 ? (this.docs[0] as number) : -1;
  }

  offer(doc: number, score: number): void {
    const size = this.size;
    if (size >= this.k) {
      if (size === 0) return;
      const rootScore = this.scores[0] as number;
      if (score < rootScore || (score === rootScore && doc > (this.docs[0] as number))) return;
      siftDown(this.docs, this.scores, size, doc, score);
      return;
    }
    if (size === this.docs.length) this.grow();
    siftUp(this.docs, this.scores, size, doc, score);
    this.size = size + 1;
  }

  private grow(): void {
    const capacity = Math.min(Math.ceil(this.k), Math.max(16, this.docs.length * 2));
    const docs = new Int32Array(capacity);
    const scores = new Float64Array(capacity);
    docs.set(this.docs);
    scores.set(this.scores);
    this.docs = docs;
    this.scores = scores;
  }

  /**
   * The kept pairs, best first (ties: lower document first); the heap is left as it was. A copy
   * gives up its worst pair k times (cheaper than sorting k objects through a comparator, and the
   * same order: the order is total on distinct documents).
   */
  sorted(): { doc: number; score: number }[] {
    let size = this.size;
    const docs = this.docs.slice(0, size);
    const scores = this.scores.slice(0, size);
    const worstFirst: { doc: number; score: number }[] = [];
    while (size > 0) {
      worstFirst.push({ doc: docs[0] as number, score: scores[0] as number });
      size--;
      siftDown(docs, scores, size, docs[size] as number, scores[size] as number);
    }
    return worstFirst.reverse();
  }
}

/** Whether (doc a, score a) ranks below (doc b, score b). */
function worse(scoreA: number, docA: number, scoreB: number, docB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && docA > docB);
}

/** Places (doc, score) at the free slot `at` and moves it up past better parents. */
function siftUp(docs: Int32Array, scores: Float64Array, at: number, doc: number, score: number) {
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const parentScore = scores[parent] as number;
    const parentDoc = docs[parent] as number;
    if (!worse(score, doc, parentScore, parentDoc)) break;
    docs[i] = parentDoc;
    scores[i] = parentScore;
    i = parent;
  }
  docs[i] = doc;
  scores[i] = score;
}

/** Puts (doc, score) at the root of the heap of `size` pairs and moves it down past worse children. */
function siftDown(
  docs: Int32Array,
  scores: Float64Array,
  size: number,
  doc: number,
  score: number,
): void {
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    let child = left;
    let childScore = scores[left] as number;
    let childDoc = docs[left] as number;
    const right = left + 1;
    if (right < size) {
      const rightScore = scores[right] as number;
      const rightDoc = docs[right] as number;
      if (worse(rightScore, rightDoc, childScore, childDoc)) {
        child = right;
        childScore = rightScore;
        childDoc = rightDoc;
      }
    }
    if (!worse(childScore, childDoc, score, doc)) break;
    docs[i] = childDoc;
    scores[i] = childScore;
    i = child;
  }
  if (size > 0) {
    docs[i] = doc;
    scores[i] = score;
  }
}
