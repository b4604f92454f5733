/**
 * Cue words that give a date its role (application period, event, announcement, or nothing the
 * reader acts on), and the phrases that make an application open-ended: loaded from
 * lexicons/schedule-cues.json (its `note` explains the word syntax). The grammar that uses them
 * lives in schedule.ts.
 */
import { z } from "zod";
import { dataFile, loadDataFile, regexFragment } from "../data/load-data-file.ts";
import type { ApplicationStatus, EventKind } from "../types.ts";

export type CueRole = "application" | "event" | "announcement" | "ignore";

export interface CueGroup {
  note?: string;
  role: CueRole;
  kind?: EventKind;
  /** Names the period itself ("신청 기간", "교육 기간"): binds hardest to the date beside it. */
  label?: boolean;
  /** A generic verb ("진행", "실시"): an event only when an event noun shares the sentence. */
  weak?: boolean;
  /** A single date with this cue is a deadline ("4월 30일 마감"). */
  closes?: boolean;
  /** A single date with this cue opens the period ("4월 1일 접수 시작"). */
  opens?: boolean;
  words: readonly string[];
  /** Regex fragment vetoing the cue when it follows the word ("회의실" is a room). */
  notFollowedBy?: string;
  /** Regex fragment vetoing the cue when it precedes the word ("심사 과정" is a process). */
  notPrecededBy?: string;
  /** Regex fragment that must follow the word ("협의회를 개최", not "…협의회는"). */
  followedBy?: string;
}

export interface OpenEndedPhrase {
  note?: string;
  status: Exclude<ApplicationStatus, "dated" | "none">;
  pattern: string;
  /**
   * Only counts under a label naming the application period ("신청기간: 추후 공지"): these
   * phrases are as common about results or later steps ("향후 일정은 별도 안내").
   */
  labelOnly?: boolean;
}

/** Every event kind, in a fixed order (the index stores kinds by their number in it). */
export const EVENT_KINDS = [
  "seminar",
  "course",
  "ceremony",
  "meeting",
  "fair",
  "other",
] as const satisfies readonly EventKind[];
const OPEN_STATUSES = [
  "rolling",
  "first-come",
  "until-budget",
  "tba",
  "varies",
] as const satisfies readonly OpenEndedPhrase["status"][];

const cueGroup = z.strictObject({
  note: z.string().optional(),
  role: z.enum(["application", "event", "announcement", "ignore"]),
  kind: z.enum(EVENT_KINDS).optional(),
  label: z.boolean().optional(),
  weak: z.boolean().optional(),
  closes: z.boolean().optional(),
  opens: z.boolean().optional(),
  words: z.array(z.string().min(1)).min(1),
  notFollowedBy: regexFragment.optional(),
  notPrecededBy: regexFragment.optional(),
  followedBy: regexFragment.optional(),
});

const schema = dataFile({
  groups: z.array(cueGroup).min(1),
  eventCancelledNote: z.string(),
  eventCancelled: regexFragment,
  pastTenseNote: z.string(),
  pastTense: regexFragment,
  reportedSpeech: regexFragment,
  photoCaptionNote: z.string(),
  photoCaption: regexFragment,
  supersededNote: z.string(),
  supersededBefore: regexFragment,
  replacementBefore: regexFragment,
  arrowBetween: regexFragment,
  changedFrom: regexFragment,
  changedTo: regexFragment,
  extensionTitle: regexFragment,
  hardStopNote: z.string(),
  hardStopGap: regexFragment,
  integratedNote: z.string(),
  integratedTitle: regexFragment,
  periodsDiffer: regexFragment,
  futureNotices: regexFragment,
  programmesDiffer: regexFragment,
  programmeNote: z.string(),
  notProgramme: regexFragment,
  trackNote: z.string(),
  trackHeading: regexFragment,
  laterStep: regexFragment,
  roundHeading: regexFragment,
  openEndedNote: z.string(),
  openEndedFirstChars: z.string().min(1),
  openEnded: z.array(
    z.strictObject({
      note: z.string().optional(),
      status: z.enum(OPEN_STATUSES),
      pattern: regexFragment,
      labelOnly: z.boolean().optional(),
    }),
  ),
});

const data = loadDataFile(new URL("./lexicons/schedule-cues.json", import.meta.url), schema);

export const CUE_GROUPS: readonly CueGroup[] = data.groups;

/** An event whose sentence says it did not or will not happen as dated. */
export const EVENT_CANCELLED = new RegExp(data.eventCancelled);

/** A sentence that speaks of the past (see the data file's pastTenseNote). */
export const PAST_TENSE = new RegExp(data.pastTense);

/** Reported speech, whose reporting verb alone is past: "…받는다고 밝혔다". */
export const REPORTED_SPEECH = new RegExp(data.reportedSpeech, "g");

/** A line marked as a photo caption ("[사진=나주시]", "▲"): what it dates has happened. */
export const PHOTO_CAPTION = new RegExp(data.photoCaption, "m");

/** Right before a date: it is the old value an extension or correction replaces ("(당초)"). */
export const SUPERSEDED_BEFORE = new RegExp(data.supersededBefore);
/** Right before a date: it is the new value ("(변경)", "(연장)"). */
export const REPLACEMENT_BEFORE = new RegExp(data.replacementBefore);
/** Between two dates: the first is replaced by the second ("4월 17일 → 5월 1일"). */
export const ARROW_BETWEEN = new RegExp(data.arrowBetween);
/** "4월 17일에서 5월 1일로 연장": between the dates, and after the second. */
export const CHANGED_FROM = new RegExp(data.changedFrom);
export const CHANGED_TO = new RegExp(data.changedTo);
/** A first line announcing an extended period ("모집 연장 공고", "(기간연장)"). */
export const EXTENSION_TITLE = new RegExp(data.extensionTitle);

/** Between an open phrase and the date that stops it: "(종료일: ", "(단, ". */
export const HARD_STOP_GAP = new RegExp(data.hardStopGap);
/** A first line naming an integrated notice (통합 공고). */
export const INTEGRATED_TITLE = new RegExp(data.integratedTitle);
/** Text saying the programmes' periods or dates differ. */
export const PERIODS_DIFFER = new RegExp(data.periodsDiffer);
/** Text announcing the programmes' own notices to come. */
export const FUTURE_NOTICES = new RegExp(data.futureNotices);
/** Text referring to the programmes' own notices. */
export const PROGRAMMES_DIFFER = new RegExp(data.programmesDiffer);

/** A bracket or column label that names no programme: a round, an old or new value, the period. */
export const NOT_PROGRAMME = new RegExp(data.notProgramme);

/** A heading line (list marker removed) naming a track or programme: "1트랙", "[일반형]". */
export const TRACK_HEADING = new RegExp(data.trackHeading);
/** A heading naming a later step for those selected (지원금 신청, 변경 신청): no programme. */
export const LATER_STEP = new RegExp(data.laterStep);
/** A heading naming a round ("1차 모집", "하반기"): rounds are no programmes. */
export const ROUND_HEADING = new RegExp(data.roundHeading);

/** Every character an open-ended phrase can start with (a prefilter for the phrase scan). */
export const OPEN_ENDED_FIRST_CHARS: string = data.openEndedFirstChars;

/**
 * Phrases that replace a dated deadline. Each counts only where the nearest role cue is an
 * application cue (see schedule.ts): "선정 결과는 추후 공지" is about results, not applying.
 */
export const OPEN_ENDED_PHRASES: readonly OpenEndedPhrase[] = data.openEnded;
