import type { LoadedIndex } from "../index/snapshot.ts";
import type { parseCli } from "./args.ts";

export interface CliContext {
  args: ReturnType<typeof parseCli>;
  dataPaths: string[];
  asOf: string;
  out: NodeJS.WriteStream;
  err: NodeJS.WriteStream;
  started: number;
  loadIndex: (paths: string[]) => Promise<LoadedIndex>;
}
