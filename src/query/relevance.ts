import { saysLatinWord } from "../analysis/latin-word.ts";
import { stripParticles } from "../analysis/particles.ts";
import { analyze, matchingForm } from "../analysis/tokenize.ts";
import type { Mentions, TextEngine } from "../index/text-engine.ts";
import { splitCompound } from "./compounds.ts";
import { namesEventKind } from "./lexicon.ts";

/**
 * How well an article answers each thing the user asked for, on top of BM25.
 *
 * BM25 adds up term scores, so an article that says one rare word many times beats one that says
 * every word of the question: for "섬유 소공인", notices about any 소공인 outranked the textile
 * ones, and for "export vouchers" AI vouchers outranked export vouchers. Support notices are
 * also long and mention nearly every topic in their boilerplate, while the title says what the
 * notice is about. So each concept of the question (one per word typed, with its translations,
 * synonyms and particle-free stem) gets its IDF as weight, and an article's BM25 score is scaled
 * by the weighted share of concepts it mentions anywhere (squared) and by the share its title
 * names. A compound the user typed (해외전시회) that the article does not contain earns partial
 * credit for its parts (전시회), in proportion to their IDF.
 *
 * Each of coverage², the title factor and compound parts was kept because it raised nDCG@10 on
 * the judged set, and the title factor of 3 (rather than 2) on the held-out set too (figures in
 * bench/README.md, "Figures behind the code")
 */
export const TITLE_FACTOR = 3;
/**
 * A word that names a kind of event (설명회, 세미나, 교육, 전시회) weighs this share of its idf:
 * it says what form the answer takes, the other words say what it is about. For "세무 설명회" a
 * tax programme that is not a seminar is partly relevant and a seminar on another subject is not,
 * yet 설명회 titles outranked the tax ones (judged set: 세무 설명회 0.79 → 0.91, tax seminar
 * 0.66 → 0.91; no other query moved). It only matters next to another word.
 */
export const EVENT_KIND_SHARE = 0.5;
/** Weight of a compound's modifier (채용 in 채용박람회) against its head (박람회), per idf. */
export const MODIFIER_SHARE = 0.5;
/** Share of a concept's weight that its parts can earn when the compound itself is absent. */
export const PART_CREDIT = 0.7;
/**
 * Compounds in more than this share of articles are not split, and parts in more than this share
 * are credited but not searched for; small indexes always allow COMMON_FLOOR articles.
 */
export const COMMON_SHARE = 0.05;
export const COMMON_FLOOR = 50;

interface Form {
  text: string;
  /**
   * A Latin form is found as a whole word (ip not inside shipping; Hangul may touch it: IP디딤돌);
   * a Hangul form anywhere (바우처 inside 수출바우처).
   */
  latin: boolean;
}

interface ConceptForms {
  forms: Form[];
  weight: number;
  /** `searched`: rare enough to search for; common parts are credited only. */
  parts: { form: Form; weight: number; searched: boolean }[];
}

export interface Coverage {
  /** Weighted share of concepts the article mentions, 0…1. */
  all: number;
  /** Weighted share its title names, 0…1. */
  title: number;
}

function formOf(text: string): Form {
  return { text, latin: !/[가-힣]/.test(text) };
}

/**
 * The parts of the compound a concept's word as typed may be (해외전시회 → 해외 + 전시회), each
 * with whether it is rare enough to search for; none when the word is no compound, or one most
 * articles already say whole. Translations are not split.
 */
function compoundParts(
  text: TextEngine,
  group: readonly string[],
): { text: string; searched: boolean }[] {
  const df = (term: string) => text.documentFrequency(term);
  const common = Math.max(COMMON_FLOOR, COMMON_SHARE * text.documentCount);
  // The word as typed (its particle-free stem) may be a compound.
  const typed = group[0] === undefined ? "" : stripParticles(matchingForm(group[0]));
  const split = df(typed) <= common ? splitCompound(typed, df) : null;
  return (split ?? []).map((part) => ({ text: part, searched: df(part) <= common }));
}

/**
 * Extra words a question's text search looks for (see Relevance.partWords) without ranking by
 * coverage: what dated answers (events, deadlines), ordered by date, need of the concepts.
 */
export function searchedPartWords(
  text: TextEngine,
  concepts: readonly (readonly string[])[],
): string[] {
  return concepts.flatMap((group) =>
    compoundParts(text, group)
      .filter((p) => p.searched)
      .map((p) => p.text),
  );
}

/**
 * Titles in matching form (NFKC, lower case) by document number, worked out once per article and
 * kept per engine (a bot's warm-up works them all out first): normalising the pool's titles for
 * every question was a large share of the rerank, and a Map keyed by title cost more than this
 * array (bench/README.md, "Figures behind the code").
 */
const titleForms = new WeakMap<TextEngine, string[]>();

/**
 * Works out the title form of every document now (the bot's warm-up, runtime/warm-up.ts), `batch`
 * at a time with a pause between batches, so that no question pays for a title's first reading.
 */
