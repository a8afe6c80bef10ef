import type { ResolvableRecord } from '../store/source-record-repository';
import { AppError } from '../errors';
import { indexInSorted, PackedHashes, resizedColumn } from './packed-columns';

/**
 * Every active record of a full resolution, from loading until its customer is written, held
 * column by column. As objects, a record cost about 600 bytes beside its normalized values (the
 * object, two Dates of 96 bytes each, its source name and 64-character hash as strings, a map
 * entry): 600 MB for a million records, held through matching and writing. Here it costs the
 * normalized values and 58 bytes. Records are given back as ResolvableRecords made on demand.
 *
 * Records must be added in ascending id order (as the store reads them): ids are then found by
 * binary search, without a map.
 */
export class LoadedRecords {
  private count = 0;
  private ids = new Float64Array(1024);
  private sourceCodes = new Uint16Array(1024);
  private readonly sourceNames: string[] = [];
  private readonly sourceCodeOf = new Map<string, number>();
  /** Undefined once a record is released (see delete). */
  private normalized: (Record<string, unknown> | undefined)[] = [];
  private readonly hashes = new PackedHashes(1024);
  private createdAt = new Float64Array(1024);
  private updatedAt = new Float64Array(1024);

  get size(): number {
    return this.count;
  }

  add(record: ResolvableRecord): void {
    const at = this.count;
    if (at > 0 && record.id <= (this.ids[at - 1] as number)) throw new Error('records must be added in ascending id order');
    if (at === this.ids.length) this.resize(at * 2);
    this.ids[at] = record.id;
    this.sourceCodes[at] = this.sourceCode(record.source);
    this.normalized.push(record.normalized);
    this.hashes.set(at, record.contentHash);
    this.createdAt[at] = record.createdAt.getTime();
    this.updatedAt[at] = record.updatedAt.getTime();
    this.count = at + 1;
  }

  /** Gives back the room reserved for more records (call once all are added). */
  trim(): void {
    if (this.count < this.ids.length) this.resize(this.count);
  }

  /** The record at a position (0 … size-1), undefined once released. */
  at(position: number): ResolvableRecord | undefined {
    const normalized = this.normalized[position];
    if (normalized === undefined) return undefined;
    return {
      id: this.idAt(position),
      source: this.sourceAt(position),
      normalized,
      contentHash: this.hashes.get(position),
      createdAt: new Date(this.createdAt[position] as number),
      updatedAt: new Date(this.updatedAt[position] as number),
    };
  }

  /** What matching reads of the record at a position, without making the whole record; undefined once released. */
  normalizedAt(position: number): Record<string, unknown> | undefined {
    return this.normalized[position];
  }

  idAt(position: number): number {
    return this.ids[position] as number;
  }

  sourceAt(position: number): string {
    return this.sourceNames[this.sourceCodes[position] as number] as string;
  }

  updatedAtMillis(position: number): number {
    return this.updatedAt[position] as number;
  }

  get(id: number): ResolvableRecord | undefined {
    const position = this.positionOf(id);
    return position === -1 ? undefined : this.at(position);
  }

  /** Releases a record's values (its customer is written): the memory shrinks as a run goes on. */
  delete(id: number): boolean {
    const position = this.positionOf(id);
    if (position === -1 || this.normalized[position] === undefined) return false;
    this.normalized[position] = undefined;
    return true;
  }

  /** The position of a record (whether or not released), -1 if none has the id. */
  positionOf(id: number): number {
    return indexInSorted(this.ids, id, this.count);
  }

  private sourceCode(source: string): number {
    let code = this.sourceCodeOf.get(source);
    if (code === undefined) {
      code = this.sourceNames.length;
      if (code > 0xffff) throw new AppError('CONFIG_INVALID', 'more than 65,536 source names');
      this.sourceNames.push(source);
      this.sourceCodeOf.set(source, code);
    }
    return code;
  }

  private resize(capacity: number): void {
    this.ids = resizedColumn(this.ids, capacity, this.count);
    this.sourceCodes = resizedColumn(this.sourceCodes, capacity, this.count);
    this.hashes.resize(capacity, this.count);
    this.createdAt = resizedColumn(this.createdAt, capacity, this.count);
    this.updatedAt = resizedColumn(this.updatedAt, capacity, this.count);
  }
}
