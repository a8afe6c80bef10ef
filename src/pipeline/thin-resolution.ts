import type { GoldenFields } from '../store/customer-repository';
import type { StoredSourceRecord } from '../store/source-record-repository';

/**
 * The first, deliberately simple resolution: records that share a normalized email are one
 * person; every other record stands alone. Survivorship takes each single-valued field from the
 * most trusted, then most recent, record that has it.
 */
export function groupBySharedEmail(records: readonly StoredSourceRecord[]): number[][] {
  const parent = new Map<number, number>();
  const find = (id: number): number => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) as number;
    let node = id;
    while (node !== root) {
      const next = parent.get(node) as number;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const ownerOfEmail = new Map<string, number>();
  for (const record of records) {
    parent.set(record.id, record.id);
    for (const email of emailsOf(record)) {
      const owner = ownerOfEmail.get(email);
      if (owner === undefined) ownerOfEmail.set(email, record.id);
      else parent.set(find(record.id), find(owner));
    }
  }
  const clusters = new Map<number, number[]>();
  for (const record of records) {
    const root = find(record.id);
    const list = clusters.get(root) ?? [];
    list.push(record.id);
    clusters.set(root, list);
  }
  return [...clusters.values()];
}

function emailsOf(record: StoredSourceRecord): string[] {
  const emails = record.normalized.emails;
  return Array.isArray(emails) ? emails.filter((e): e is string => typeof e === 'string') : [];
}

function listOf(record: StoredSourceRecord, field: string): string[] {
  const value = record.normalized[field];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export interface LineageEntry {
  field: string;
  sourceRecordId: number;
  rule: string;
}

export interface SurvivedCustomer {
  fields: GoldenFields;
  lineage: LineageEntry[];
}

const SINGLE_FIELDS = ['givenName', 'familyName', 'birthDate', 'country'] as const;
const MULTI_FIELDS = ['emails', 'phones'] as const;

export function surviveByTrustThenRecency(records: readonly StoredSourceRecord[], trustOf: (source: string) => number): SurvivedCustomer {
  const ranked = [...records].sort(
    (a, b) => trustOf(b.source) - trustOf(a.source) || b.updatedAt.getTime() - a.updatedAt.getTime() || a.id - b.id,
  );
  const fields: GoldenFields = { givenName: null, familyName: null, emails: [], phones: [], birthDate: null, country: null };
  const lineage: LineageEntry[] = [];
  for (const field of SINGLE_FIELDS) {
    const winner = ranked.find((record) => typeof record.normalized[field] === 'string' && record.normalized[field] !== '');
    if (winner) {
      fields[field] = winner.normalized[field] as string;
      lineage.push({ field, sourceRecordId: winner.id, rule: 'source_trust' });
    }
  }
  for (const field of MULTI_FIELDS) {
    for (const record of ranked) {
      for (const value of listOf(record, field)) {
        if (!fields[field].includes(value)) {
          fields[field].push(value);
          lineage.push({ field, sourceRecordId: record.id, rule: 'union' });
        }
      }
    }
  }
  return { fields, lineage };
}
