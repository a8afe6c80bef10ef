import type { ErasureOutcome } from '../access/erasure';
import type { Principal } from '../access/principal';
import type { RequestAudit } from '../access/request-audit';
import type { PushResult } from '../pipeline/ingest-push';
import type { SourceQuality } from '../pipeline/quality-report';
import type { StewardActions } from '../pipeline/steward-actions';
import type { Repositories } from '../store/repositories';
import type { RowScope } from '../store/row-scope';
import type { Loaders } from './loaders';

export interface GraphQLContext {
  repos: Repositories;
  loaders: Loaders;
  /** Who is asking; field rules and row scopes read it. */
  principal: Principal;
  /** Unmasked personal reads of this request, written as one audit entry when it completes. */
  audit: RequestAudit;
  /** Loads pushed records into a push source; undefined when no such push source is configured. */
  ingest(source: string, records: ReadonlyArray<Record<string, unknown>>): Promise<PushResult | undefined>;
  /** Erases a customer in the caller's scope; undefined when there is no such customer. */
  erase(id: string, reason: string): Promise<ErasureOutcome | undefined>;
  /** Merge, split, override and review: stored decisions, re-resolution and audit entries. */
  steward: StewardActions;
  /** The data quality report, for all sources or one, limited to the sources in the scope. */
  qualityReport(source?: string, scope?: RowScope): Promise<SourceQuality[]>;
}
