/**
 * Compact columns for the prepared records. A million records must fit in modest memory and
 * be compared fast, so repeated values (names, cities, postal codes, dates) are interned:
 * each record stores a 4-byte code into a shared dictionary, equality is a code comparison,
 * and the strings themselves exist once.
 */

export class GrowableInt32 {
  values = new Int32Array(1024);

  get(index: number): number {
    return this.values[index] as number;
  }

  set(index: number, value: number): void {
    if (index >= this.values.length) {
      let capacity = this.values.length * 2;
      while (capacity <= index) capacity *= 2;
      const bigger = new Int32Array(capacity);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[index] = value;
  }
}

/** Interned strings: code 0 is the empty (missing) value. */
export class InternedColumn {
  readonly codes = new GrowableInt32();
  readonly dictionary: string[] = [''];
  private readonly codeOf = new Map<string, number>([['', 0]]);

  set(index: number, value: string): void {
    let code = this.codeOf.get(value);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(value);
      this.codeOf.set(value, code);
    }
    this.codes.set(index, code);
  }

  code(index: number): number {
    return this.codes.values[index] as number;
  }

  get(index: number): string {
    return this.dictionary[this.codes.values[index] as number] as string;
  }
}
