import path from 'node:path';
import type { JsonSourceConfig } from '../config/sources';
import { SourceError } from '../errors';
import { JsonRecordsScanner, type ArrayElement } from './json-records-scanner';
import { JsonShapeError, JsonSyntaxError } from './json-scan-errors';
import { describeJsonType, isJsonObject } from './json-values';
import { clipRaw } from './raw-text';
import { assertReadable, fileLocation, readDecodedText } from './text-file';
import type { Connector, ExtractedItem } from './types';

type JsonSettings = Pick<JsonSourceConfig, 'name' | 'path' | 'encoding' | 'recordsPath'>;

/**
 * A JSON document holding an array of records, at the top or at `recordsPath`. Streamed: the
 * document is scanned chunk by chunk and only one record is in memory at a time, so files larger
 * than memory work. Records are located as `file.json#[index]`; an element that is not an
 * object is a `malformed` item. Invalid or truncated JSON fails the source with line and column.
 */
export class JsonConnector implements Connector {
  constructor(private readonly settings: JsonSettings) {}

  async *extract(): AsyncIterable<ExtractedItem> {
    const { settings } = this;
    await assertReadable(settings);
    const scanner = new JsonRecordsScanner(settings.recordsPath ? settings.recordsPath.split('.') : []);
    try {
      for await (const text of readDecodedText(settings)) {
        for (const element of scanner.write(text)) yield this.toItem(element);
      }
      scanner.end();
    } catch (error) {
      throw this.translate(error);
    }
  }

  private toItem(element: ArrayElement): ExtractedItem {
    const location = `${path.basename(this.settings.path)}#[${element.index}]`;
    if (isJsonObject(element.value)) return { kind: 'record', location, values: element.value };
    return { kind: 'malformed', location, reason: `expected a JSON object, found ${describeJsonType(element.value)}`, raw: clipRaw(element.text) };
  }

  private translate(error: unknown): unknown {
    const source = this.settings.name;
    if (error instanceof JsonSyntaxError) {
      return new SourceError('SOURCE_UNREADABLE', { source, position: fileLocation(this.settings, `${error.line}:${error.column}`) }, `invalid JSON: ${error.message}`, { cause: error });
    }
    if (error instanceof JsonShapeError) {
      const where = this.settings.recordsPath ? ` (recordsPath "${this.settings.recordsPath}")` : '';
      return new SourceError('SOURCE_UNREADABLE', { source, position: path.basename(this.settings.path) }, `${error.message}${where}`, { cause: error });
    }
    return error;
  }
}
