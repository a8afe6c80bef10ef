import type { Knex } from 'knex';

export interface StoredFxRate {
  currency: string;
  /** YYYY-MM-DD */
  date: string;
  /** Units of the base currency per one unit of `currency`, as an exact decimal string. */
  rate: string;
}

/** The `fx_rates` table. Rates are exact decimals (DECIMAL on MySQL, text on SQLite), never floats. */
export class FxRateRepository {
  constructor(private readonly knex: Knex) {}

  async upsertMany(rates: readonly StoredFxRate[]): Promise<void> {
    for (let i = 0; i < rates.length; i += 500) {
      const rows = rates.slice(i, i + 500).map((r) => ({ currency: r.currency, rate_date: r.date, rate: r.rate }));
      await this.knex('fx_rates').insert(rows).onConflict(['currency', 'rate_date']).merge(['rate']);
    }
  }

  async all(): Promise<StoredFxRate[]> {
    const rows = await this.knex('fx_rates').select('currency', 'rate_date', 'rate').orderBy(['currency', 'rate_date']);
    return rows.map((row: Record<string, unknown>) => ({ currency: String(row.currency), date: String(row.rate_date), rate: String(row.rate) }));
  }
}
