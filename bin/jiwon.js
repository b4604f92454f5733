#!/usr/bin/env node
// Runs jiwon's TypeScript directly through tsx's loader, so `npx jiwon` needs no build step.
// `jiwon start` (npm start) and `jiwon console` are the long-running transports; every other
// word is a command of the command line (src/cli). None of the three imports another.
import { register } from "tsx/esm/api";

// `jiwon search … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

register();
const [command, ...rest] = process.argv.slice(2);
const clock = () => new Date();
try {
  if (command === "start") {
    const { start } = await import("../src/start.ts");
    process.exitCode = await start(rest, clock);
  } else if (command === "console") {
    const { runConsole } = await import("../src/console/main.ts");
    process.exitCode = await runConsole(rest, clock);
  } else {
    const { main } = await import("../src/cli/main.ts");
    process.exitCode = await main(process.argv.slice(2), clock);
  }
} catch (error) {
  // A state database that cannot be used is the operator's to fix: one line naming the file and
  // what to do (the command line does the same for its own commands), not a stack trace.
  if (error?.name !== "StateDatabaseError") throw error;
  process.stderr.write(`jiwon: ${error.message}\n`);
  process.exitCode = 1;
}
