/**
 * Button custom ids for paging. The whole page state travels in the id (≤ 100 characters) so a
 * button works after a restart; a query too long for that is kept in the state database
 * (`page-queries.ts`) and the id carries `@key`.
 */
import { decodePageState, encodePageState, type PageState } from "../present/paging.ts";
import type { QueryStash } from "./page-queries.ts";

const KEY_MARK = "@";

export interface PageIdCodec {
  /** The custom id for this state, or null when even a stashed query cannot make it fit. */
  encode(state: PageState): string | null;
  /** The state behind a custom id; null when it is not ours or its stashed query is gone. */
  decode(customId: string): PageState | null;
}

export function createPageIdCodec(stash: QueryStash): PageIdCodec {
  return {
    encode(state) {
      // A query that itself starts with "@" is stashed too, so "@…" in an id always means a key.
      const direct = state.query.startsWith(KEY_MARK) ? null : encodePageState(state);
      if (direct !== null) return direct;
      return encodePageState({ ...state, query: `${KEY_MARK}${stash.put(state.query)}` });
    },
    decode(customId) {
      const state = decodePageState(customId);
      if (state === null || !state.query.startsWith(KEY_MARK)) return state;
      const query = stash.get(state.query.slice(KEY_MARK.length));
      return query === null ? null : { ...state, query };
    },
  };
}
