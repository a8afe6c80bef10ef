import { describe, expect, it } from 'vitest';
import { BlockIndex } from '../../src/resolve/blocking';
import { BLOCKING_KEYS, blockingKeysByName } from '../../src/resolve/blocking-keys';
import { TextSink } from '../../src/resolve/key-sinks';
import { PreparedRecords } from '../../src/resolve/prepared-records';
import type { MatchRecord } from '../../src/resolve';
import { record } from './fixtures';

function pairsOf(records: PreparedRecords, buffer: { left: Int32Array; right: Int32Array; length: number }): string[] {
  const out: string[] = [];
  for (let p = 0; p < buffer.length; p++) {
    const a = records.ids[buffer.left[p] as number] as string;
    const b = records.ids[buffer.right[p] as number] as string;
    out.push(a < b ? `${a}~${b}` : `${b}~${a}`);
  }
  return out.sort();
}

/** Candidate pairs involving one of `changed`, as an increment scores them (each once). */
function pairsInvolving(index: BlockIndex, records: PreparedRecords, changed: readonly number[]): string[] {
  const stamp = new Int32Array(records.size).fill(-1);
  const out = new Set<string>();
  changed.forEach((record, call) => {
    const partners: number[] = [];
    index.partnersOf(records, record, stamp, call, partners, []);
    for (const partner of partners) {
      const a = records.ids[record] as string;
      const b = records.ids[partner] as string;
      out.add(a < b ? `${a}~${b}` : `${b}~${a}`);
    }
  });
  return [...out].sort();
}

function indexed(records: MatchRecord[], keys: string[], maxBlockSize = 100): { prepared: PreparedRecords; index: BlockIndex } {
  const prepared = PreparedRecords.from(records);
  const index = new BlockIndex(blockingKeysByName(keys), maxBlockSize);
  index.build(prepared);
  return { prepared, index };
}

describe('blocking keys', () => {
  const values = (key: string, fields: Partial<MatchRecord>): string[] => {
    const prepared = PreparedRecords.from([record('r', fields)]);
    const sink = new TextSink();
    (BLOCKING_KEYS[key] as (typeof BLOCKING_KEYS)[string]).emit(prepared, 0, sink);
    return sink.values;
  };

  it('puts a record in one email block per address', () => {
    expect(values('email', { emails: ['a@x.com', 'b@x.com'] })).toEqual(['a@x.com', 'b@x.com']);
  });

  it('keys the birth date with each name initial, so either name may be corrupted', () => {
    expect(values('birthDateInitial', { givenName: 'Anna', familyName: 'Smith', birthDate: '1990-01-02' })).toEqual([
      '19900102|a',
      '19900102|s',
    ]);
  });

  it('keys the full name in either order, so swapped names meet', () => {
    expect(values('fullName', { givenName: 'anna', familyName: 'smith' })).toEqual(
      values('fullName', { givenName: 'smith', familyName: 'anna' }),
    );
  });

  it('gives no value when a part of the key is missing', () => {
    expect(values('familySoundexBirthYear', { familyName: 'smith' })).toEqual([]);
    expect(values('givenPrefixPostalCode', { givenName: 'anna' })).toEqual([]);
  });
});

describe('candidate pairs', () => {
  const records = [
    record('a', { emails: ['ann@x.com'], phones: ['+61400000001'] }),
    record('b', { emails: ['ann@x.com'], phones: ['+61400000001'] }),
    record('c', { phones: ['+61400000001'] }),
    record('d', { emails: ['dan@x.com'] }),
  ];

  it('are the union over keys, each pair once', () => {
    const { prepared, index } = indexed(records, ['email', 'phone']);
    expect(pairsOf(prepared, index.allPairs(prepared).pairs)).toEqual(['a~b', 'a~c', 'b~c']);
  });

  it('skip an oversized block and report it with its key and value', () => {
    const crowd = Array.from({ length: 6 }, (_, i) => record(`t${i}`, { emails: ['test@test.com'] }));
    const { prepared, index } = indexed([...crowd, ...records], ['email', 'phone'], 5);
    const { pairs, oversizedBlocks } = index.allPairs(prepared);
    expect(oversizedBlocks).toEqual([{ key: 'email', value: 'test@test.com', size: 6 }]);
    expect(pairsOf(prepared, pairs)).toEqual(['a~b', 'a~c', 'b~c']);
  });

  it('in incremental mode, only involve the new or changed records', () => {
    const { prepared, index } = indexed(records, ['email', 'phone']);
    const added = prepared.upsert(record('e', { emails: ['dan@x.com'], phones: ['+61400000009'] }));
    index.index(prepared, added);
    expect(pairsInvolving(index, prepared, [added])).toEqual(['d~e']);
  });

  it('in incremental mode, follow a changed record out of its old blocks', () => {
    const { prepared, index } = indexed(records, ['email', 'phone']);
    const changed = prepared.upsert(record('c', { emails: ['dan@x.com'] })); // c drops its phone
    index.index(prepared, changed);
    expect(pairsInvolving(index, prepared, [changed])).toEqual(['c~d']);
    expect(pairsOf(prepared, index.allPairs(prepared).pairs)).toEqual(['a~b', 'c~d']);
  });

  it('in incremental mode, emit a pair between two changed records once', () => {
    const { prepared, index } = indexed(records, ['email']);
    const x = prepared.upsert(record('x', { emails: ['new@x.com'] }));
    const y = prepared.upsert(record('y', { emails: ['new@x.com'] }));
    index.index(prepared, x);
    index.index(prepared, y);
    expect(pairsInvolving(index, prepared, [x, y])).toEqual(['x~y']);
  });

  it('keep the cost proportional to block sizes: unrelated records give no pairs', () => {
    const many = Array.from({ length: 2000 }, (_, i) => record(`r${i}`, { emails: [`person${i}@x.com`] }));
    const { prepared, index } = indexed(many, ['email']);
    expect(index.allPairs(prepared).pairs.length).toBe(0);
  });
});
