/**
 * Reads `.env` from the working directory when there is one (Node ≥ 20.12 has loadEnvFile);
 * variables already set in the environment win.
 */
import { existsSync } from "node:fs";

export function loadDotEnv(path = ".env"): boolean {
  const load = (process as { loadEnvFile?: (path?: string) => void }).loadEnvFile;
  if (typeof load !== "function" || !existsSync(path)) return false;
  load(path);
  return true;
}
