import type { NdjsonSourceConfig } from '../config/sources';
import { describeJsonType, isJsonObject } from './json-values';
import { clipRaw } from './raw-text';
import { assertReadable, fileLocation, readDecodedText } from './text-file';
import { TextLines } from './text-lines';
import type { Connector, ExtractedItem } from './types';

type NdjsonSettings = Pick<NdjsonSourceConfig, 'name' | 'path' | 'encoding'>;

/** A longer line is reported as malformed instead of being held in memory whole. */
const MAX_LINE_CHARS = 64 * 1024 * 1024;
/**
 * Newline-delimited JSON, streamed line by line: one object per line, blank lines skipped. A line
 * that is not valid JSON, or valid JSON but not an object, is a `malformed` item with its line.
 */
export class NdjsonConnector implements Connector {
  constructor(private readonly settings: NdjsonSettings) {}

  async *extract(): AsyncIterable<ExtractedItem> {
    await assertReadable(this.settings);
    const lines = new TextLines(readDecodedText(this.settings));
    try {
      for (let lineNumber = 1; ; lineNumber += 1) {
        const line = await lines.next(MAX_LINE_CHARS);
        if (!line) break;
        if (line.text.trim() === '') continue;
        yield this.toItem(line.text, line.truncated, fileLocation(this.settings, lineNumber));
      }
    } finally {
      await lines.close();
    }
  }

  private toItem(text: string, truncated: boolean, location: string): ExtractedItem {
    if (truncated) return { kind: 'malformed', location, reason: `line longer than ${MAX_LINE_CHARS} characters`, raw: clipRaw(text) };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { kind: 'malformed', location, reason: `invalid JSON: ${(error as Error).message}`, raw: clipRaw(text) };
    }
    if (!isJsonObject(value)) {
      return { kind: 'malformed', location, reason: `expected a JSON object, found ${describeJsonType(value)}`, raw: clipRaw(text) };
    }
    return { kind: 'record', location, values: value };
  }
}
