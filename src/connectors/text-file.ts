import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { CsvSourceConfig } from '../config/sources';
import { SourceError } from '../errors';
import { countNewlines, firstInvalidUtf8Byte, incompleteTailLength } from './utf8-scan';

export type TextEncoding = CsvSourceConfig['encoding'];

/** What the file-based connectors (csv, ndjson, json) share: a named source reading one text file. */
export interface TextFileSettings {
  name: string;
  path: string;
  encoding: TextEncoding;
}

const ENCODING_HINT = 'set "encoding" in the source config (utf-8, utf-16le, utf-16be, gbk or gb18030)';

/** `customers.csv:12`: how file positions are shown in locations and errors. */
export function fileLocation(settings: TextFileSettings, line: number | string): string {
  return `${path.basename(settings.path)}:${line}`;
}

export async function assertReadable(settings: TextFileSettings): Promise<void> {
  try {
    await fs.promises.access(settings.path, fs.constants.R_OK);
  } catch {
    throw new SourceError('SOURCE_NOT_FOUND', { source: settings.name, position: settings.path }, 'file does not exist or is not readable');
  }
}

/**
 * A byte order mark overrides the configured encoding: it is unambiguous, while the setting may
 * be a default nobody changed (a UTF-16 export read as UTF-8 would otherwise fail on byte 1).
 */
function detectBom(first: Buffer, configured: TextEncoding): { encoding: TextEncoding; bomLength: number } {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (first[0] === 0xff && first[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (first[0] === 0xfe && first[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: configured, bomLength: 0 };
}

type Fail = (line: number, detail: string) => never;

interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/**
 * Fatal UTF-8 decoding: an invalid byte stops the read with its line and byte offset instead of
 * becoming U+FFFD (mojibake that would then be loaded, matched and shared as if it were data).
 */
class StrictUtf8Decoder implements ChunkDecoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** Bytes of a character the previous chunk started; the TextDecoder holds them internally. */
  private tail: Uint8Array = new Uint8Array(0);
  private offset: number;
  private lines = 0;

  constructor(
    private readonly fail: Fail,
    bomLength: number,
  ) {
    this.offset = bomLength;
  }

  write(chunk: Buffer): string {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      return this.locate(chunk);
    }
    const joined = chunk.length < 4 && this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = joined.subarray(joined.length - incompleteTailLength(joined));
    this.lines += countNewlines(chunk);
    this.offset += chunk.length;
    return text;
  }

  end(): string {
    try {
      return this.decoder.decode();
    } catch {
      return this.fail(this.lines + 1, `the file ends in the middle of a UTF-8 character (byte offset ${this.offset - this.tail.length})`);
    }
  }

  private locate(chunk: Buffer): never {
    const joined = Buffer.concat([this.tail, chunk]);
    const bad = Math.max(0, firstInvalidUtf8Byte(joined));
    const byte = (joined[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const offset = this.offset - this.tail.length + bad;
    return this.fail(this.lines + countNewlines(joined, 0, bad) + 1, `invalid UTF-8 byte 0x${byte} at byte offset ${offset}`);
  }
}

function countChar(text: string, char: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1 && at < end; at = text.indexOf(char, at + 1)) count += 1;
  return count;
}

/**
 * UTF-16 and the Chinese encodings through iconv-lite, which never throws: it substitutes U+FFFD
 * for bytes it cannot map, so a U+FFFD in its output is treated as a decoding failure.
 */
class CheckedIconvDecoder implements ChunkDecoder {
  private readonly decoder: ReturnType<typeof iconv.getDecoder>;
  private lines = 0;
  private bytes = 0;

  constructor(
    private readonly encoding: TextEncoding,
    private readonly fail: Fail,
  ) {
    this.decoder = iconv.getDecoder(encoding, { stripBOM: false });
  }

  write(chunk: Buffer): string {
    this.bytes += chunk.length;
    return this.checked(this.decoder.write(chunk));
  }

  end(): string {
    // iconv-lite silently drops a dangling odd byte at the end of UTF-16 input.
    if (this.encoding.startsWith('utf-16') && this.bytes % 2 === 1) {
      this.fail(this.lines + 1, `the file ends in the middle of a ${this.encoding} character (odd number of bytes)`);
    }
    return this.checked(this.decoder.end() ?? '');
  }

  private checked(text: string): string {
    const bad = text.indexOf('\uFFFD');
    if (bad !== -1) this.fail(this.lines + countChar(text, '\n', bad) + 1, `bytes that are not valid ${this.encoding}`);
    this.lines += countChar(text, '\n', text.length);
    return text;
  }
}

/**
 * The file's text in chunks, decoded from its encoding without its BOM. Streaming: memory stays
 * constant whatever the file size. Undecodable bytes throw a SourceError naming file and line.
 */
export async function* readDecodedText(settings: TextFileSettings): AsyncGenerator<string> {
  await assertReadable(settings);
  const fail: Fail = (line, detail) => {
    throw new SourceError('SOURCE_UNREADABLE', { source: settings.name, position: fileLocation(settings, line) }, `${detail}: the file is not valid ${encoding}; ${ENCODING_HINT}`);
  };
  let encoding = settings.encoding;
  const stream = fs.createReadStream(settings.path, { highWaterMark: 64 * 1024 });
  let decoder: ChunkDecoder | undefined;
  try {
    for await (const data of stream as AsyncIterable<Buffer>) {
      let chunk = data;
      if (!decoder) {
        const detected = detectBom(chunk, settings.encoding);
        encoding = detected.encoding;
        decoder = encoding === 'utf-8' ? new StrictUtf8Decoder(fail, detected.bomLength) : new CheckedIconvDecoder(encoding, fail);
        chunk = chunk.subarray(detected.bomLength);
      }
      const text = decoder.write(chunk);
      if (text.length > 0) yield text;
    }
    const rest = decoder?.end() ?? '';
    if (rest.length > 0) yield rest;
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError('SOURCE_UNREADABLE', { source: settings.name, position: settings.path }, (error as Error).message, { cause: error });
  } finally {
    stream.destroy();
  }
}
