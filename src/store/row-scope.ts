import type { Knex } from 'knex';

/** Which rows a caller may reach, applied in SQL so every query path agrees. Absent = no limit. */
export interface RowScope {
  countries?: string[];
  sources?: string[];
}

/**
 * Restricts a query over `customers` (aliased as `customerAlias`) to a scope: the customer's
 * country, and at least one linked record from an allowed source.
 */
export function applyCustomerScope(query: Knex.QueryBuilder, scope: RowScope | undefined, customerAlias = 'customers'): Knex.QueryBuilder {
  if (!scope) return query;
  if (scope.countries) query.whereIn(`${customerAlias}.country`, scope.countries);
  if (scope.sources) {
    const sources = scope.sources;
    query.whereExists(function linkedSource(this: Knex.QueryBuilder) {
      this.select(this.client.raw('1'))
        .from('customer_links as scope_l')
        .join('source_records as scope_r', 'scope_r.id', 'scope_l.source_record_id')
        .whereRaw('?? = ??', ['scope_l.customer_id', `${customerAlias}.id`])
        .whereIn('scope_r.source', sources);
    });
  }
  return query;
}

/**
 * Restricts a query over `quarantine` to a scope. A rejected row has a source but no known
 * country (it never became a customer), so a country-scoped caller sees none: showing them would
 * hand out other countries' raw rows.
 */
export function applyQuarantineScope(query: Knex.QueryBuilder, scope: RowScope | undefined): Knex.QueryBuilder {
  if (!scope) return query;
  if (scope.countries) query.whereRaw('1 = 0');
  if (scope.sources) query.whereIn('quarantine.source', scope.sources);
  return query;
}

/**
 * Restricts a query over per-source operational rows (sync runs) to a scope: the rows of the
 * scope's sources. Their counts mix every country's records, so a country-scoped caller sees none,
 * as with quarantine.
 */
export function applySourceScope(query: Knex.QueryBuilder, scope: RowScope | undefined, sourceColumn: string): Knex.QueryBuilder {
  if (!scope) return query;
  if (scope.countries) query.whereRaw('1 = 0');
  if (scope.sources) query.whereIn(sourceColumn, scope.sources);
  return query;
}

/**
 * Whether per-source figures (record counts, data quality, the last sync run) of a source are in
 * the scope: only sources a `sources` scope names, and none for a `countries` scope, since the
 * figures count every country's records.
 */
export function sourceInScope(scope: RowScope | undefined, source: string): boolean {
  if (!scope) return true;
  if (scope.countries) return false;
  return !scope.sources || scope.sources.includes(source);
}
