/**
 * `npm run deploy-commands`: registers /news, /deadlines and /reindex with Discord, to
 * DISCORD_GUILD_ID when set, else globally. Needs DISCORD_TOKEN and DISCORD_CLIENT_ID.
 */
import { loadCommands } from "../command/registry.ts";
import { loadConfig } from "../runtime/config.ts";
import { loadDotEnv } from "../runtime/env-file.ts";
import { deployCommands } from "./registration.ts";

async function main(): Promise<number> {
  loadDotEnv();
  const result = loadConfig(process.env);
  if (!result.ok) {
    for (const error of result.errors) process.stderr.write(`deploy-commands: ${error}\n`);
    return 2;
  }
  const { token, clientId, guildId, apiUrl } = result.config;
  if (token === null || clientId === null) {
    process.stderr.write("deploy-commands: DISCORD_TOKEN and DISCORD_CLIENT_ID are required\n");
    return 2;
  }
  const registry = await loadCommands();
  const deployed = await deployCommands({ token, clientId, guildId, apiUrl }, registry);
  const where = deployed.scope === "guild" ? `guild ${guildId}` : "every server (global commands)";
  process.stdout.write(
    `registered ${deployed.names.map((n) => `/${n}`).join(", ")} for ${where}\n`,
  );
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`deploy-commands: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
