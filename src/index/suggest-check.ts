import type { SuggestEngine } from "./suggest-engine.ts";

/** How autoSuggest expands the i-th typed word: as a prefix, and with a fuzzy tolerance. */
export interface Expansion {
  prefix: (term: string, i: number, terms: string[]) => boolean;
  fuzzy: (term: string, i: number, terms: string[]) => number | false;
}

/** Per field, the documents (MiniSearch short ids) holding a term and how often. */
type FieldTermData = Map<number, Map<number, number>>;

/** The parts of MiniSearch's radix tree (SearchableMap) the check reads. */
interface TermTree {
  get(term: string): FieldTermData | undefined;
  atPrefix(prefix: string): Iterable<[string, FieldTermData]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [FieldTermData, number]>;
}

/** MiniSearch's default cap on a fuzzy edit distance (searchOptions.maxFuzzy). */
const MAX_FUZZY = 6;

/**
 * False when no title can hold every typed word, so autoSuggest (an AND search) would find
 * nothing; true when it might. autoSuggest scores every title of every word before intersecting,
 * which for a question with a word in most titles (지원) is the slowest part of answering it, to
 * suggest nothing (bench/README.md, "Figures behind the code"). This check looks at the rarest word's titles first and stops at the first
 * word none of them hold. It reads MiniSearch's term tree (a protected field, through the same
 * get / atPrefix / fuzzyGet lookups executeQuerySpec uses); without it, it answers true.
 */
export function titlesMayHoldAll(
  engine: SuggestEngine,
  terms: string[],
  expansion: Expansion,
): boolean {
  const internals = engine as unknown as {
    _index?: Partial<TermTree>;
    _fieldIds?: Record<string, number>;
  };
  const tree = internals._index;
  const fieldId = internals._fieldIds?.title;
  if (!tree?.get || !tree.atPrefix || !tree.fuzzyGet || fieldId === undefined) return true;
  if (terms.length === 0) return false;
  const words = terms
    .map((term, i) => titlesOf(tree as TermTree, fieldId, term, i, terms, expansion))
    .sort((a, b) => size(a) - size(b));
  let candidates = new Set<number>();
  for (const docs of words[0] as Map<number, number>[])
    for (const id of docs.keys()) candidates.add(id);
  for (const docs of words.slice(1)) {
    candidates = new Set([...candidates].filter((id) => docs.some((d) => d.has(id))));
    if (candidates.size === 0) return false;
  }
  return candidates.size > 0;
}

/** The title documents of every term the i-th word expands to: a superset of its matches. */
function titlesOf(
  tree: TermTree,
  fieldId: number,
  term: string,
  i: number,
  terms: string[],
  expansion: Expansion,
): Map<number, number>[] {
  const data: FieldTermData[] = [];
  const exact = tree.get(term);
  if (exact) data.push(exact);
  if (expansion.prefix(term, i, terms))
    for (const [, found] of tree.atPrefix(term)) data.push(found);
  const fuzzy = expansion.fuzzy(term, i, terms);
  // As executeQuerySpec: a fraction is relative to the word's length, capped.
  const distance =
    fuzzy === false ? 0 : fuzzy < 1 ? Math.min(MAX_FUZZY, Math.round(term.length * fuzzy)) : fuzzy;
  if (distance > 0) for (const [found] of tree.fuzzyGet(term, distance).values()) data.push(found);
  return data.flatMap((d) => d.get(fieldId) ?? []);
}

function size(docs: Map<number, number>[]): number {
  return docs.reduce((sum, d) => sum + d.size, 0);
}
