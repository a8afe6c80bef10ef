import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { SourceError } from '../errors';
import { InMemoryFxRates, isCurrencyCode, type FxRateProvider } from '../normalize';
import type { Database } from '../store/database';
import { FxRateRepository, type StoredFxRate } from '../store/fx-rate-repository';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a rates CSV with columns `currency,date,rate` (rate = units of the base currency per one
 * unit of `currency`). Every bad row is reported with its line; nothing is loaded unless all are good.
 */
export function readFxRatesCsv(file: string): StoredFxRate[] {
  const name = path.basename(file);
  let rows: Record<string, string>[];
  try {
    rows = parse(fs.readFileSync(file, 'utf8'), { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new SourceError('SOURCE_UNREADABLE', { source: 'fx', position: name }, (error as Error).message);
  }
  const problems: string[] = [];
  const rates: StoredFxRate[] = [];
  rows.forEach((row, index) => {
    const line = index + 2;
    const currency = (row.currency ?? '').toUpperCase();
    const date = row.date ?? '';
    const rateText = row.rate ?? '';
    if (!isCurrencyCode(currency)) problems.push(`${name}:${line}, column "currency": "${row.currency ?? ''}" is not an ISO 4217 code`);
    else if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) problems.push(`${name}:${line}, column "date": "${date}" is not YYYY-MM-DD`);
    else {
      let rate: Decimal | undefined;
      try {
        rate = new Decimal(rateText);
      } catch {
        rate = undefined;
      }
      if (!rate || !rate.isFinite() || rate.lte(0)) problems.push(`${name}:${line}, column "rate": "${rateText}" is not a positive decimal`);
      else rates.push({ currency, date, rate: rate.toFixed() });
    }
  });
  if (problems.length > 0) {
    throw new SourceError('MALFORMED_ROW', { source: 'fx', position: name }, `${problems.length} bad row(s), nothing loaded:\n  ${problems.join('\n  ')}`);
  }
  return rates;
}

export async function loadFxRates(db: Database, file: string): Promise<number> {
  const rates = readFxRatesCsv(file);
  await new FxRateRepository(db.knex).upsertMany(rates);
  return rates.length;
}

/** All stored rates in memory, for converting amounts during a sync into the base currency. */
export async function fxRateProvider(db: Database, baseCurrency: string): Promise<FxRateProvider> {
  const rows = await new FxRateRepository(db.knex).all();
  return new InMemoryFxRates(baseCurrency, rows);
}
