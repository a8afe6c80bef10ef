import type Decimal from 'decimal.js';
import { isCurrencyCode, minorUnits } from './currency';
import { amountString, isPlainDecimal, MoneyDecimal, toAmountString, type Money } from './money';
import { accept, reject, type Normalized } from './result';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const isCurrencyCodeFn = isCurrencyCode;
const minorUnitsFn = minorUnits;
const amountStringFn = amountString;
const isPlainDecimalFn = isPlainDecimal;
const toAmountStringFn = toAmountString;
const acceptFn = accept;
const rejectFn = reject;

/**
 * Exchange rates.
 *
 * Convention: `rateFor(currency, date)` is how many units of `baseCurrency` one
 * unit of `currency` was worth on `date` (base CNY, USD on some day: `7.1234`).
 * The base currency itself always has rate 1 and is never asked for.
 */
export interface FxRateProvider {
  readonly baseCurrency: string;
  /** `date` is `YYYY-MM-DD`; undefined when no rate is known (never guess 1). */
  rateFor(currency: string, date: string): Decimal | undefined;
}

/**
 * Converts an amount between currencies through the provider's base currency and
 * rounds half-even to the target's minor units. A missing or non-positive rate is
 * MISSING_FX_RATE, never a silent 1:1.
 */
export function convertMoney(
  amount: string | Decimal,
  from: string,
  to: string,
  date: string,
  rates: FxRateProvider,
): Normalized<Money> {
  if (!isCurrencyCodeFn(from)) return rejectFn('UNKNOWN_CURRENCY', `currency "${from}" is not an ISO 4217 code`);
  if (!isCurrencyCodeFn(to)) return rejectFn('UNKNOWN_CURRENCY', `currency "${to}" is not an ISO 4217 code`);
  if (typeof amount === 'string' && !isPlainDecimalFn(amount)) {
    return rejectFn('BAD_AMOUNT', `amount "${amount}" is not a plain decimal number`);
  }
  if (from === to) {
    return acceptFn({ amount: typeof amount === 'string' ? amountStringFn(amount, to) : toAmountStringFn(amount, to), currency: to });
  }
  const value = new MoneyDecimal(amount);

  const fromRate = rateOf(from, date, rates);
  if (fromRate === undefined) return missingRate(from, date);
  const toRate = rateOf(to, date, rates);
  if (toRate === undefined) return missingRate(to, date);
  // Skipping the identity factor matters: a 40-digit division is the costliest step here.
  const inBase = from === rates.baseCurrency ? value : value.times(fromRate);
  const converted = to === rates.baseCurrency ? inBase : inBase.dividedBy(toRate);
  // toFixed rounds (half-even here) and formats in one step.
  let text = converted.toFixed(minorUnitsFn(to), MoneyDecimal.ROUND_HALF_EVEN);
  if (text.charCodeAt(0) === 45 /* - */ && !/[1-9]/.test(text)) text = text.slice(1);
  return acceptFn({ amount: text, currency: to });
}

const ONE = new MoneyDecimal(1);

function rateOf(currency: string, date: string, rates: FxRateProvider): Decimal | undefined {
  if (currency === rates.baseCurrency) return ONE;
  const rate = rates.rateFor(currency, date);
  if (rate === undefined) return undefined;
  const value = rate instanceof MoneyDecimal ? rate : new MoneyDecimal(rate);
  return value.isFinite() && value.greaterThan(0) ? value : undefined;
}

function missingRate(currency: string, date: string): Normalized<Money> {
  return rejectFn('MISSING_FX_RATE', `no exchange rate for ${currency} on or before ${date}`);
}

export interface FxRateRow {
  currency: string;
  /** `YYYY-MM-DD` */
  date: string;
  /** Units of base per one unit of `currency`, as a decimal string. */
  rate: string | Decimal;
}

/**
 * Rates held in memory (loaded from the `fx_rates` table by the caller). A day
 * without its own rate uses the most recent earlier one, as is usual for daily
 * reference rates over weekends and holidays.
 */
export class InMemoryFxRates implements FxRateProvider {
  private readonly byCurrency = new Map<string, { dates: string[]; rates: Decimal[] }>();

  constructor(
    readonly baseCurrency: string,
    rows: Iterable<FxRateRow>,
  ) {
    const grouped = new Map<string, FxRateRow[]>();
    for (const row of rows) {
      const list = grouped.get(row.currency) ?? [];
      list.push(row);
      grouped.set(row.currency, list);
    }
    for (const [currency, list] of grouped) {
      list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      this.byCurrency.set(currency, { dates: list.map((r) => r.date), rates: list.map((r) => new MoneyDecimal(r.rate)) });
    }
  }

  rateFor(currency: string, date: string): Decimal | undefined {
    const series = this.byCurrency.get(currency);
    if (series === undefined) return undefined;
    // Last index whose date is <= the requested date.
    let lo = 0;
    let hi = series.dates.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (series.dates[mid]! <= date) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? undefined : series.rates[found];
  }
}
