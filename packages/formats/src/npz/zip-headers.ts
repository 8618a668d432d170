// Zip framing exactly as fflate's `zipSync` writes it (the bytes `writeNpz` produces), so the
// streaming writer matches it: version 20, DOS time of 1980-01-01 00:00, no extra fields, the
// UTF-8 flag only for names that are not ASCII.

const DOS_1980_01_01 = 0x0021_0000;
const utf8 = new TextEncoder();

/** One archive entry as both headers describe it. */
export interface ZipEntry {
  /** UTF-8 bytes of the name. */
  name: Uint8Array;
  /** True when the name is not plain ASCII. */
  unicode: boolean;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/** The name of an entry as bytes, with the UTF-8 flag fflate sets. */
export function entryName(name: string): { name: Uint8Array; unicode: boolean } {
  const bytes = utf8.encode(name);
  return { name: bytes, unicode: bytes.length !== name.length };
}

function common(view: DataView, at: number, e: ZipEntry): void {
  view.setUint8(at + 1, e.unicode ? 8 : 0);
  view.setUint16(at + 2, e.method, true);
  view.setUint32(at + 4, DOS_1980_01_01, true);
  view.setUint32(at + 8, e.crc >>> 0, true);
  view.setUint32(at + 12, e.compressedSize, true);
  view.setUint32(at + 16, e.size, true);
  view.setUint16(at + 20, e.name.length, true);
}

/** The local file header that precedes an entry's data. */
export function localHeader(e: ZipEntry): Uint8Array {
  const out = new Uint8Array(30 + e.name.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, 20, true);
  common(view, 6, e);
  out.set(e.name, 30);
  return out;
}

/** Byte offset of the CRC within a local header. */
export const LOCAL_CRC_OFFSET = 14;

/** The central directory and end record for entries written at their offsets. */
export function centralDirectory(entries: readonly ZipEntry[], directoryOffset: number): Uint8Array {
  const size = entries.reduce((n, e) => n + 46 + e.name.length, 0);
  const out = new Uint8Array(size + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const e of entries) {
    view.setUint32(at, 0x02014b50, true);
    view.setUint8(at + 4, 20);
    view.setUint8(at + 6, 20);
    common(view, at + 8, e);
    view.setUint32(at + 42, e.offset, true);
    out.set(e.name, at + 46);
    at += 46 + e.name.length;
  }
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, size, true);
  view.setUint32(at + 16, directoryOffset, true);
  return out;
}
