/**
 * Physical lines (`\n`-terminated, a trailing `\r` removed) over decoded text chunks. Only the
 * current line is buffered, and at most `maxLineChars` of it is kept, so a file without newlines
 * cannot exhaust memory.
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

  async close(): Promise<void> {
    await this.chunks.return?.();
  }
}
