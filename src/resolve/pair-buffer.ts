/**
 * A growable list of record-index pairs in two typed arrays: millions of candidate pairs
 * without one object per pair.
 */
export class PairBuffer {
  left: Int32Array;
  right: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
  }

  push(a: number, b: number): void {
    if (this.length === this.left.length) this.grow();
    this.left[this.length] = a;
    this.right[this.length] = b;
    this.length++;
  }

  private grow(): void {
    const capacity = this.left.length * 2;
    const left = new Int32Array(capacity);
    const right = new Int32Array(capacity);
    left.set(this.left);
    right.set(this.right);
    this.left = left;
    this.right = right;
  }
}
