/**
 * A build worker thread: extraction, analysis and postings for one run of the ingested articles
 * (see parallel-build.ts). What travels back is only what the main thread lacks: the extracted
 * fields (not the bodies it already holds), the postings and the compressed bodies as transferred
 * buffers, and the titles' words for the suggest engine.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  analyzePart,
  type BuildPartJob,
  type BuildPartResult,
  type BuiltPart,
  extractedOf,
} from "./index-part.ts";

function buffersOf(part: BuiltPart): ArrayBuffer[] {
  const postings = [part.text.words, part.text.grams].flatMap((data) => [
    data.offsets,
    data.docs,
    data.weights,
    data.lengths,
  ]);
  const { blocks, firstDocs, lengths } = part.bodies;
  return [...postings, blocks.bytes, blocks.offsets, firstDocs, lengths].map(
    (array) => array.buffer as ArrayBuffer,
  );
}

// Only as a build worker: this module does nothing when imported anywhere else.
const job = workerData as BuildPartJob | null;
if (parentPort && job?.kind === "build-part") {
  const port = parentPort;
  let result: BuildPartResult;
  try {
    const { analyzed, text, titleWords, bodies } = analyzePart(job.articles);
    result = { ok: true, extracted: analyzed.map(extractedOf), text, titleWords, bodies };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    result = {
      ok: false,
      error: { name: failure.name, message: failure.message, stack: failure.stack },
    };
  }
  port.postMessage(result, result.ok ? buffersOf(result) : []);
}
