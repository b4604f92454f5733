/**
 * Runs the bot's periodic work (the digest pass) at minute 0 of every Seoul hour, plus once at
 * start so a digest missed during downtime goes out as soon as the bot is back. The ledger makes
 * the extra run harmless; ticks never overlap, whether started by the timer or by the catch-up.
 */
import { Cron } from "croner";
import type { Logger } from "../runtime/logger.ts";
import type { Clock } from "../types.ts";

export const HOURLY = "0 * * * *";

export interface SchedulerOptions {
  tick: (now: Date) => unknown;
  clock?: Clock;
  logger?: Logger;
  /** Cron pattern in Asia/Seoul; hourly at minute 0 unless overridden (tests). */
  pattern?: string;
}

export interface Scheduler {
  /** Settles when the catch-up tick at start has finished. */
  readonly started: Promise<void>;
  /** Runs a tick now unless one is running; resolves when that tick ends. */
  runNow(): Promise<void>;
  nextRun(): Date | null;
  stop(): void;
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<void> | null = null;

  function runNow(): Promise<void> {
    if (running) {
      options.logger?.warn("previous tick still running; skipping this one");
      return running;
    }
    const now = clock();
    running = (async () => {
      try {
        await options.tick(now);
      } catch (error) {
        options.logger?.error({ err: error }, "scheduled tick failed");
      } finally {
        running = null;
      }
    })();
    return running;
  }

  const job = new Cron(
    options.pattern ?? HOURLY,
    { timezone: "Asia/Seoul", protect: true },
    async () => {
      await runNow();
    },
  );
  const started = runNow();

  return {
    started,
    runNow,
    nextRun: () => job.nextRun(),
    stop: () => job.stop(),
  };
}
