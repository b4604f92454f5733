import {
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from "node:fs";
import { crc32 } from "node:zlib";

/**
 * The snapshot container: a magic number, a JSON header and its digest, then sections — typed
 * arrays stored as raw little-endian bytes (read back as views, without parsing), text as UTF-8.
 *
 * Every section carries a digest of its bytes in the header, and the header a digest of its own:
 * a snapshot whose bytes changed on disk (a bad sector, a copy cut short, a stray write) is
 * refused when it is read, so the caller rebuilds, instead of answering every query wrong or not
 * at all. The digest is a CRC-32 (zlib's, in Node since 20.15): it catches damage, not forgery
 * (anyone who can write the snapshot can write its digests), and it is several times faster
 * than SHA-1 over the sections every start reads (figures in bench/README.md).
 */
const MAGIC = Buffer.from("JIWONIX3", "latin1");
const ALIGN = 8;
const DIGEST_BYTES = 4;

export type Section = Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array | string;

type SectionType = "i32" | "u32" | "f32" | "f64" | "u8" | "utf8";

interface SectionInfo {
  offset: number;
  byteLength: number;
  type: SectionType;
  /** Hex digest of the section's bytes. */
  digest: string;
}

interface Header {
  meta: unknown;
  sections: Record<string, SectionInfo>;
}

function typeOf(section: Exclude<Section, string>): SectionType {
  if (section instanceof Int32Array) return "i32";
  if (section instanceof Uint32Array) return "u32";
  if (section instanceof Float32Array) return "f32";
  if (section instanceof Float64Array) return "f64";
  return "u8";
}

function bytesOf(section: Section): { bytes: Uint8Array; type: SectionType } {
  if (typeof section === "string") return { bytes: Buffer.from(section, "utf8"), type: "utf8" };
  const bytes = new Uint8Array(section.buffer, section.byteOffset, section.byteLength);
  return { bytes, type: typeOf(section) };
}

function digestOf(bytes: Uint8Array): Buffer {
  const digest = Buffer.alloc(DIGEST_BYTES);
  digest.writeUInt32BE(crc32(bytes));
  return digest;
}

/**
 * Writes meta and sections to `path` and flushes them to the disk before returning (the caller
 * renames the file into place: without the flush, a crash soon after the rename could leave a
 * renamed file whose blocks were never written). Returns the bytes written.
 */
export function writeSnapshotFile(
  path: string,
  meta: unknown,
  sections: Record<string, Section>,
): number {
  const encoded = Object.entries(sections).map(([name, section]) => ({
    name,
    ...bytesOf(section),
  }));
  const infos: Record<string, SectionInfo> = {};
  // The header's own length depends on the offsets; offsets are relative to the data start.
  let offset = 0;
  for (const { name, bytes, type } of encoded) {
    infos[name] = {
      offset,
      byteLength: bytes.byteLength,
      type,
      digest: digestOf(bytes).toString("hex"),
    };
    offset += Math.ceil(bytes.byteLength / ALIGN) * ALIGN;
  }
  const header = Buffer.from(JSON.stringify({ meta, sections: infos } satisfies Header), "utf8");
  const headerLength = Buffer.alloc(4);
  headerLength.writeUInt32LE(header.byteLength);
  const preamble = MAGIC.byteLength + 4 + header.byteLength + DIGEST_BYTES;
  const dataStart = Math.ceil(preamble / ALIGN) * ALIGN;
  const fd = openSync(path, "w");
  try {
    writeSync(fd, MAGIC);
    writeSync(fd, headerLength);
    writeSync(fd, header);
    writeSync(fd, digestOf(header));
    writeSync(fd, Buffer.alloc(dataStart - preamble));
    for (const { bytes } of encoded) {
      writeSync(fd, bytes);
      const pad = Math.ceil(bytes.byteLength / ALIGN) * ALIGN - bytes.byteLength;
      if (pad > 0) writeSync(fd, Buffer.alloc(pad));
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return dataStart + offset;
}

export interface SnapshotContents {
  meta: unknown;
  /** Total bytes of the file. */
  byteLength: number;
  i32(name: string): Int32Array;
  u32(name: string): Uint32Array;
  f32(name: string): Float32Array;
  f64(name: string): Float64Array;
  u8(name: string): Uint8Array;
  text(name: string): string;
}

/** The file is not a snapshot, is cut short, or its bytes are not the ones written. */
export class SnapshotFormatError extends Error {}

/**
 * Reads a snapshot section by section, each into its own buffer, and checks every digest before
 * anything is used: a damaged section is reported by name. Typed arrays are views over their
 * section's buffer, so a section decoded into other arrays (the postings) and dropped frees its
 * memory, and the file is never held whole.
 */
export function readSnapshotFile(path: string): SnapshotContents {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const preamble = Buffer.alloc(MAGIC.byteLength + 4);
    if (size < preamble.byteLength) throw new SnapshotFormatError("not a jiwon snapshot");
    readSync(fd, preamble, 0, preamble.byteLength, 0);
    if (!preamble.subarray(0, MAGIC.byteLength).equals(MAGIC))
      throw new SnapshotFormatError("not a jiwon snapshot (or an older format)");
    const headerLength = preamble.readUInt32LE(MAGIC.byteLength);
    const headerStart = preamble.byteLength;
    const headerEnd = headerStart + headerLength;
    if (headerEnd + DIGEST_BYTES > size) throw new SnapshotFormatError("snapshot header truncated");
    const headerAndDigest = read(fd, headerStart, headerLength + DIGEST_BYTES);
    const headerBytes = headerAndDigest.subarray(0, headerLength);
    if (!digestOf(headerBytes).equals(headerAndDigest.subarray(headerLength)))
      throw new SnapshotFormatError("snapshot header checksum mismatch");
    const header = JSON.parse(headerBytes.toString("utf8")) as Header;
    const dataStart = Math.ceil((headerEnd + DIGEST_BYTES) / ALIGN) * ALIGN;
    const sections = new Map<string, { type: SectionType; data: Buffer }>();
    for (const [name, info] of Object.entries(header.sections ?? {})) {
      const start = dataStart + info.offset;
      if (start + info.byteLength > size)
        throw new SnapshotFormatError(`snapshot section ${name} truncated`);
      const data = read(fd, start, info.byteLength);
      if (digestOf(data).toString("hex") !== info.digest)
        throw new SnapshotFormatError(`snapshot section ${name} checksum mismatch`);
      sections.set(name, { type: info.type, data });
    }
    return contentsOf(header.meta, size, sections);
  } finally {
    closeSync(fd);
  }
}

/** `length` bytes at `position`, in a buffer of their own (so typed-array views are aligned). */
function read(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafeSlow(length);
  let done = 0;
  while (done < length) {
    const got = readSync(fd, buffer, done, length - done, position + done);
    if (got === 0) throw new SnapshotFormatError("snapshot truncated");
    done += got;
  }
  return buffer;
}

function contentsOf(
  meta: unknown,
  byteLength: number,
  sections: Map<string, { type: SectionType; data: Buffer }>,
): SnapshotContents {
  const slice = (name: string, type: SectionType): Buffer => {
    const found = sections.get(name);
    if (!found || found.type !== type)
      throw new SnapshotFormatError(`snapshot lacks section ${name}`);
    return found.data;
  };
  const view = <T>(
    name: string,
    type: SectionType,
    make: (buffer: ArrayBuffer, offset: number, length: number) => T,
    size: number,
  ): T => {
    const data = slice(name, type);
    return make(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength / size);
  };
  return {
    meta,
    byteLength,
    i32: (name) => view(name, "i32", (b, o, l) => new Int32Array(b, o, l), 4),
    u32: (name) => view(name, "u32", (b, o, l) => new Uint32Array(b, o, l), 4),
    f32: (name) => view(name, "f32", (b, o, l) => new Float32Array(b, o, l), 4),
    f64: (name) => view(name, "f64", (b, o, l) => new Float64Array(b, o, l), 8),
    u8: (name) => slice(name, "u8"),
    text: (name) => slice(name, "utf8").toString("utf8"),
  };
}

/** Where each section's bytes lie in the file (absolute offsets), for tools and tests. */
export function sectionExtents(
  path: string,
): { name: string; start: number; byteLength: number }[] {
  const file = readFileSync(path);
  const headerLength = file.readUInt32LE(MAGIC.byteLength);
  const headerStart = MAGIC.byteLength + 4;
  const headerEnd = headerStart + headerLength;
  const header = JSON.parse(file.subarray(headerStart, headerEnd).toString("utf8")) as Header;
  const dataStart = Math.ceil((headerEnd + DIGEST_BYTES) / ALIGN) * ALIGN;
  return [
    { name: "(header)", start: headerStart, byteLength: headerLength + DIGEST_BYTES },
    ...Object.entries(header.sections).map(([name, info]) => ({
      name,
      start: dataStart + info.offset,
      byteLength: info.byteLength,
    })),
  ];
}
