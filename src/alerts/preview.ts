/**
 * What an alert would have posted: each day's articles asked the alert's question as of that day,
 * as if they had arrived on their publication date. `jiwon alerts preview` prints it, and
 * `/alerts add` shows the last three so the moderator sees what will be posted before it is.
 */
import type { SearchIndex } from "../index/search-index.ts";
import { answerAmong, type SearchHit } from "../query/answer.ts";
import { addDays } from "../time/calendar.ts";
import { type AlertQuestion, alertRequest } from "./alert.ts";

export interface PreviewDay {
  date: string;
  /** Articles published that day that the question matches, in the order they would be posted. */
  hits: SearchHit[];
}

/** Article ids by publication date; undated articles are never "published on" a day. */
function idsByDay(index: SearchIndex, from: string, to: string): Map<string, string[]> {
  const days = new Map<string, string[]>();
  for (const article of index.allArticles()) {
    const day = article.publishedAt;
    if (day === null || day < from || day > to) continue;
    const list = days.get(day);
    if (list) list.push(article.id);
    else days.set(day, [article.id]);
  }
  return days;
}

/** Day by day from `asOf - days + 1` to `asOf`, oldest first; days with nothing are left out. */
export async function previewAlert(
  index: SearchIndex,
  question: AlertQuestion,
  options: { asOf: string; days: number },
): Promise<PreviewDay[]> {
  const from = addDays(options.asOf, 1 - options.days);
  const byDay = idsByDay(index, from, options.asOf);
  const result: PreviewDay[] = [];
  for (const date of [...byDay.keys()].sort()) {
    const hits = await answerAmong(index, alertRequest(question, date), byDay.get(date) ?? []);
    if (hits.length > 0) result.push({ date, hits });
  }
  return result;
}

/**
 * The newest `limit` articles the question would have posted, newest day first, looking back at
 * most `days` days from `asOf`.
 */
export async function lastMatches(
  index: SearchIndex,
  question: AlertQuestion,
  options: { asOf: string; days: number; limit: number },
): Promise<SearchHit[]> {
  const from = addDays(options.asOf, 1 - options.days);
  const byDay = idsByDay(index, from, options.asOf);
  const found: SearchHit[] = [];
  for (const date of [...byDay.keys()].sort().reverse()) {
    const hits = await answerAmong(index, alertRequest(question, date), byDay.get(date) ?? []);
    found.push(...hits.slice(0, options.limit - found.length));
    if (found.length >= options.limit) break;
  }
  return found;
}
