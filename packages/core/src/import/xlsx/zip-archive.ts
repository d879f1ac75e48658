import { Inflate } from 'fflate';
import { CrmValidationError } from '../../errors.js';
import { unreadableXlsx } from './unreadable-xlsx.js';

/** One file of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  /** The entry's path inside the archive. */
  name: string;
  /** 0 (stored) or 8 (deflated): the only methods an `.xlsx` uses. */
  method: number;
  compressedSize: number;
  /** The size the central directory declares; inflating checks the real output against the limit instead. */
  uncompressedSize: number;
  /** The CRC-32 of the uncompressed bytes, checked once they are all read. */
  crc32: number;
  /** Offset of the entry's local header. */
  localHeaderOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const ZIP64_MARKER = 0xffffffff;

/**
 * The directory of a zip archive held in memory: which files it has and where their bytes are. An `.xlsx`
 * file is such an archive of XML parts. Only what an `.xlsx` needs is supported (stored and deflated
 * entries, no encryption, no zip64: an `.xlsx` over 4 GiB is far past the import limits anyway).
 */
export class ZipArchive {
  private readonly entries = new Map<string, ZipEntry>();
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    if (isCompoundFile(bytes)) throw unreadableXlsx('it is an Excel 97–2003 (.xls) file or a password-protected workbook; save it as an Excel Workbook (.xlsx) without a password');
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = this.findEndOfCentralDirectory();
    const count = this.view.getUint16(end + 10, true);
    let offset = this.view.getUint32(end + 16, true);
    const names = new TextDecoder('utf-8');
    for (let i = 0; i < count; i++) {
      if (offset + 46 > bytes.length || this.view.getUint32(offset, true) !== CENTRAL_DIRECTORY_HEADER) throw unreadableXlsx('its zip directory is damaged');
      const flags = this.view.getUint16(offset + 8, true);
      const method = this.view.getUint16(offset + 10, true);
      const crc32 = this.view.getUint32(offset + 16, true);
      const compressedSize = this.view.getUint32(offset + 20, true);
      const uncompressedSize = this.view.getUint32(offset + 24, true);
      const nameLength = this.view.getUint16(offset + 28, true);
      const extraLength = this.view.getUint16(offset + 30, true);
      const commentLength = this.view.getUint16(offset + 32, true);
      const localHeaderOffset = this.view.getUint32(offset + 42, true);
      const name = names.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
      offset += 46 + nameLength + extraLength + commentLength;
      if (flags & 1) throw unreadableXlsx('it is encrypted (password-protected files cannot be read; save a copy without a password)');
      if (compressedSize === ZIP64_MARKER || uncompressedSize === ZIP64_MARKER || localHeaderOffset === ZIP64_MARKER) throw unreadableXlsx('it is a zip64 archive (over 4 GiB), which is past any import limit');
      // OPC part names compare without case ("xl/SharedStrings.xml" is the same part)
      this.entries.set(name.toLowerCase(), { name, method, compressedSize, uncompressedSize, crc32, localHeaderOffset });
    }
  }

  /** The entry at `path` (case-insensitive, no leading slash), or undefined. */
  entry(path: string): ZipEntry | undefined {
    return this.entries.get(path.replace(/^\//, '').toLowerCase());
  }

  /** The compressed bytes of an entry, located through its local header. */
  compressedBytes(entry: ZipEntry): Uint8Array {
    const at = entry.localHeaderOffset;
    if (at + 30 > this.bytes.length || this.view.getUint32(at, true) !== LOCAL_FILE_HEADER) throw unreadableXlsx(`the zip entry ${entry.name} is damaged`);
    const start = at + 30 + this.view.getUint16(at + 26, true) + this.view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw unreadableXlsx(`the zip entry ${entry.name} is cut short`);
    return this.bytes.subarray(start, end);
  }

  /** Reads a small entry (the workbook, its relationships, the styles) as text in one go. */
  readText(entry: ZipEntry, maxBytes: number): string {
    const reader = new ZipTextReader(this, entry, maxBytes);
    let text = '';
    while (!reader.done) text += reader.next(Number.POSITIVE_INFINITY);
    return text;
  }

  private findEndOfCentralDirectory(): number {
    // the record is 22 bytes plus a comment of at most 65,535 bytes, at the very end
    const lowest = Math.max(0, this.bytes.length - 22 - 0xffff);
    for (let at = this.bytes.length - 22; at >= lowest; at--) {
      if (this.view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
    }
    throw unreadableXlsx('it is not a zip archive');
  }
}

const LOCAL_FILE_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const COMPOUND_FILE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether the bytes start like a zip archive (as every `.xlsx` does). */
export function isZipArchive(bytes: Uint8Array): boolean {
  return LOCAL_FILE_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/**
 * Whether the bytes are an OLE compound file: what an old `.xls` is, and what Excel wraps an `.xlsx` in
 * when it is saved with a password. Users meet both and deserve a better answer than "not a zip".
 */
export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && COMPOUND_FILE_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

/** Compressed bytes inflated per step: about 5–10 ms of work for a sheet's XML. */
export const ZIP_STEP_BYTES = 32 * 1024;

/**
 * Inflates one entry a step at a time and hands back its text, so a reader can give the event loop back
 * between steps. UTF-8 sequences split across steps are decoded whole. The real output, not the size the
 * archive declares, is held to `maxBytes` (a "zip bomb" stops there).
 */
export class ZipTextReader {
  private readonly input: Uint8Array;
  private readonly decoder = new TextDecoder('utf-8');
  private readonly inflater: Inflate | null;
  private position = 0;
  private produced = 0;
  private crc = 0xffffffff;
  private output = '';
  /** Whether every byte has been read. */
  done = false;

  constructor(
    archive: ZipArchive,
    private readonly entry: ZipEntry,
    private readonly maxBytes: number,
  ) {
    this.input = archive.compressedBytes(entry);
    if (entry.method !== 0 && entry.method !== 8) throw unreadableXlsx(`the zip entry ${entry.name} uses compression method ${entry.method}; only stored and deflated entries are read`);
    this.inflater = entry.method === 8 ? new Inflate((data) => this.take(data)) : null;
  }

  /** Reads up to `stepBytes` more compressed bytes and returns the text they held. */
  next(stepBytes = ZIP_STEP_BYTES): string {
    if (this.done) return '';
    const end = Math.min(this.input.length, this.position + stepBytes);
    const last = end >= this.input.length;
    const chunk = this.input.subarray(this.position, end);
    this.position = end;
    try {
      if (this.inflater === null) this.take(chunk);
      else this.inflater.push(chunk, last);
    } catch (error) {
      if (error instanceof CrmValidationError) throw error;
      throw unreadableXlsx(`the zip entry ${this.entry.name} cannot be inflated (${error instanceof Error ? error.message : String(error)})`);
    }
    if (last) {
      this.done = true;
      this.output += this.decoder.decode();
      // a damaged download can still inflate, into other cells: the checksum tells
      if ((this.crc ^ 0xffffffff) >>> 0 !== this.entry.crc32) throw unreadableXlsx(`the zip entry ${this.entry.name} is damaged (its checksum does not match)`);
    }
    const text = this.output;
    this.output = '';
    return text;
  }

  private take(data: Uint8Array): void {
    this.produced += data.length;
    if (this.produced > this.maxBytes) throw unreadableXlsx(`the part ${this.entry.name} unpacks to more than ${Math.round(this.maxBytes / 1024 / 1024)} MiB, more than any sheet an import accepts`);
    this.crc = updateCrc32(this.crc, data);
    this.output += this.decoder.decode(data, { stream: true });
  }
}

/**
 * CRC-32 (IEEE 802.3, as zip uses it) lookup tables for four bytes at a time ("slicing by 4"): a 30 MB
 * sheet is checked in about a third of the time a byte at a time takes.
 */
const CRC_TABLES = (() => {
  const tables = new Int32Array(4 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[n] = c;
  }
  for (let n = 0; n < 256; n++) for (let t = 1; t < 4; t++) tables[t * 256 + n] = (tables[(t - 1) * 256 + n]! >>> 8) ^ tables[tables[(t - 1) * 256 + n]! & 0xff]!;
  return tables;
})();

/** Folds `data` into a running CRC-32 (start from 0xffffffff; the checksum is the result XOR 0xffffffff). */
export function updateCrc32(crc: number, data: Uint8Array): number {
  const t = CRC_TABLES;
  let c = crc;
  let i = 0;
  for (const end = data.length - 3; i < end; i += 4) {
    c ^= data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    c = t[768 + (c & 0xff)]! ^ t[512 + ((c >>> 8) & 0xff)]! ^ t[256 + ((c >>> 16) & 0xff)]! ^ t[c >>> 24]!;
  }
  for (; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}
