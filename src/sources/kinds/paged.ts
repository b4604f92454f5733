/**
 * The paging both portal APIs need: ask page after page until a short page, the announced total
 * or the source's page limit; each record becomes an item or a skip, an id seen on an earlier
 * page (lists shift while they are read) counts once.
 */
import { type FetchedItem, type KindResult, NOTHING_TO_REMEMBER, type Skip } from "../item.ts";

export interface Page<T> {
  records: T[];
  /** The total the API announces, when it does. */
  total: number | null;
}

export async function collectPages<T>(
  limits: { pageSize: number; maxPages: number },
  fetchPage: (page: number) => Promise<Page<T>>,
  itemOf: (record: T) => FetchedItem | Skip,
): Promise<KindResult> {
  const items: FetchedItem[] = [];
  const skipped: Skip[] = [];
  const seen = new Set<string>();
  for (let page = 1; page <= limits.maxPages; page++) {
    const { records, total } = await fetchPage(page);
    for (const record of records) {
      const item = itemOf(record);
      if ("reason" in item) skipped.push(item);
      else if (!seen.has(item.itemId)) {
        seen.add(item.itemId);
        items.push(item);
      }
    }
    if (records.length < limits.pageSize || (total !== null && page * limits.pageSize >= total)) {
      break;
    }
  }
  return { items, skipped, notModified: false, remember: NOTHING_TO_REMEMBER };
}
