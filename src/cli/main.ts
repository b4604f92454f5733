import { performance } from "node:perf_hooks";
import { NothingToIndexError } from "../index/build.ts";
import { DEFAULT_DATA_DIR } from "../runtime/config.ts";
import { loadIndexWithStore } from "../runtime/stored-index.ts";
import { seoulDate } from "../time/calendar.ts";
import { runAlerts } from "./alerts-command.ts";
import { asOfDate, parseCli, UsageError } from "./args.ts";
import { type CliContext, stateDirFrom } from "./context.ts";
import { runDeadlines } from "./deadlines-command.ts";
import { runExtract } from "./extract-command.ts";
import { runFetch } from "./fetch-command.ts";
import { runIndex } from "./index-command.ts";
import { runSearch } from "./search-command.ts";

const USAGE = `jiwon — Korean small-business support news

Usage:
  jiwon index    [--data PATH]…                      build the index and save its snapshot
  jiwon search   "QUERY" [--data PATH]… [--limit N] [--as-of YYYY-MM-DD] [--json]
  jiwon extract  [--data PATH]… [--json]             one JSON object per article
  jiwon deadlines [--data PATH]… [--as-of YYYY-MM-DD] [--days N] [--region R]
                 [--category C] [--events] [--open] [--json]
  jiwon fetch    [--sources FILE] [--only NAME]… [--json]
                                                     fetch every source once into the store
  jiwon alerts preview "QUERY" [--data PATH]… [--days N] [--as-of YYYY-MM-DD]
                 [--region R] [--category C] [--json]
                                                     what an alert would have posted
  jiwon console  [--as-of YYYY-MM-DD] [--locale ko|en]   the offline console
  jiwon start    [--as-of YYYY-MM-DD] [--locale ko|en]   npm start: the bot with DISCORD_TOKEN,
                                                         else the offline console

--data takes a file or a directory (its *.txt and *.jsonl); default: index-data/.
--state DIR: the state directory (default JIWON_STATE_DIR or state/); its fetched articles are
read with the data by index, search, extract and deadlines, and written by fetch.`;

export async function main(argv: string[], clock: () => Date = () => new Date()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(`${USAGE}\n`);
      return command ? 0 : 2;
    }
    const args = parseCli(rest);
    if (args.values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const stateDir = stateDirFrom(args.values.state, process.env);
    const context: CliContext = {
      args,
      dataPaths: args.values.data?.length ? args.values.data : [DEFAULT_DATA_DIR],
      stateDir,
      asOf: asOfDate(args.values["as-of"]) ?? seoulDate(clock()),
      out: process.stdout,
      err: process.stderr,
      started: performance.now(),
      loadIndex: (paths) => loadIndexWithStore(paths, stateDir),
    };
    switch (command) {
      case "index":
        return await runIndex(context);
      case "search":
        return await runSearch(context);
      case "extract":
        return await runExtract(context);
      case "deadlines":
        return await runDeadlines(context);
      case "fetch":
        return await runFetch(context, clock);
      case "alerts":
        return await runAlerts(context);
      default:
        throw new UsageError(
          `unknown command "${command}" (try: index, search, extract, deadlines, fetch, alerts, console, start)`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof NothingToIndexError) {
      process.stderr.write(`jiwon: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`jiwon: ${(error as Error).message}\n`);
    return 1;
  }
}
