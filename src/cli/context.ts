import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadedIndex } from "../index/snapshot.ts";
import type { parseCli } from "./args.ts";

/** The shipped sample data, wherever the command is run from. */
export const DEFAULT_DATA_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../index-data",
);

export interface CliContext {
  args: ReturnType<typeof parseCli>;
  dataPaths: string[];
  asOf: string;
  out: NodeJS.WriteStream;
  err: NodeJS.WriteStream;
  started: number;
  loadIndex: (paths: string[]) => Promise<LoadedIndex>;
}
