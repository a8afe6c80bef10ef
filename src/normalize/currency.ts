/**
 * ISO 4217 currencies, their minor units, and the one table of symbols that map to them.
 */
import { BoundedMemo } from './memo';

/** Currencies with a number of minor units other than 2. */
const MINOR_UNIT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** Active ISO 4217 codes, plus a few withdrawn recently enough to still appear in customer history. */
const CODES = `
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP
BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD
JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU
MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY
TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW
ZWG ZWL`;

const MINOR_UNITS: ReadonlyMap<string, number> = new Map(Object.entries(MINOR_UNIT_EXCEPTIONS));

export const CURRENCY_CODES: ReadonlySet<string> = new Set(CODES.trim().split(/\s+/));

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_CODES.has(code);
}

/** Digits after the decimal point in amounts of this currency (JPY 0, USD 2, KWD 3). */
export function minorUnits(code: string): number {
  return MINOR_UNITS.get(code) ?? 2;
}

interface SymbolMeaning {
  /** Currencies the symbol is used for; the source's default currency picks among them. */
  candidates: readonly string[];
  /** Used when the source's default is not a candidate; none for truly ambiguous symbols. */
  fallback?: string;
}

const DOLLARS = ['USD', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'TWD', 'MXN', 'BSD', 'BBD', 'BZD', 'FJD', 'JMD', 'LRD', 'NAD', 'SBD', 'SRD', 'TTD', 'XCD', 'KYD', 'BMD', 'GYD'];

const one = (code: string): SymbolMeaning => ({ candidates: [code], fallback: code });

/** The one table of currency symbols and local names. Keys are matched case-insensitively. */
const SYMBOL_TABLE: ReadonlyArray<readonly [readonly string[], SymbolMeaning]> = [
  [['$'], { candidates: DOLLARS, fallback: 'USD' }],
  [['US$', 'USD$', 'U$S'], one('USD')],
  [['C$', 'CA$', 'CAD$'], one('CAD')],
  [['A$', 'AU$', 'AUD$'], one('AUD')],
  [['NZ$'], one('NZD')],
  [['HK$'], one('HKD')],
  [['S$', 'SG$'], one('SGD')],
  [['NT$'], one('TWD')],
  [['R$'], one('BRL')],
  [['MX$'], one('MXN')],
  // ¥ is both yuan and yen: the source's default currency decides, otherwise yuan.
  [['¥'], { candidates: ['CNY', 'JPY'], fallback: 'CNY' }],
  [['CN¥', 'RMB', '元', '人民币', '人民幣', '圆'], one('CNY')],
  [['JP¥', '円'], one('JPY')],
  [['€', 'EURO', 'EUROS'], one('EUR')],
  [['£'], { candidates: ['GBP', 'EGP', 'GIP', 'FKP', 'SHP'], fallback: 'GBP' }],
  [['₩', '원'], one('KRW')],
  [['₹', 'RS.', 'RS'], { candidates: ['INR', 'PKR', 'LKR', 'NPR'], fallback: 'INR' }],
  [['₽', 'РУБ', 'РУБ.'], one('RUB')],
  [['₺'], one('TRY')],
  [['฿'], one('THB')],
  [['₫'], one('VND')],
  [['₱'], one('PHP')],
  [['₪'], one('ILS')],
  [['₴'], one('UAH')],
  [['₦'], one('NGN')],
  [['ZŁ'], one('PLN')],
  [['KČ'], one('CZK')],
  [['FT'], one('HUF')],
  [['RM'], one('MYR')],
  [['RP'], one('IDR')],
  [['FR.', 'FR', 'SFR'], { candidates: ['CHF'], fallback: 'CHF' }],
  // "kr" is Swedish, Norwegian, Danish and Icelandic: only the source default can say which.
  [['KR', 'KR.'], { candidates: ['SEK', 'NOK', 'DKK', 'ISK'] }],
];

const SYMBOLS: ReadonlyMap<string, SymbolMeaning> = new Map(
  SYMBOL_TABLE.flatMap(([keys, meaning]) => keys.map((key) => [key.toUpperCase(), meaning] as const)),
);

export type CurrencyResolution = { ok: true; currency: string } | { ok: false; ambiguous: boolean };

/**
 * A currency token as written beside an amount (`USD`, `usd`, `$`, `¥`, `元`) → ISO code.
 * `defaultCurrency` (the source's) resolves shared symbols.
 */
export function resolveCurrency(token: string, defaultCurrency?: string): CurrencyResolution {
  const memo = resolutionsFor(defaultCurrency ?? '');
  let resolution = memo.get(token);
  if (resolution === undefined) {
    // Frozen: the same object is handed to every caller with this token.
    resolution = Object.freeze(resolveUncached(token, defaultCurrency));
    memo.set(token, resolution);
  }
  return resolution;
}

/**
 * Amounts carry a handful of distinct tokens (`¥`, `€`, `USD`), and uppercasing a
 * non-Latin symbol goes through ICU: answers are memoized per default currency
 * (bounded, since a source may write any text beside its numbers).
 */
const resolutions = new Map<string, BoundedMemo<string, CurrencyResolution>>();
const RESOLUTION_LIMIT = 256;

function resolutionsFor(defaultCurrency: string): BoundedMemo<string, CurrencyResolution> {
  let memo = resolutions.get(defaultCurrency);
  if (memo === undefined) {
    memo = new BoundedMemo(RESOLUTION_LIMIT);
    // Default currencies come from configuration, but the map stays bounded all the same.
    if (resolutions.size >= RESOLUTION_LIMIT) resolutions.clear();
    resolutions.set(defaultCurrency, memo);
  }
  return memo;
}

function resolveUncached(token: string, defaultCurrency: string | undefined): CurrencyResolution {
  const upper = token.toUpperCase();
  if (upper.length === 3 && CURRENCY_CODES.has(upper)) return { ok: true, currency: upper };
  const meaning = SYMBOLS.get(upper);
  if (meaning === undefined) return { ok: false, ambiguous: false };
  if (defaultCurrency !== undefined && meaning.candidates.includes(defaultCurrency)) return { ok: true, currency: defaultCurrency };
  if (meaning.fallback !== undefined) return { ok: true, currency: meaning.fallback };
  return { ok: false, ambiguous: true };
}

const PRIMARY_SYMBOL: Readonly<Record<string, string>> = {
  USD: '$', EUR: '€', GBP: '£', CNY: '¥', JPY: '¥', KRW: '₩', INR: '₹', RUB: '₽', TRY: '₺', THB: '฿',
  VND: '₫', PHP: '₱', ILS: '₪', UAH: '₴', NGN: '₦', CAD: 'CA$', AUD: 'A$', NZD: 'NZ$', HKD: 'HK$',
  SGD: 'S$', TWD: 'NT$', BRL: 'R$', MXN: 'MX$',
};

/** The usual symbol for display, or undefined when the code itself is what people write. */
export function currencySymbol(code: string): string | undefined {
  return PRIMARY_SYMBOL[code];
}