export async function prepareTitleForms(
  text: TextEngine,
  titleOf: (doc: number) => string,
  pause: () => Promise<unknown>,
  batch = 5_000,
): Promise<void> {
  let titles = titleForms.get(text);
  if (!titles) {
    titles = [];
    titleForms.set(text, titles);
  }
  for (let doc = 0; doc < text.documentCount; doc++) {
    if (doc % batch === batch - 1) await pause();
    if (titles[doc] === undefined) titles[doc] = matchingForm(titleOf(doc));
  }
}

export class Relevance {
  private readonly concepts: ConceptForms[];
  private readonly total: number;
  private readonly mentions = new Map<string, Mentions | null>();

  private readonly titles: string[];

  /** `titleOf(doc)` gives a document's title; the same engine must always get the same titles. */
  constructor(
    private readonly text: TextEngine,
    concepts: readonly (readonly string[])[],
    private readonly titleOf: (doc: number) => string,
  ) {
    let titles = titleForms.get(text);
    if (!titles) {
      titles = [];
      titleForms.set(text, titles);
    }
    this.titles = titles;
    const df = (term: string) => text.documentFrequency(term);
    const idf = (frequency: number) => text.idf(Math.max(1, frequency));
    this.concepts = concepts.map((group) => {
      const forms = [...new Set(group.flatMap((word) => analyze(word).words))];
      // The concept is as common as its most common form (구인 or 채용: either counts).
      const share = group.some(namesEventKind) ? EVENT_KIND_SHARE : 1;
      const weight = share * idf(Math.max(0, ...forms.map(df)));
      return {
        forms: forms.map(formOf),
        weight,
        // Korean compounds are head-final: 채용박람회 is a 박람회, so the head earns more of the
        // credit than its modifier (a job fair is closer to a fair than to any hiring notice).
        parts: compoundParts(text, group).map((part, i, all) => ({
          form: formOf(part.text),
          weight: idf(df(part.text)) * (i === all.length - 1 ? 1 : MODIFIER_SHARE),
          searched: part.searched,
        })),
      };
    });
    this.total = this.concepts.reduce((sum, c) => sum + c.weight, 0);
  }

  get conceptCount(): number {
    return this.concepts.length;
  }

  /**
   * Extra words to search for, so articles that only say a compound's parts are candidates
   * (전시회 for 해외전시회). Common parts (기업, 해외) would add a large share of all articles as
   * candidates, at a cost, for almost no gain in what the rerank can find; they still earn credit.
   */
  partWords(): string[] {
    return this.concepts.flatMap((c) => c.parts.filter((p) => p.searched).map((p) => p.form.text));
  }

  /** Whether the document says the form: its word, or every bigram of it. */
  private inDocument(form: Form, doc: number): boolean {
    let mentions = this.mentions.get(form.text);
    if (mentions === undefined) {
      mentions = this.text.mentions(form.text);
      this.mentions.set(form.text, mentions);
    }
    return mentions?.has(doc) ?? false;
  }

  private static inTitle(form: Form, title: string): boolean {
    return form.latin ? saysLatinWord(title, form.text) : title.includes(form.text);
  }

  private titleForm(doc: number): string {
    let form = this.titles[doc];
    if (form === undefined) {
      form = matchingForm(this.titleOf(doc));
      this.titles[doc] = form;
    }
    return form;
  }

  coverage(doc: number): Coverage {
    if (this.total === 0) return { all: 1, title: 0 };
    const matchingTitle = this.titleForm(doc);
    let all = 0;
    let inTitle = 0;
    for (const concept of this.concepts) {
      if (concept.forms.some((f) => Relevance.inTitle(f, matchingTitle))) {
        all += concept.weight;
        inTitle += concept.weight;
        continue;
      }
      const inBody = concept.forms.some((f) => this.inDocument(f, doc));
      if (inBody) all += concept.weight;
      const partsWeight = concept.parts.reduce((sum, p) => sum + p.weight, 0);
      if (partsWeight === 0) continue;
      let partsInTitle = 0;
      let partsAnywhere = 0;
      for (const part of concept.parts) {
        if (Relevance.inTitle(part.form, matchingTitle)) {
          partsInTitle += part.weight;
          partsAnywhere += part.weight;
        } else if (this.inDocument(part.form, doc)) partsAnywhere += part.weight;
      }
      inTitle += (PART_CREDIT * concept.weight * partsInTitle) / partsWeight;
      if (!inBody) all += (PART_CREDIT * concept.weight * partsAnywhere) / partsWeight;
    }
    return { all: all / this.total, title: inTitle / this.total };
  }

  /** The BM25 score scaled by coverage: coverage² × (1 + TITLE_FACTOR × title share). */
  adjust(score: number, doc: number): number {
    if (this.concepts.length === 0) return score;
    const { all, title: named } = this.coverage(doc);
    return score * all * all * (1 + TITLE_FACTOR * named);
  }
}
