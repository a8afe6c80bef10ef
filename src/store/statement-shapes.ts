/**
 * Splits `total` rows into chunks of `largest`, then powers of two for the rest, so that bulk
 * statements come in a handful of shapes whatever the batch size (each shape is prepared once).
 */
export function fixedChunks(total: number, largest: number): number[] {
  const chunks: number[] = [];
  let left = total;
  while (left >= largest) {
    chunks.push(largest);
    left -= largest;
  }
  for (let size = 1 << Math.floor(Math.log2(largest)); size >= 1; size >>= 1) {
    if (left >= size) {
      chunks.push(size);
      left -= size;
    }
  }
  return chunks;
}

/** `(?, ?, …)` for one row of `width` values, repeated `rows` times. */
export function placeholderRows(width: number, rows: number): string {
  const tuple = `(${new Array<string>(width).fill('?').join(', ')})`;
  return new Array<string>(rows).fill(tuple).join(', ');
}
