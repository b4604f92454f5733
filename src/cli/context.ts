import type { LoadedIndex } from "../index/snapshot.ts";
import type { parseCli } from "./args.ts";

export interface CliContext {
  args: ReturnType<typeof parseCli>;
  dataPaths: string[];
  /** The state directory whose article store is read with the data (`--state`, JIWON_STATE_DIR). */
  stateDir: string;
  asOf: string;
  out: NodeJS.WriteStream;
  err: NodeJS.WriteStream;
  started: number;
  loadIndex: (paths: string[]) => Promise<LoadedIndex>;
}

/** `--state`, else JIWON_STATE_DIR, else `state` (the bot's default). */
export function stateDirFrom(given: string | undefined, env: NodeJS.ProcessEnv): string {
  return given?.trim() || env.JIWON_STATE_DIR?.trim() || "state";
}
