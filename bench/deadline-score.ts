/**
 * How `npm run eval:deadlines` scores the application extractor: the truth a record or a gold
 * notice gives, the verdict on one prediction, the tallies, and a first-guess reason for every
 * wrong end date. Pure functions; bench/deadlines.ts feeds them.
 *
 * The rule (issue #13): a predicted end is right only when it equals the truth's end; a truth
 * without an end (상시, 예산 소진, 선착순, 추후 공지, 사업별 상이, none) is answered right only when
 * the status matches and no end is invented.
 */
import type { Application, ApplicationStatus } from "../src/types.ts";

export interface Truth {
  status: ApplicationStatus;
  /** YYYY-MM-DD of the application's end; null for status-only truths. */
  end: string | null;
}

/**
 * The `신청기간: …` line of a support-calls or bizinfo-2021 record, read the plain way (it is the
 * ground truth, so it is parsed here independently of the extractor). Null when the line says
 * nothing comparable (종료, D-7, 매월 10일까지, 방문 3일전까지 …): such records are not judged.
 */
export function periodLineTruth(period: string): Truth | null {
  const p = period.normalize("NFKC").replace(/\s+/g, " ").trim();
  const iso = /(\d{4})-(\d{2})-(\d{2})\s*$/.exec(p);
  if (iso && /~/.test(p)) return { status: "dated", end: `${iso[1]}-${iso[2]}-${iso[3]}` };
  const compact = /~ ?(\d{4})(\d{2})(\d{2})$/.exec(p);
  if (compact) return { status: "dated", end: `${compact[1]}-${compact[2]}-${compact[3]}` };
  const dotted = /^~ ?(\d{4})\.(\d{2})\.(\d{2})$/.exec(p);
  if (dotted) return { status: "dated", end: `${dotted[1]}-${dotted[2]}-${dotted[3]}` };
  if (/소진/.test(p)) return { status: "until-budget", end: null };
  if (/상시|연중|수시/.test(p)) return { status: "rolling", end: null };
  if (/선착순|선순|(모집|신청) ?(완료|마감) ?시/.test(p))
    return { status: "first-come", end: null };
  if (/추후|별도/.test(p)) return { status: "tba", end: null };
  if (/별 ?상이/.test(p)) return { status: "varies", end: null };
  return null;
}

export const PERIOD_LINE = /^신청기간: ?(.*)$/m;

/** The body without its `신청기간:` line (and the blank line it leaves). */
export function withoutPeriodLine(body: string): string {
  return body.replace(PERIOD_LINE, "").replace(/\n{2,}/g, "\n");
}

export type Verdict =
  /** End equal to the truth's; open-ended status equal to the truth's; or silent on a "none". */
  | "right"
  /** An end date that is not the truth's end (including one invented on a status-only truth). */
  | "wrong-end"
  /** No end, and an open-ended status other than the truth's (상시 for 예산 소진, or for a date). */
  | "wrong-status"
  /** Silent (none, or a start without an end) where the truth has an end or a status. */
  | "missed";

const OPEN_ENDED = new Set<ApplicationStatus>([
  "rolling",
  "first-come",
  "until-budget",
  "tba",
  "varies",
]);

/**
 * Says something about the deadline: an end date, or an open-ended status. A start without an
 * end gives no deadline and claims no open end, so it is silent, like `none`.
 */
export function answered(app: Pick<Application, "status" | "end">): boolean {
  return app.end !== null || OPEN_ENDED.has(app.status);
}

export function verdictOf(truth: Truth, app: Pick<Application, "status" | "end">): Verdict {
  if (app.end !== null) return app.end === truth.end ? "right" : "wrong-end";
  if (OPEN_ENDED.has(app.status)) return app.status === truth.status ? "right" : "wrong-status";
  return truth.status === "none" ? "right" : "missed";
}

export interface Tally {
  /** Records with a comparable truth. */
  judged: number;
  /** Of those, the ones with something to find (an end or an open-ended status, not none). */
  findable: number;
  /** Of those judged, how many the extractor answered (an end or an open-ended status). */
  answered: number;
  /** Answered right: equal end, or matching status and no invented end. */
  right: number;
  /** Truths with an end date, ends given, ends equal to the truth's. */
  truthEnds: number;
  predictedEnds: number;
  rightEnds: number;
  /** Ends given where the truth has none (상시, 예산 소진 …). */
  endOnOpen: number;
  /** Predicted status equal to the truth's status. */
  statusRight: number;
}

