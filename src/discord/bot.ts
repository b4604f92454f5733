/**
 * The Discord bot: load the index, connect, answer interactions, post the daily digests. It never
 * registers commands (that is `npm run deploy-commands`, a separate step with a daily limit).
 * SIGINT/SIGTERM stop it in order: scheduler, in-flight replies, database, client. A gateway
 * close that Discord will never take back (a bad or reset token, bad intents, sharding needed)
 * stops it the same way and exits non-zero, so a supervisor restarts it or tells someone.
 */
import { Client, Events, GatewayIntentBits } from "discord.js";
import { loadCommands } from "../command/registry.ts";
import type { BotConfig } from "../runtime/config.ts";
import { createLogger, type Logger } from "../runtime/logger.ts";
import { openServices } from "../runtime/services.ts";
import { sourceSettings } from "../runtime/source-service.ts";
import { createAlertDelivery, digestHourFor } from "../schedule/alerts.ts";
import { planFromIndex } from "../schedule/digest-plan.ts";
import { runDigests } from "../schedule/reminders.ts";
import { type Scheduler, startScheduler } from "../schedule/scheduler.ts";
import type { Clock } from "../types.ts";
import { createInteractionHandler } from "./adapter.ts";
import { alertSender } from "./alert-sender.ts";
import { channelHistory, channelSender } from "./channel-io.ts";
import { NO_MENTIONS } from "./payload.ts";

/** How long a shutdown waits for interactions still being answered. */
const DRAIN_MS = 10_000;

/**
 * Gateway close codes after which Discord does not let the session reconnect ("reconnect: false"
 * in Discord's gateway close codes), with what an operator should do. discord.js stops trying
 * and, without this, the process would sit there connected to nothing.
 */
export const FATAL_GATEWAY_CLOSES: Readonly<Record<number, string>> = {
  4004: "authentication failed: DISCORD_TOKEN is wrong or was reset in the Developer Portal",
  4010: "invalid shard sent at IDENTIFY",
  4011: "sharding required: the bot is in too many servers for one gateway connection",
  4012: "invalid gateway API version",
  4013: "invalid intents sent at IDENTIFY",
  4014: "disallowed intents: enable them for the application in the Developer Portal",
};

export interface BotOptions {
  config: BotConfig & { token: string };
  clock: Clock;
  dataDirs: string[];
  snapshotDir?: string;
  logger?: Logger;
}

