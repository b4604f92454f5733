/**
 * Text geometry for role assignment: sentences, quoted spans and evidence snippets, all as
 * offsets into the original text so date and cue positions can be compared directly.
 */

export interface Span {
  start: number;
  end: number;
}

/**
 * A sentence ends at a line break, an HTML break, or a full stop after a Korean word or a
 * closing bracket. A dot after a digit does not end one ("2026. 4. 30." is a date), nor one
 * after Latin letters ("(ex. 2026. 5. 1. 협약 시)").
 */
const SENTENCE_END = /\n|<br\s*\/?>|[가-힣)\]'"’”][.!?](?=\s|$)|[!?。]/g;

/** How many rows up a markdown table's header may be looked for. */
const TABLE_REACH = 40;

/** Where a position sits in a markdown table: its cell, its row's first cell, its column's header. */
export interface TableCell {
  cell: Span;
  rowHeader: Span | null;
  columnHeader: Span | null;
}

/**
 * Sentence and line boundaries of one text, indexed once so every lookup is a binary search:
 * a 60,000-character notice on one line must not cost a scan per date.
 */
export class TextLayout {
  private readonly sentenceEnds: number[] = [];
  private readonly newlines: number[] = [];

  constructor(private readonly text: string) {
    SENTENCE_END.lastIndex = 0;
    for (let m = SENTENCE_END.exec(text); m !== null; m = SENTENCE_END.exec(text)) {
      this.sentenceEnds.push(m.index + m[0].length);
    }
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.newlines.push(i);
  }

  /** The sentence containing `pos`. */
  sentenceAt(pos: number): Span {
    const i = countAtOrBefore(this.sentenceEnds, pos);
    const start = i === 0 ? 0 : (this.sentenceEnds[i - 1] as number);
    const end = i < this.sentenceEnds.length ? (this.sentenceEnds[i] as number) : this.text.length;
    return { start, end };
  }

  /** Start of the line containing `pos`. */
  lineStart(pos: number): number {
    const i = countBefore(this.newlines, pos);
    return i === 0 ? 0 : (this.newlines[i - 1] as number) + 1;
  }

  /** End (the newline or the text's end) of the line starting at or containing `pos`. */
  lineEnd(pos: number): number {
    const i = countBefore(this.newlines, pos);
    return i < this.newlines.length ? (this.newlines[i] as number) : this.text.length;
  }

  /**
   * The line just above `pos`'s line, read as its heading ("□ 신청기간" over
   * "○ 2026. 3. 4. ~ 3. 20."). A long line only lends its last words ("… 교육일정").
   */
  headingAbove(pos: number, maxLength = 40): Span | null {
    const lineStart = this.lineStart(pos);
    if (lineStart === 0) return null;
    let end = lineStart - 1;
    while (end > 0 && /\s/.test(this.text[end - 1] ?? "")) end--;
    const start = this.lineStart(end);
    if (end <= start) return null;
    return { start: Math.max(start, end - maxLength), end };
  }

  tableCellAt(pos: number): TableCell | null {
    const text = this.text;
    const lineStart = this.lineStart(pos);
    if (text[lineStart] !== "|") return null;
    const lineEnd = this.lineEnd(lineStart);
    const column = count(text, "|", lineStart, pos);
    const cell = nthCell(text, lineStart, lineEnd, column);
    if (!cell) return null;
    const rowHeader = column > 1 ? nthCell(text, lineStart, lineEnd, 1) : null;
    let top = lineStart;
    for (let i = 0; i < TABLE_REACH && top > 0; i++) {
      const above = this.lineStart(top - 1);
      if (text[above] !== "|") break;
      top = above;
    }
    const columnHeader = top < lineStart ? nthCell(text, top, this.lineEnd(top), column) : null;
    return { cell, rowHeader, columnHeader };
  }
}

/** How many of the sorted `values` are <= `pos`. */
function countAtOrBefore(values: readonly number[], pos: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the sorted `values` are < `pos`. */
function countBefore(values: readonly number[], pos: number): number {
  return countAtOrBefore(values, pos - 1);
}

function count(text: string, ch: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text[i] === ch) n++;
  return n;
}

/** The n-th cell (1-based) of the row `[start, end)`, whose first character is "|". */
function nthCell(text: string, start: number, end: number, n: number): Span | null {
  let cellStart = start;
  for (let k = 0; k < n; k++) {
    const bar = text.indexOf("|", cellStart);
    if (bar < 0 || bar >= end) return null;
    cellStart = bar + 1;
  }
  const next = text.indexOf("|", cellStart);
  const cellEnd = next < 0 || next > end ? end : next;
  return cellEnd > cellStart ? { start: cellStart, end: cellEnd } : null;
}

/**
 * Quoted names and speech. Cue words inside them describe a title or what someone said, not
 * what happens on the date: "‘요양보호사 자격증 취득 과정’의 교육생을 모집" is a call, not a course.
 * ASCII apostrophes before a digit open a year ('26.4.30.), not a quote.
 */
const QUOTED =
  /‘(?!\d)[^’\n]{1,80}’|“[^”\n]{1,300}”|「[^」\n]{1,80}」|『[^』\n]{1,80}』|《[^》\n]{1,80}》|〈[^〉\n]{1,80}〉|'(?!\d)[^'\n]{1,80}'|"[^"\n]{1,300}"/g;

export function quotedSpans(text: string): Span[] {
  const spans: Span[] = [];
  QUOTED.lastIndex = 0;
  for (let m = QUOTED.exec(text); m !== null; m = QUOTED.exec(text)) {
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** Whether `pos` lies inside one of the sorted, disjoint spans. */
export function insideAny(spans: readonly Span[], pos: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid] as Span;
    if (s.end <= pos) lo = mid + 1;
    else if (s.start > pos) hi = mid;
    else return true;
  }
  return false;
}

/** The sentence around `focus`, whitespace and markup collapsed, cut to about `max` characters. */
export function evidence(text: string, sentence: Span, focus: Span, max = 120): string {
  let start = sentence.start;
  let end = sentence.end;
  if (end - start > max) {
    const room = max - (focus.end - focus.start);
    start = Math.max(sentence.start, focus.start - Math.max(0, Math.floor(room / 3)));
    end = Math.min(sentence.end, start + max);
  }
  return text
    .slice(start, end)
    .replace(/<br\s*\/?>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