export function emptyTally(): Tally {
  return {
    judged: 0,
    findable: 0,
    answered: 0,
    right: 0,
    truthEnds: 0,
    predictedEnds: 0,
    rightEnds: 0,
    endOnOpen: 0,
    statusRight: 0,
  };
}

export function addToTally(tally: Tally, truth: Truth, app: Application): Verdict {
  const verdict = verdictOf(truth, app);
  tally.judged++;
  if (truth.status !== "none") tally.findable++;
  if (answered(app)) {
    tally.answered++;
    if (verdict === "right") tally.right++;
  }
  if (truth.end !== null) tally.truthEnds++;
  if (app.end !== null) {
    tally.predictedEnds++;
    if (app.end === truth.end) tally.rightEnds++;
    if (truth.end === null) tally.endOnOpen++;
  }
  if (app.status === truth.status) tally.statusRight++;
  return verdict;
}

export interface Ratio {
  n: number;
  d: number;
  /** n / d, or null when d is 0. */
  value: number | null;
}

export function ratio(n: number, d: number): Ratio {
  return { n, d, value: d === 0 ? null : n / d };
}

/** The figures of a tally: the precision / recall and their end-only parts. */
export function figures(t: Tally) {
  return {
    judged: t.judged,
    precision: ratio(t.right, t.answered),
    recall: ratio(t.right, t.findable),
    endPrecision: ratio(t.rightEnds, t.predictedEnds),
    endRecall: ratio(t.rightEnds, t.truthEnds),
    endOnOpen: t.endOnOpen,
    statusAccuracy: ratio(t.statusRight, t.judged),
  };
}

/** A date a reader could take for the deadline but is not, recorded in the gold with its kind. */
export interface Decoy {
  date: string;
  /** What the date is: 사업기간, 협약기간, 결과 발표, 당초 마감 (old date of an extension) … */
  kind: string;
}

export const REASONS = {
  year: "wrong year",
  invented: "end on an open-ended period",
  programme: "one programme's end in a varies notice",
  period: "non-application period",
  extension: "old date of an extension",
  month: "month-level period",
  table: "table row",
  relative: "relative day",
  earlier: "other, earlier than the truth",
  later: "other, later than the truth",
} as const;

const NON_APPLICATION =
  /사업\s*기간|협약\s*기간|보증\s*기간|운영\s*기간|수행\s*기간|교육\s*기간|행사\s*기간|보험\s*기간|발표|선정\s*통보|결과\s*통보|평가|심사|개최|설명회|착수|완료\s*보고/;
const EXTENSION = /연장|변경|당초|정정/;
const MONTH_LEVEL = /\d\s*월\s*(?:중|초|말|경|상순|중순|하순)|월중/;
const RELATIVE = /다음\s*주|이번\s*주|금주|차주|내일|모레|오늘|어제|지난\s*주|다음\s*달|이번\s*달/;
const OLD_KIND = /당초|기존|변경\s*전|연장\s*전|종전/;

/**
 * A first guess at why an end date is wrong, from the truth, the prediction and the evidence the
 * extractor gives (`Application.text`). A gold notice's decoys decide when the predicted end is
 * one of them. The report's lists are read and corrected by hand where this guess is off.
 */
export function reasonOf(
  truth: Truth,
  predicted: string,
  evidence: string,
  decoys: readonly Decoy[] = [],
): string {
  const decoy = decoys.find((d) => d.date === predicted);
  const withKind = (category: string) => (decoy ? `${category} (${decoy.kind})` : category);
  if (decoy && OLD_KIND.test(decoy.kind)) return withKind(REASONS.extension);
  if (truth.end === null)
    return withKind(truth.status === "varies" ? REASONS.programme : REASONS.invented);
  if (truth.end.slice(5) === predicted.slice(5)) return withKind(REASONS.year);
  if (decoy) return withKind(REASONS.period);
  if (EXTENSION.test(evidence) && predicted < truth.end) return REASONS.extension;
  if (/\|/.test(evidence)) return REASONS.table;
  if (NON_APPLICATION.test(evidence)) return REASONS.period;
  if (MONTH_LEVEL.test(evidence)) return REASONS.month;
  if (RELATIVE.test(evidence)) return REASONS.relative;
  return predicted < truth.end ? REASONS.earlier : REASONS.later;
}
