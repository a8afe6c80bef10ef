/**
 * Finds the array of records in a JSON document fed as text chunks, and hands out its elements
 * one at a time: memory holds one element, never the document. The array is the top-level value
 * or the one at a dotted key path (`data.customers`). The rest of the document is checked for
 * well-formed structure (brackets, commas, colons, strings, literals) but not kept; each element
 * is validated exactly by `JSON.parse`. When a key on the path appears twice, the first is read.
 */
import { BACKSLASH, COLON, COMMA, isWhitespace, isWordChar, LBRACE, LBRACKET, LITERAL, QUOTE, RBRACE, RBRACKET } from './json-characters';
import { elementSyntaxError, JsonShapeError, JsonSyntaxError } from './json-scan-errors';

export interface ArrayElement {
  index: number;
  value: unknown;
  /** The element's JSON text, for quarantining elements that are not objects. */
  text: string;
}

type ValueRole = 'records' | 'path' | 'element' | 'other';

interface ObjectFrame {
  kind: 'object';
  expect: 'key-or-end' | 'key' | 'colon' | 'value' | 'comma-or-end';
  /** Set when this object lies on the records path: the index of the path segment it holds. */
  pathDepth: number | undefined;
  found: boolean;
  key: string | undefined;
  valueRole: ValueRole;
}

interface ArrayFrame {
  kind: 'array';
  expect: 'value-or-end' | 'value' | 'comma-or-end';
  records: boolean;
}

export class JsonRecordsScanner {
  private readonly stack: Array<ObjectFrame | ArrayFrame> = [];
  private mode: 'normal' | 'string' | 'word' | 'element' = 'normal';
  private started = false;
  private finished = false;
  private escape = false;
  private keyParts: string[] | undefined;
  private keyStart = 0;
  private word = '';
  private elementParts: string[] = [];
  private elementStart = 0;
  private elementDepth = 0;
  private elementInString = false;
  private elementLine = 1;
  private elementColumn = 1;
  private elementIndex = 0;
  private line = 1;
  private lineStart = 0;
  private offset = 0;
  private out: ArrayElement[] = [];

  constructor(private readonly path: string[]) {}

  /** Feeds the next chunk of text; returns the elements it completed. */
  write(chunk: string): ArrayElement[] {
    this.out = [];
    this.keyStart = 0;
    this.elementStart = 0;
    let i = 0;
    while (i < chunk.length) {
      const c = chunk.charCodeAt(i);
      if (this.mode === 'element') {
        if (!this.elementChar(c, chunk, i)) continue; // the element ended before this character
      } else if (this.mode === 'string') {
        this.stringChar(c, chunk, i);
      } else if (this.mode === 'word') {
        if (!isWordChar(c)) {
          this.endWord();
          continue;
        }
        this.word += chunk[i];
      } else {
        this.normalChar(c, chunk, i);
      }
      if (c === 0x0a) {
        this.line += 1;
        this.lineStart = this.offset + i + 1;
      }
      i += 1;
    }
    if (this.mode === 'element') this.elementParts.push(chunk.slice(this.elementStart));
    if (this.mode === 'string' && this.keyParts) this.keyParts.push(chunk.slice(this.keyStart));
    this.offset += chunk.length;
    return this.out;
  }

  /** Call after the last chunk: fails when the document is empty or incomplete. */
  end(): void {
    if (this.mode === 'word') this.endWord();
    if (!this.started) throw new JsonShapeError('the file holds no JSON value (it is empty)');
    if (!this.finished) {
      const where = this.mode === 'element' ? `inside record [${this.elementIndex}]` : `after ${this.elementIndex} records`;
      throw this.syntaxError(`unexpected end of file ${where}: the JSON document is incomplete (truncated?)`);
    }
  }

  private syntaxError(detail: string, i = 0): JsonSyntaxError {
    return new JsonSyntaxError(detail, this.line, this.offset + i - this.lineStart + 1);
  }

  private pathName(depth: number): string {
    return this.path.slice(0, depth).join('.');
  }

  private normalChar(c: number, chunk: string, i: number): void {
    if (isWhitespace(c)) return;
    const top = this.stack[this.stack.length - 1];
    if (c === LBRACE) return this.beginValue('object', chunk, i);
    if (c === LBRACKET) return this.beginValue('array', chunk, i);
    if (c === QUOTE) return this.beginValue('string', chunk, i);
    if (isWordChar(c)) return this.beginValue('word', chunk, i);
    if (c === RBRACE && top?.kind === 'object' && (top.expect === 'key-or-end' || top.expect === 'comma-or-end')) return this.close();
    if (c === RBRACKET && top?.kind === 'array' && (top.expect === 'value-or-end' || top.expect === 'comma-or-end')) return this.close();
    if (c === COLON && top?.kind === 'object' && top.expect === 'colon') return this.colon(top);
    if (c === COMMA && top?.expect === 'comma-or-end') {
      top.expect = top.kind === 'object' ? 'key' : 'value';
      return;
    }
    throw this.syntaxError(`unexpected ${JSON.stringify(chunk[i])}`, i);
  }

