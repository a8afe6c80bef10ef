/** The text is not JSON, or ends early. Line and column are 1-based, in characters. */
export class JsonSyntaxError extends Error {
  constructor(
    detail: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(detail);
  }
}

/** The text is JSON, but has no array where the records should be. */
export class JsonShapeError extends Error {}

/**
 * Maps `JSON.parse`'s position inside the element back onto the file; some messages have none.
 * `element` is the record's index and the line and column its text starts at.
 */
export function elementSyntaxError(text: string, message: string, element: { index: number; line: number; column: number }): JsonSyntaxError {
  const found = /at position (\d+)/.exec(message)?.[1];
  if (found === undefined) return new JsonSyntaxError(`${message} (in record [${element.index}], which starts here)`, element.line, element.column);
  const position = Number(found);
  const before = text.slice(0, position);
  const breaks = before.split('\n').length - 1;
  const column = breaks === 0 ? element.column + position : position - before.lastIndexOf('\n');
  return new JsonSyntaxError(`${message} (in record [${element.index}])`, element.line + breaks, column);
}
