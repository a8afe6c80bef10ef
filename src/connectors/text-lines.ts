/**
 * Physical lines (`\n`-terminated, a trailing `\r` removed) over decoded text chunks, for
 * re-reading a file from a given line. Only the current line is buffered, and at most
 * `maxLineChars` of it is kept, so a file without newlines cannot exhaust memory.
 */
export class TextLines {
  private buffer = '';
  private finished = false;
  private readonly chunks: AsyncIterator<string>;

  constructor(chunks: AsyncIterable<string>) {
    this.chunks = chunks[Symbol.asyncIterator]();
  }

  private async fill(): Promise<boolean> {
    if (this.finished) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.finished = true;
      return false;
    }
    this.buffer += next.value;
    return true;
  }

  /** Drops `count` lines; returns how many there were. */
  async skip(count: number): Promise<number> {
    let skipped = 0;
    while (skipped < count) {
      const end = this.buffer.indexOf('\n');
      if (end === -1) {
        const partial = this.buffer.length > 0;
        this.buffer = '';
        if (await this.fill()) continue;
        return skipped + (partial ? 1 : 0);
      }
      this.buffer = this.buffer.slice(end + 1);
      skipped += 1;
    }
    return skipped;
  }

  /** The next line, or undefined at the end of the text. */
  async next(maxLineChars: number): Promise<{ text: string; truncated: boolean } | undefined> {
    let kept = '';
    let seen = 0;
    for (;;) {
      const end = this.buffer.indexOf('\n');
      const piece = end === -1 ? this.buffer : this.buffer.slice(0, end);
      seen += piece.length;
      if (kept.length < maxLineChars) kept += piece.slice(0, maxLineChars - kept.length);
      if (end !== -1) {
        this.buffer = this.buffer.slice(end + 1);
        break;
      }
      this.buffer = '';
      if (!(await this.fill())) {
        if (seen === 0) return undefined;
        break;
      }
    }
    return { text: kept.replace(/\r$/, ''), truncated: seen > maxLineChars };
  }

  /** Everything not consumed yet, as chunks. */
  async *rest(): AsyncGenerator<string> {
    if (this.buffer.length > 0) yield this.buffer;
    this.buffer = '';
    while (await this.fill()) {
      yield this.buffer;
      this.buffer = '';
    }
  }

  async close(): Promise<void> {
    await this.chunks.return?.();
  }
}