export interface RunningBot {
  client: Client;
  /** Resolves once the bot has shut down, with the exit code the process should end with. */
  stopped: Promise<number>;
  stop(reason: string, exitCode?: number): Promise<void>;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, clock } = options;
  const logger =
    options.logger ?? createLogger({ level: config.logLevel, secrets: [config.token] });
  const registry = await loadCommands();
  const opened = await openServices({
    transport: "discord",
    clock,
    dataDirs: options.dataDirs,
    stateDir: config.stateDir,
    snapshotDir: options.snapshotDir,
    reminderHour: config.reminderHour,
    logger,
    sources: sourceSettings(config, process.env),
  });
  const { services } = opened;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.apiUrl },
    // The default for every message, on top of the explicit field each reply carries.
    allowedMentions: NO_MENTIONS,
  });
  const handler = createInteractionHandler({ registry, services, logger });
  client.on(Events.InteractionCreate, (interaction) => void handler.handle(interaction));
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => logger.warn({ message }, "discord client warning"));
  // A fatal close is logged once, with its meaning: the gateway error and the failed login that
  // follow it say the same thing again (four lines for one wrong token).
  let fatalClose: number | null = null;
  client.on(Events.ShardError, (error, shardId) => {
    if (fatalClose === null) logger.error({ err: error, shardId }, "discord gateway error");
  });
  client.on(Events.ShardDisconnect, ({ code }, shardId) => {
    const meaning = FATAL_GATEWAY_CLOSES[code];
    if (meaning === undefined) {
      logger.warn({ closeCode: code, shardId }, "discord gateway disconnected for good");
      return;
    }
    fatalClose = code;
    logger.fatal(
      { closeCode: code, shardId },
      `Discord closed the gateway with ${code} (${meaning}); stopping with exit code 1`,
    );
    void stop(`gateway close ${code}`, 1);
  });

  let scheduler: Scheduler | null = null;
  let tick: Promise<unknown> = Promise.resolve();
  const plan = planFromIndex(services.index);
  const send = channelSender(client);
  const recentPosts = channelHistory(client);
  const alerts = createAlertDelivery({
    alerts: services.store.alerts,
    index: services.index,
    send: alertSender(client),
    clock,
    digestHour: digestHourFor(services.store, config.reminderHour),
    recentPosts,
    logger,
  });
  let alertRound: Promise<unknown> = Promise.resolve();
  // Reports are kept from the start; they are evaluated and posted once the client is ready.
  const unsubscribe = opened.events.subscribe((batch) => {
    // The report is in the inbox when this returns; posting never holds up the fetcher or
    // /reindex (a failed round is logged by the delivery and retried at the next).
    alertRound = alerts.receive(batch).catch(() => undefined);
  });
  // Fetching starts with the bot; what arrives before Discord is ready waits in the alert inbox.
  opened.sources.start();
  client.once(Events.ClientReady, (ready) => {
    logger.info(
      { user: ready.user.tag, guilds: ready.guilds.cache.size, commands: registry.modules.length },
      "bot ready",
    );
    // A failed round is logged by the delivery; the next tick tries again.
    alertRound = alerts.start().catch(() => undefined);
    scheduler = startScheduler({
      clock,
      logger,
      tick: (now) => {
        tick = (async () => {
          await runDigests({ store: services.store, now, plan, send, recentPosts, logger });
          alertRound = alerts.round();
          await alertRound;
        })();
        return tick;
      },
    });
  });

  let resolveStopped: (code: number) => void = () => {};
  const stopped = new Promise<number>((resolve) => {
    resolveStopped = resolve;
  });
  let stopping: Promise<void> | null = null;
  const stop = (reason: string, exitCode = 0): Promise<void> => {
    stopping ??= (async () => {
      logger.info({ reason, exitCode }, "shutting down");
      scheduler?.stop();
      // Runs in progress finish and report their articles before the alerts stop listening.
      await opened.sources.stop();
      unsubscribe();
      await tick.catch(() => undefined);
      await alertRound.catch(() => undefined);
      await handler.drain(DRAIN_MS);
      await opened.close();
      await client.destroy();
      logger.info("stopped");
      resolveStopped(exitCode);
    })();
    return stopping;
  };

  try {
    await client.login(config.token);
  } catch (error) {
    if (fatalClose === null) logger.fatal({ err: error }, "could not connect to Discord");
    await stop("login failed", 1);
    throw new LoggedStartFailure(error);
  }
  return { client, stopped, stop };
}

/** startBot failed and has said why in the log: the caller need not say it again. */
class LoggedStartFailure extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** Runs the bot until SIGINT or SIGTERM; the exit code for the CLI. */
export async function runBot(options: BotOptions): Promise<number> {
  const logger =
    options.logger ??
    createLogger({ level: options.config.logLevel, secrets: [options.config.token] });
  const onRejection = (reason: unknown) =>
    logger.error({ err: reason }, "unhandled rejection (kept running)");
  process.on("unhandledRejection", onRejection);
  let bot: RunningBot;
  try {
    bot = await startBot({ ...options, logger });
  } catch (error) {
    if (!(error instanceof LoggedStartFailure))
      logger.fatal({ err: error }, "the bot could not start");
    process.off("unhandledRejection", onRejection);
    return 1;
  }
  const onSignal = (signal: NodeJS.Signals) => void bot.stop(signal);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const code = await bot.stopped;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  process.off("unhandledRejection", onRejection);
  logger.flush();
  return code;
}
