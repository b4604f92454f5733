/**
 * What a subscribed channel hears about today: the deadlines in its region and category from the
 * index serving right now, filtered to the reminder days (D-7, D-3, D-1, D-day).
 */
import type { SearchIndex } from "../index/search-index.ts";
import { listDeadlines } from "../query/deadlines.ts";
import { dueReminders, type PlanDigest, REMINDER_OFFSETS } from "./reminders.ts";

export function planFromIndex(index: () => SearchIndex): PlanDigest {
  const horizon = Math.max(...REMINDER_OFFSETS);
  return async (subscription, today) => {
    const answer = await listDeadlines(index(), {
      asOf: today,
      days: horizon,
      region: subscription.region,
      category: subscription.category,
    });
    const deadlines = answer.deadlines.map(({ article, end }) => ({
      articleId: article.id,
      title: article.title,
      url: article.url,
      end,
    }));
    return dueReminders(deadlines, today);
  };
}
