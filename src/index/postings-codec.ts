/**
 * Postings as the snapshot stores them: each term's document numbers as the gaps between them,
 * and weights (whole numbers: a title word counts 3, a body word 1) as plain numbers, both in
 * LEB128 varints — one byte for most gaps and weights where the arrays in memory take four. They
 * are decoded into the in-memory arrays when a snapshot is loaded, so the question path reads the
 * same typed arrays whether its index was built or loaded.
 */

/** Unsigned LEB128 of every value, into a byte array sized to fit. */
function writeVarints(count: number, valueAt: (i: number) => number): Uint8Array {
  let out = new Uint8Array(Math.max(16, count + (count >>> 1)));
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 5 > out.length) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    let value = valueAt(i);
    while (value >= 0x80) {
      out[at++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    out[at++] = value;
  }
  return out.slice(0, at);
}

/** Each term's documents (ascending) as gaps: the first as doc + 1, then doc - previous. */
export function encodeDocs(offsets: Int32Array, docs: Int32Array): Uint8Array {
  let term = 0;
  return writeVarints(docs.length, (i) => {
    while ((offsets[term + 1] as number) <= i) term++;
    return i === offsets[term]
      ? (docs[i] as number) + 1
      : (docs[i] as number) - (docs[i - 1] as number);
  });
}

/** The inverse of encodeDocs; throws when the bytes do not hold exactly the postings' count. */
export function decodeDocs(offsets: Int32Array, bytes: Uint8Array): Int32Array {
  const termCount = offsets.length - 1;
  const docs = new Int32Array(offsets[termCount] as number);
  const end = decodeGaps(offsets, bytes, docs, termCount);
  if (end !== bytes.length) throw new Error("postings do not match their offsets");
  return docs;
}

function decodeGaps(
  offsets: Int32Array,
  bytes: Uint8Array,
  docs: Int32Array,
  terms: number,
): number {
  let at = 0;
  for (let t = 0; t < terms; t++) {
    let doc = -1;
    const to = offsets[t + 1] as number;
    for (let i = offsets[t] as number; i < to; i++) {
      let byte = bytes[at++] as number;
      let gap = byte & 0x7f;
      let shift = 7;
      while (byte >= 0x80) {
        byte = bytes[at++] as number;
        gap |= (byte & 0x7f) << shift;
        shift += 7;
      }
      doc += gap;
      docs[i] = doc;
    }
  }
  return at;
}

/** Weights as varints, or null when one is not a whole number below 2^31 (kept raw then). */
export function encodeWeights(weights: Float32Array): Uint8Array | null {
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i] as number;
    if (!Number.isInteger(weight) || weight < 0 || weight >= 2 ** 31) return null;
  }
  return writeVarints(weights.length, (i) => weights[i] as number);
}

export function decodeWeights(bytes: Uint8Array, count: number): Float32Array {
  const weights = new Float32Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    let byte = bytes[at++] as number;
    let value = byte & 0x7f;
    let shift = 7;
    while (byte >= 0x80) {
      byte = bytes[at++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    }
    weights[i] = value;
  }
  if (at !== bytes.length) throw new Error("weights do not match their postings");
  return weights;
}
