/**
 * Opens what the commands need — the index over the data directories and the fetched-article
 * store (snapshot or fresh build), the SQLite store (with the page-query stash), the reindex
 * service, the sources — the same way for the bot and the offline console.
 */
import type { BotServices, Transport } from "../command/context.ts";
import type { SearchIndex } from "../index/search-index.ts";
import type { LoadedIndex } from "../index/snapshot.ts";
import { openArticleStore } from "../state/articles.ts";
import { createPageIdCodec } from "../state/page-ids.ts";
import { openStore } from "../state/store.ts";
import type { Clock } from "../types.ts";
import { IndexHolder } from "./index-holder.ts";
import type { Logger } from "./logger.ts";
import { createReindexService } from "./reindex.ts";
import { createSourceService, type SourceService, type SourceSettings } from "./source-service.ts";
import { type ArticleEvents, createArticleEvents } from "./stored-articles.ts";
import { articlesChangedSince, loadIndexWithStore } from "./stored-index.ts";
import { warmUp } from "./warm-up.ts";

export interface ServiceOptions {
  transport: Transport;
  clock: Clock;
  dataDirs: string[];
  stateDir: string;
  /** Where index snapshots live; the CLI's default (beside the shipped data) when absent. */
  snapshotDir?: string;
  reminderHour: number;
  logger: Logger;
  /** The sources file and how to fetch; null or absent: no sources (tests that do not fetch). */
  sources?: SourceSettings | null;
}

export interface OpenServices {
  services: BotServices;
  holder: IndexHolder;
  loaded: LoadedIndex;
  /** Where stores of articles (reindex, sources) report what they stored; alerts listen. */
  events: ArticleEvents;
  /** The sources: scheduled by the bot (`start`), refreshed on demand by both transports. */
  sources: SourceService;
  /** Stops the sources' runs and closes the state database. */
  close(): Promise<void>;
}

export async function openServices(options: ServiceOptions): Promise<OpenServices> {
  const { clock, logger } = options;
  // Opened first: it creates (and migrates) the state database the index then reads.
  const store = openStore(options.stateDir, { clock });
  const loaded = await loadIndexWithStore(options.dataDirs, options.stateDir, {
    snapshotDir: options.snapshotDir,
  });
  // The bot warms every index it serves; the console answers its first line without waiting.
  const warm =
    options.transport === "discord"
      ? (index: SearchIndex) =>
          warmUp(index, clock).catch((error: unknown) => {
            logger.warn({ err: error }, "warming the index failed; questions still work");
          })
      : undefined;
  const holder = new IndexHolder(loaded.index, clock(), { warm });
  const events = createArticleEvents(logger);
  const reindex = createReindexService({
    holder,
    events,
    dataPaths: options.dataDirs,
    stateDir: options.stateDir,
    storedSince(rev) {
      const articles = openArticleStore(options.stateDir);
      try {
        return articlesChangedSince(articles, rev);
      } finally {
        articles.close();
      }
    },
    snapshotDir: options.snapshotDir,
    logger,
  });
  const sources = createSourceService({
    settings: options.sources ?? null,
    stateDir: options.stateDir,
    holder,
    events,
    clock,
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
      sources,
      pageIds: createPageIdCodec(store.queries),
      logger,
      settings: { reminderHour: options.reminderHour },
    },
    holder,
    loaded,
    events,
    sources,
    async close() {
      await sources.stop();
      store.close();
    },
  };
}
