/**
 * Opens what the commands need — the index (snapshot or fresh build), the SQLite store (with the
 * page-query stash), the reindex service — the same way for the bot and the offline console.
 */
import type { BotServices, Transport } from "../command/context.ts";
import { type LoadedIndex, loadOrBuildIndex } from "../index/snapshot.ts";
import { createPageIdCodec } from "../state/page-ids.ts";
import { openStore } from "../state/store.ts";
import type { Clock } from "../types.ts";
import { IndexHolder } from "./index-holder.ts";
import type { Logger } from "./logger.ts";
import { createReindexService } from "./reindex.ts";
import { type ArticleEvents, createArticleEvents } from "./stored-articles.ts";

export interface ServiceOptions {
  transport: Transport;
  clock: Clock;
  dataDirs: string[];
  stateDir: string;
  /** Where index snapshots live; the CLI's default (beside the shipped data) when absent. */
  snapshotDir?: string;
  reminderHour: number;
  logger: Logger;
}

export interface OpenServices {
  services: BotServices;
  holder: IndexHolder;
  loaded: LoadedIndex;
  /** Where stores of articles (reindex, sources) report what they stored; alerts listen. */
  events: ArticleEvents;
  close(): void;
}

export async function openServices(options: ServiceOptions): Promise<OpenServices> {
  const { clock, logger } = options;
  const loaded = await loadOrBuildIndex(options.dataDirs, { snapshotDir: options.snapshotDir });
  const holder = new IndexHolder(loaded.index, clock());
  const store = openStore(options.stateDir, { clock });
  const events = createArticleEvents(logger);
  const reindex = createReindexService({
    holder,
    events,
    dataPaths: options.dataDirs,
    snapshotDir: options.snapshotDir,
    logger,
  });
  logger.info(
    {
      articles: loaded.index.size,
      origin: loaded.origin,
      rebuildReason: loaded.rebuildReason,
      dataDirs: options.dataDirs,
      stateDir: options.stateDir,
    },
    "index ready",
  );
  return {
    services: {
      transport: options.transport,
      clock,
      index: () => holder.current(),
      store,
      reindex,
      pageIds: createPageIdCodec(store.queries),
      logger,
      settings: { reminderHour: options.reminderHour },
    },
    holder,
    loaded,
    events,
    close() {
      store.close();
    },
  };
}
