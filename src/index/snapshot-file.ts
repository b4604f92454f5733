import { closeSync, openSync, readFileSync, writeSync } from "node:fs";

/**
 * The snapshot container: a magic number, a JSON header, then sections — typed arrays stored as
 * raw little-endian bytes (read back without parsing), JSON and text as UTF-8. Loading 100,000
 * articles' postings is then a file read and a few views, not a JSON.parse of hundreds of MB.
 */
const MAGIC = Buffer.from("JIWONIX1", "latin1");
const ALIGN = 8;

export type Section = Int32Array | Float32Array | string;

interface SectionInfo {
  offset: number;
  byteLength: number;
  type: "i32" | "f32" | "utf8";
}

interface Header {
  meta: unknown;
  sections: Record<string, SectionInfo>;
}

function bytesOf(section: Section): { bytes: Uint8Array; type: SectionInfo["type"] } {
  if (typeof section === "string") return { bytes: Buffer.from(section, "utf8"), type: "utf8" };
  const bytes = new Uint8Array(section.buffer, section.byteOffset, section.byteLength);
  return { bytes, type: section instanceof Int32Array ? "i32" : "f32" };
}

/** Writes meta and sections to `path` (the caller renames it into place). Returns bytes written. */
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
    infos[name] = { offset, byteLength: bytes.byteLength, type };
    offset += Math.ceil(bytes.byteLength / ALIGN) * ALIGN;
  }
  const header = Buffer.from(JSON.stringify({ meta, sections: infos } satisfies Header), "utf8");
  const headerLength = Buffer.alloc(4);
  headerLength.writeUInt32LE(header.byteLength);
  const preamble = MAGIC.byteLength + 4 + header.byteLength;
  const dataStart = Math.ceil(preamble / ALIGN) * ALIGN;
  const fd = openSync(path, "w");
  try {
    writeSync(fd, MAGIC);
    writeSync(fd, headerLength);
    writeSync(fd, header);
    writeSync(fd, Buffer.alloc(dataStart - preamble));
    for (const { bytes } of encoded) {
      writeSync(fd, bytes);
      const pad = Math.ceil(bytes.byteLength / ALIGN) * ALIGN - bytes.byteLength;
      if (pad > 0) writeSync(fd, Buffer.alloc(pad));
    }
  } finally {
    closeSync(fd);
  }
  return dataStart + offset;
}

export interface SnapshotContents {
  meta: unknown;
  i32(name: string): Int32Array;
  f32(name: string): Float32Array;
  text(name: string): string;
}

export class SnapshotFormatError extends Error {}

export function readSnapshotFile(path: string): SnapshotContents {
  const file = readFileSync(path);
  if (file.byteLength < MAGIC.byteLength + 4 || !file.subarray(0, MAGIC.byteLength).equals(MAGIC)) {
    throw new SnapshotFormatError("not a jiwon snapshot");
  }
  const headerLength = file.readUInt32LE(MAGIC.byteLength);
  const headerEnd = MAGIC.byteLength + 4 + headerLength;
  if (headerEnd > file.byteLength) throw new SnapshotFormatError("snapshot header truncated");
  const header = JSON.parse(
    file.subarray(MAGIC.byteLength + 4, headerEnd).toString("utf8"),
  ) as Header;
  const dataStart = Math.ceil(headerEnd / ALIGN) * ALIGN;
  const slice = (name: string, type: SectionInfo["type"]): Buffer => {
    const info = header.sections?.[name];
    if (!info || info.type !== type)
      throw new SnapshotFormatError(`snapshot lacks section ${name}`);
    const start = dataStart + info.offset;
    if (start + info.byteLength > file.byteLength)
      throw new SnapshotFormatError(`snapshot section ${name} truncated`);
    return file.subarray(start, start + info.byteLength);
  };
  // Typed-array views need aligned offsets; a copy is made only when the buffer is not aligned.
  const aligned = (bytes: Buffer): ArrayBuffer | Buffer =>
    bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  return {
    meta: header.meta,
    i32: (name) => {
      const bytes = aligned(slice(name, "i32")) as Buffer;
      return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    },
    f32: (name) => {
      const bytes = aligned(slice(name, "f32")) as Buffer;
      return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    },
    text: (name) => slice(name, "utf8").toString("utf8"),
  };
}