  private beginValue(kind: 'object' | 'array' | 'string' | 'word', chunk: string, i: number): void {
    const top = this.stack[this.stack.length - 1];
    let role: ValueRole;
    let depth = 0;
    if (top === undefined) {
      if (this.started) throw this.syntaxError('unexpected content after the end of the JSON document', i);
      this.started = true;
      role = this.path.length === 0 ? 'records' : 'path';
    } else if (top.kind === 'object') {
      if (top.expect === 'key-or-end' || top.expect === 'key') {
        if (kind !== 'string') throw this.syntaxError('expected a property name in double quotes', i);
        top.expect = 'colon';
        this.mode = 'string';
        this.escape = false;
        this.keyParts = top.pathDepth === undefined ? undefined : [];
        this.keyStart = i;
        return;
      }
      if (top.expect !== 'value') throw this.syntaxError(`expected ${top.expect === 'colon' ? "':'" : "',' or '}'"}`, i);
      top.expect = 'comma-or-end';
      role = top.valueRole;
      depth = (top.pathDepth ?? 0) + 1;
    } else {
      if (top.expect === 'comma-or-end') throw this.syntaxError("expected ',' or ']'", i);
      top.expect = 'comma-or-end';
      role = top.records ? 'element' : 'other';
    }
    if (role === 'element') return this.startElement(chunk, i);
    if (role === 'records' && kind !== 'array') throw this.shapeError(depth, kind);
    if (role === 'path' && kind !== 'object') throw this.shapeError(depth, kind);
    if (kind === 'object') {
      this.stack.push({ kind, expect: 'key-or-end', pathDepth: role === 'path' ? depth : undefined, found: false, key: undefined, valueRole: 'other' });
    } else if (kind === 'array') {
      this.stack.push({ kind, expect: 'value-or-end', records: role === 'records' });
    } else if (kind === 'string') {
      this.mode = 'string';
      this.escape = false;
      this.keyParts = undefined;
    } else {
      this.mode = 'word';
      this.word = chunk[i] ?? '';
    }
  }

  private shapeError(depth: number, kind: string): JsonShapeError {
    const found = kind === 'word' ? 'a number or literal' : kind === 'object' ? 'an object' : kind === 'array' ? 'an array' : 'a string';
    if (this.path.length === 0) return new JsonShapeError(`the top-level value is ${found}, not an array of records; set recordsPath to where the array is`);
    if (depth === 0) return new JsonShapeError(`the top-level value is ${found}, not an object holding "${this.path.join('.')}"`);
    const name = this.pathName(depth);
    return new JsonShapeError(`"${name}" is ${found}, not ${depth === this.path.length ? 'an array of records' : 'an object'}`);
  }

  private colon(top: ObjectFrame): void {
    top.expect = 'value';
    top.valueRole = 'other';
    if (top.pathDepth !== undefined && !top.found && top.key === this.path[top.pathDepth]) {
      top.found = true;
      top.valueRole = top.pathDepth + 1 === this.path.length ? 'records' : 'path';
    }
  }

  private close(): void {
    const frame = this.stack.pop();
    if (frame?.kind === 'object' && frame.pathDepth !== undefined && !frame.found) {
      const key = this.path[frame.pathDepth] ?? '';
      throw new JsonShapeError(frame.pathDepth === 0 ? `no "${key}" at the top level` : `no "${key}" in "${this.pathName(frame.pathDepth)}"`);
    }
    if (this.stack.length === 0) this.finished = true;
  }

  private stringChar(c: number, chunk: string, i: number): void {
    if (this.escape) {
      this.escape = false;
    } else if (c === BACKSLASH) {
      this.escape = true;
    } else if (c === QUOTE) {
      this.mode = 'normal';
      const top = this.stack[this.stack.length - 1];
      if (this.keyParts && top?.kind === 'object') {
        const text = this.keyParts.join('') + chunk.slice(this.keyStart, i + 1);
        this.keyParts = undefined;
        try {
          top.key = JSON.parse(text) as string;
        } catch (error) {
          throw this.syntaxError(`invalid property name: ${(error as Error).message}`, i);
        }
      }
    } else if (c < 0x20) {
      throw this.syntaxError('control character inside a string (unterminated string?)', i);
    }
  }

  private endWord(): void {
    this.mode = 'normal';
    if (!LITERAL.test(this.word)) throw this.syntaxError(`invalid value ${JSON.stringify(this.word)}`);
    if (this.stack.length === 0) this.finished = true;
  }

  private startElement(chunk: string, i: number): void {
    this.mode = 'element';
    this.elementStart = i;
    this.elementParts = [];
    this.elementDepth = 0;
    this.elementInString = false;
    this.escape = false;
    this.elementLine = this.line;
    this.elementColumn = this.offset + i - this.lineStart + 1;
    this.elementChar(chunk.charCodeAt(i), chunk, i);
  }

  /** Follows one element's text; returns false when the element ended just before `c`. */
  private elementChar(c: number, chunk: string, i: number): boolean {
    if (this.elementInString) {
      if (this.escape) this.escape = false;
      else if (c === BACKSLASH) this.escape = true;
      else if (c === QUOTE) this.elementInString = false;
      return true;
    }
    if (c === QUOTE) {
      this.elementInString = true;
    } else if (c === LBRACE || c === LBRACKET) {
      this.elementDepth += 1;
    } else if ((c === RBRACE || c === RBRACKET || c === COMMA) && this.elementDepth === 0) {
      this.endElement(chunk, i);
      return false;
    } else if (c === RBRACE || c === RBRACKET) {
      this.elementDepth -= 1;
    }
    return true;
  }

  private endElement(chunk: string, i: number): void {
    const text = (this.elementParts.join('') + chunk.slice(this.elementStart, i)).trimEnd();
    this.elementParts = [];
    this.mode = 'normal';
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw elementSyntaxError(text, (error as Error).message, { index: this.elementIndex, line: this.elementLine, column: this.elementColumn });
    }
    this.out.push({ index: this.elementIndex, value, text });
    this.elementIndex += 1;
  }
}
