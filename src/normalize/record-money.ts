/** Record-level normalization of the lifetime value: amount, currency and its copy in the base currency. */
import { convertMoney, type FxRateProvider } from './fx';
import { parseMoney, type MoneyOptions } from './money';
import { present, type CanonicalValues } from './record-input';
import { accepted, type Run } from './record-run';
import { correction } from './result';
import type { SourceNormalizeSettings } from './settings';
import { normalizeText } from './text';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const convertMoneyFn = convertMoney;
const parseMoneyFn = parseMoney;
const presentFn = present;
const acceptedFn = accepted;
const correctionFn = correction;
const normalizeTextFn = normalizeText;

const moneyOptionsCache = new WeakMap<SourceNormalizeSettings, MoneyOptions>();
// A run normalizes record after record with one settings object: the last answer is kept.
let lastMoneyOptionsOf: SourceNormalizeSettings | undefined;
let lastMoneyOptions: MoneyOptions | undefined;
function moneyOptionsOf(settings: SourceNormalizeSettings): MoneyOptions {
  if (settings === lastMoneyOptionsOf && lastMoneyOptions !== undefined) return lastMoneyOptions;
  let options = moneyOptionsCache.get(settings);
  if (options === undefined) {
    options = { defaultCurrency: settings.currency, decimalSeparator: settings.decimalSeparator };
    moneyOptionsCache.set(settings, options);
  }
  lastMoneyOptionsOf = settings;
  lastMoneyOptions = options;
  return options;
}

export function normalizeLifetimeValue(run: Run, v: CanonicalValues, rates: FxRateProvider | undefined, fxDate: string): void {
  const raw = presentFn(run.corrections, 'lifetimeValue', v.lifetimeValue);
  const currencyRaw = presentFn(run.corrections, 'currency', v.currency);
  if (raw === undefined) return;
  const { settings } = run;
  const money = parseMoneyFn(raw, currencyRaw === undefined ? moneyOptionsOf(settings) : {
    currency: normalizeTextFn(currencyRaw).toUpperCase(),
    defaultCurrency: settings.currency,
    decimalSeparator: settings.decimalSeparator,
  });
  if (!acceptedFn(run, 'lifetimeValue', raw, money)) return;
  run.fields.lifetimeValue = money.value.amount;
  run.fields.currency = money.value.currency;
  if (settings.baseCurrency === undefined || rates === undefined) return;
  const converted = convertMoneyFn(money.value.amount, money.value.currency, settings.baseCurrency, fxDate, rates);
  if (converted.ok) {
    run.fields.lifetimeValueBase = converted.value.amount;
    run.fields.lifetimeValueBaseCurrency = converted.value.currency;
  } else if ((settings.onInvalid.lifetimeValue ?? settings.defaultOnInvalid) === 'drop') {
    // The amount itself is fine; only its converted copy is left out.
    run.corrections.push(correctionFn('VALUE_DROPPED', raw, '', 'lifetimeValueBase'));
  } else {
    run.rejections.push({ field: 'lifetimeValue', code: converted.code, message: converted.message });
  }
}
