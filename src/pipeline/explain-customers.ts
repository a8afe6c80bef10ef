import { IdentityResolver, matchExplanation, type MatchExplanation, type ModelParameters } from '../resolve';
import type { Repositories } from '../store/repositories';
import type { StoredSourceRecord } from '../store/source-record-repository';
import { toMatchRecord } from './match-records';

/**
 * Why each customer holds its records: the accepted links between them (scored pairs and
 * steward merges), each with its score and per-comparison weights, recomputed from the stored
 * model and decisions. Customers are explained together so one request costs a fixed number
 * of statements whatever the page size.
 */
export async function explainCustomers(
  repos: Repositories,
  recordsByCustomer: ReadonlyMap<string, readonly StoredSourceRecord[]>,
): Promise<Map<string, MatchExplanation[]>> {
  const explanations = new Map<string, MatchExplanation[]>();
  const multi = [...recordsByCustomer].filter(([, records]) => records.length > 1);
  if (multi.length === 0) return explanations;
  const stored = await repos.resolution.latestModel<ModelParameters>();
  // Before any run has stored a model, the defaults explain (as they would score).
  const parameters = stored?.parameters ?? new IdentityResolver().parameters;
  const trust = await repos.sources.trustByName();
  const decisions = await repos.steward.pairDecisions();
  for (const [customerId, records] of multi) {
    const ids = new Set(records.map((record) => String(record.id)));
    const within = (pairs: [string, string][]) => pairs.filter(([a, b]) => ids.has(a) && ids.has(b));
    const resolver = new IdentityResolver({}, parameters);
    resolver.setDecisions({ mustLink: within(decisions.mustLink), cannotLink: within(decisions.cannotLink) });
    const result = resolver.resolveAll(
      records.map((record) => toMatchRecord(record, trust.get(record.source) ?? 0)),
      parameters,
    );
    explanations.set(
      customerId,
      result.links.map((link) => matchExplanation(link, parameters)),
    );
  }
  return explanations;
}
