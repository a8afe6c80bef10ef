/**
 * Accuracy of identity resolution on the Febrl benchmark datasets (Christen): pairwise
 * precision, recall and F1 of the predicted clusters against the ground truth, plus runtime.
 * One configuration for all three datasets; only the model parameters are trained (EM) on
 * each dataset's own records. The record ids (which encode the truth) are never matched on.
 *
 * Prints one JSON line per figure on stdout; diagnostics go to stderr
 * (FEBRL_VERBOSE=1 lists the wrongly merged and missed records).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveRecords } from '../src/resolve';
import type { MatchRecord } from '../src/resolve';

const FEBRL_DIR = process.env.FEBRL_DIR ?? path.resolve(__dirname, '../../shared/data/febrl');
const VERBOSE = process.env.FEBRL_VERBOSE === '1';

function loadFebrl(file: string): MatchRecord[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = (lines.shift() ?? '').split(',').map((cell) => cell.trim());
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${file}: no column ${name}`);
    return index;
  };
  const at = {
    id: column('rec_id'),
    given: column('given_name'),
    family: column('surname'),
    streetNumber: column('street_number'),
    address1: column('address_1'),
    address2: column('address_2'),
    suburb: column('suburb'),
    postcode: column('postcode'),
    state: column('state'),
    birth: column('date_of_birth'),
    ssn: column('soc_sec_id'),
  };
  return lines.map((line) => {
    const cells = line.split(',').map((cell) => cell.trim());
    const value = (index: number): string | undefined => {
      const cell = cells[index];
      return cell === undefined || cell === '' ? undefined : cell;
    };
    const birth = value(at.birth);
    const record: MatchRecord = {
      id: cells[at.id] as string,
      source: 'febrl',
      emails: [],
      phones: [],
    };
    const set = <K extends keyof MatchRecord>(key: K, v: MatchRecord[K] | undefined): void => {
      if (v !== undefined) record[key] = v;
    };
    set('givenName', value(at.given));
    set('familyName', value(at.family));
    set('streetNumber', value(at.streetNumber));
    set('addressLine1', value(at.address1));
    set('addressLine2', value(at.address2));
    set('city', value(at.suburb));
    set('postalCode', value(at.postcode));
    set('region', value(at.state));
    set('nationalId', value(at.ssn));
    if (birth !== undefined && /^\d{8}$/.test(birth)) {
      set('birthDate', `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`);
    }
    return record;
  });
}

/** Ground truth: rec-N-org and rec-N-dup-k are person N. Used only for scoring the result. */
function personOf(id: string): string {
  const match = /^rec-(\d+)-/.exec(id);
  if (match === null) throw new Error(`unexpected record id ${id}`);
  return match[1] as string;
}

const pairsIn = (n: number): number => (n * (n - 1)) / 2;

function pairwiseAccuracy(records: readonly MatchRecord[], clusters: readonly string[][]) {
  const personSizes = new Map<string, number>();
  for (const record of records) personSizes.set(personOf(record.id), (personSizes.get(personOf(record.id)) ?? 0) + 1);
  let truePairs = 0;
  for (const size of personSizes.values()) truePairs += pairsIn(size);
  let predictedPairs = 0;
  let correctPairs = 0;
  for (const cluster of clusters) {
    predictedPairs += pairsIn(cluster.length);
    const byPerson = new Map<string, number>();
    for (const id of cluster) byPerson.set(personOf(id), (byPerson.get(personOf(id)) ?? 0) + 1);
    for (const size of byPerson.values()) correctPairs += pairsIn(size);
  }
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs };
}

function emit(name: string, value: number, unit: string): void {
  process.stdout.write(`${JSON.stringify({ name, value, unit })}\n`);
}

function reportErrors(records: readonly MatchRecord[], clusters: readonly string[][]): void {
  const byId = new Map(records.map((record) => [record.id, record]));
  const show = (id: string): string => {
    const r = byId.get(id) as MatchRecord;
    return [r.id, r.givenName, r.familyName, r.streetNumber, r.addressLine1, r.addressLine2, r.city, r.postalCode, r.region, r.birthDate, r.nationalId]
      .map((v) => v ?? '')
      .join(' | ');
  };
  const clusterOf = new Map<string, number>();
  clusters.forEach((cluster, index) => cluster.forEach((id) => clusterOf.set(id, index)));
  for (const cluster of clusters) {
    const persons = new Set(cluster.map(personOf));
    if (persons.size > 1) {
      process.stderr.write(`WRONG MERGE (${cluster.length}):\n${cluster.map((id) => `  ${show(id)}`).join('\n')}\n`);
    }
  }
  const members = new Map<string, string[]>();
  for (const record of records) members.set(personOf(record.id), [...(members.get(personOf(record.id)) ?? []), record.id]);
  for (const ids of members.values()) {
    const parts = new Set(ids.map((id) => clusterOf.get(id)));
    if (parts.size > 1) {
      const grouped = [...parts].map((part) => ids.filter((id) => clusterOf.get(id) === part));
      process.stderr.write(`MISSED (${parts.size} parts):\n${grouped.map((g) => g.map((id) => `  ${show(id)}`).join('\n')).join('\n  --\n')}\n`);
    }
  }
}

function main(): void {
  for (const dataset of ['dataset1', 'dataset2', 'dataset3']) {
    const records = loadFebrl(path.join(FEBRL_DIR, `${dataset}.csv`));
    const started = performance.now();
    const result = resolveRecords(records);
    const millis = performance.now() - started;
    const accuracy = pairwiseAccuracy(records, result.clusters);
    const s = result.statistics;
    process.stderr.write(
      `${dataset}: ${records.length} records, ${s.candidatePairs} candidate pairs (${s.scoredPairs} compared to the end), ` +
        `${result.links.length} links, ${result.reviews.length} reviews, ${result.splits.length} splits, ` +
        `${result.oversizedBlocks.length} oversized blocks, λ=${result.parameters.lambda.toFixed(4)}, ` +
        `EM ${result.parameters.training.emIterations} iterations, ms ${JSON.stringify(s.millis, (_k, v) => (typeof v === "number" ? Math.round(v) : v))}; pairs true ${accuracy.truePairs}, ` +
        `predicted ${accuracy.predictedPairs}, correct ${accuracy.correctPairs}\n`,
    );
    if (VERBOSE) reportErrors(records, result.clusters);
    emit(`febrl.${dataset}.precision`, round(accuracy.precision), 'ratio');
    emit(`febrl.${dataset}.recall`, round(accuracy.recall), 'ratio');
    emit(`febrl.${dataset}.f1`, round(accuracy.f1), 'ratio');
    emit(`febrl.${dataset}.runtime`, Math.round(millis), 'ms');
  }
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}

main();
