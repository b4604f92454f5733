// The build worker's entry point. A worker thread does not inherit the tsx loader of the main
// thread, and Node 20 rejects a .ts worker entry (ERR_UNKNOWN_FILE_EXTENSION), so this plain
// module registers tsx and then loads the worker (as src/runtime/reindex-worker-entry.js does).
import { register } from "tsx/esm/api";

register();
await import("./build-worker.ts");
