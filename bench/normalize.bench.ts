/**
 * Throughput of record-level normalization on one core.
 *
 * Records are generated with a fixed seed and are as varied as real feeds: every
 * phone number, email and timestamp is different, names come from realistic pools
 * (Latin and Han, in several writings), and each field appears in several formats,
 * with occasional typos, full-width digits and invalid values.
 *
 * Two mixes are measured:
 * - core: names, email, phone, birth date, money with symbols, country;
 * - full: core plus a sign-up timestamp read in the source's time zone, gender, city,
 *   and conversion of the amount into the base currency.
 * Prints one JSON line per figure on stdout and nothing else.
 */
import { InMemoryFxRates, type FxRateProvider } from '../src/normalize/fx';
import { normalizeCustomerFields, type RawCustomerFields } from '../src/normalize/record';
import { resolveNormalizeSettings, type SourceNormalizeSettings } from '../src/normalize/settings';
import { seededRandom } from '../src/resolve/random';

// Records are normalized in batches of the size a sync run loads at once.
const BATCH = Number(process.env.NORMALIZE_BENCH_BATCH ?? 1_000);
const MIN_SECONDS = Number(process.env.NORMALIZE_BENCH_SECONDS ?? 3);

const random = seededRandom(0x5eed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const GIVEN = ['james', 'mary', 'john', 'patricia', 'robert', 'jennifer', 'michael', 'linda', 'david', 'elizabeth', 'william', 'barbara', 'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'charles', 'karen', 'xiaoming', 'wei', 'fang', 'jose', 'maria', 'ana', 'luis', 'mary-jane', 'jean-luc', 'sean', 'siobhan', 'hiroshi', 'yuki', 'olga', 'ivan', 'fatima', 'mohammed', 'priya', 'raj', 'emma'];
const FAMILY = ['smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', "o'brien", 'mcdonald', 'van der berg', 'de la cruz', 'wang', 'li', 'zhang', 'liu', 'chen', 'nguyen', 'kim', 'park', 'tanaka', 'suzuki', 'müller', 'schmidt', 'rossi', 'dubois', 'kowalski', 'ivanov', 'singh', 'patel'];
const HAN_FAMILY = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '欧阳', '司马', '诸葛', '上官', '单', '曾'];
const HAN_GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志文辉小红玉梅晨宇浩然子轩欣怡思雨梓涵一诺佳琪俊杰博文天佑嘉怡雅琴海燕春梅立新德明永强丹凤晓东振华'.split('');
const DOMAINS = ['gmail.com', 'qq.com', '163.com', 'outlook.com', 'yahoo.com', 'hotmail.com', 'example.com', 'company.cn', 'sina.com', '126.com'];
const TYPOS = ['gmial.com', 'gmai.com', 'qq.con', '163.con', 'hotmial.com', 'yahoo.co'];
// A Chinese CRM: most customers live in China, the rest anywhere.
const HOME_COUNTRY = ['CN', 'China', '中国', 'chn', 'PRC'];
const OTHER_COUNTRIES = ['USA', 'U.S.', 'United States', '美国', 'UK', 'England', 'Germany', 'DE', 'Japan', '日本', 'France', 'Canada', 'Australia', 'Singapore', 'HK', 'Hong Kong'];
const US_AREAS = ['212', '213', '310', '312', '415', '503', '617', '646', '702', '718', '805', '917'];
const CN_AREAS = ['10', '20', '21', '22', '23', '24', '25', '27', '28', '29', '755', '571', '512'];
const CITIES = ['beijing', 'SHANGHAI', 'Guangzhou', '深圳', '杭州', 'new york', 'SAN FRANCISCO', 'London', 'Berlin'];

function fullWidth(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

function casing(s: string): string {
  const r = random();
  return r < 0.5 ? s : r < 0.75 ? s.toUpperCase() : s.replace(/(^|[\s'-])\p{Ll}/gu, (m) => m.toUpperCase());
}

const SYLLABLES = ['ka', 'ri', 'mo', 'san', 'del', 'ber', 'ton', 'li', 'vic', 'ha', 'nor', 'el', 'mar', 'go', 'wen', 'sta', 'fi', 'ro', 'ben', 'ley', 'dra', 'ku', 'tis', 'om', 'bar', 'qui', 'zel', 'ya', 'pe', 'sh'];

function invented(syllables: number): string {
  let word = '';
  for (let i = 0; i < syllables; i++) word += pick(SYLLABLES);
  return word;
}

function name(): Partial<Record<string, string>> {
  const r = random();
  if (r < 0.2) {
    let given = pick(HAN_GIVEN);
    if (random() < 0.7) given += pick(HAN_GIVEN);
    const family = pick(HAN_FAMILY);
    return random() < 0.5 ? { fullName: family + given } : { familyName: family, givenName: given };
  }
  // Common names repeat, but both lists have long tails: rarer names are made up.
  const given = random() < 0.85 ? pick(GIVEN) : invented(2);
  const family = random() < 0.6 ? pick(FAMILY) : invented(random() < 0.5 ? 2 : 3);
  if (r < 0.6) return { givenName: casing(given), familyName: casing(family) };
  if (r < 0.75) return { fullName: `${family.toUpperCase()} ${casing(given)}` };
  if (r < 0.85) return { fullName: `${casing(family)}, ${casing(given)}` };
  return { fullName: `${casing(given)} ${casing(family)}` };
}

function email(local: string, serial: number): string {
  const domain = random() < 0.05 ? pick(TYPOS) : pick(DOMAINS);
  const address = `${local.replace(/[^a-z]/gi, '').toLowerCase() || 'user'}.${serial}@${domain}`;
  const r = random();
  return r < 0.1 ? `  ${address.toUpperCase()} ` : r < 0.12 ? 'not-an-email' : address;
}

function phone(): string {
  const r = random();
  const mobile = `1${pick(['3', '5', '8', '9'])}${int(0, 9)}${pad(int(0, 9999), 4)}${pad(int(0, 9999), 4)}`;
  if (r < 0.3) return `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`;
  if (r < 0.5) return `+86-${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`;
  if (r < 0.6) return mobile;
  if (r < 0.7) {
    const area = pick(CN_AREAS);
    const local = String(int(2, 8)) + pad(int(0, 9_999_999), area.length === 2 ? 7 : 6);
    return `(0${area}) ${local.slice(0, 4)} ${local.slice(4)}`;
  }
  if (r < 0.85) return `+1 ${pick(US_AREAS)}-${int(200, 999)}-${pad(int(0, 9999), 4)}`;
  if (r < 0.95) return fullWidth(`${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`);
  return `+44 20 ${int(7000, 8999)} ${pad(int(0, 9999), 4)}`;
}

function birthDate(): string {
  const y = int(1940, 2006);
  const m = int(1, 12);
  const d = random() < 0.01 ? 31 : int(1, 28);
  const formats = [`${y}-${pad(m)}-${pad(d)}`, `${y}/${pad(m)}/${pad(d)}`, `${pad(d)}.${pad(m)}.${y}`, `${y}年${m}月${d}日`, `${y}${pad(m)}${pad(d)}`];
  return pick(formats);
}

function signupAt(): string {
  const ms = Date.UTC(2015, 0, 1) + Math.floor(random() * 10 * 365 * 86_400_000);
  const iso = new Date(ms).toISOString();
  const r = random();
  if (r < 0.3) return iso;
  if (r < 0.5) return String(ms);
  if (r < 0.7) return `${iso.slice(0, 19)}+08:00`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function money(): string {
  const units = int(0, 99_999);
  const cents = pad(int(0, 99));
  const grouped = units.toLocaleString('en-US');
  const r = random();
  if (r < 0.3) return `¥${grouped}.${cents}`;
  if (r < 0.45) return `$${units}`;
  if (r < 0.6) return `${units.toLocaleString('de-DE')},${cents} €`;
  if (r < 0.75) return `CNY ${units}.${cents}`;
  if (r < 0.85) return `${units} USD`;
  return `${units}.${cents}`;
}

/** One row of a fixed-column export: every record has every column, empty when unknown. */
type Mix = 'core' | 'full';

/** One row of a fixed-column export: every record has every column, empty when unknown. */
function record(serial: number, mix: Mix): RawCustomerFields {
  const n = name();
  const local = n.givenName ?? n.fullName ?? 'user';
  const core = {
    fullName: n.fullName ?? '',
    givenName: n.givenName ?? '',
    familyName: n.familyName ?? '',
    email: email(/[a-z]/i.test(local) ? local : 'user', serial),
    phone: phone(),
    birthDate: birthDate(),
    country: random() < 0.7 ? pick(HOME_COUNTRY) : pick(OTHER_COUNTRIES),
    lifetimeValue: money(),
  };
  if (mix === 'core') return core;
  return {
    ...core,
    signupAt: signupAt(),
    gender: pick(['M', 'F', 'male', 'female', '男', '女']),
    city: random() < 0.5 ? pick(CITIES) : '',
  };
}

const coreSettings = resolveNormalizeSettings({ defaultCountry: 'CN', currency: 'CNY', timezone: 'Asia/Shanghai', today: '2025-06-01' });
const fullSettings = resolveNormalizeSettings({ ...coreSettings, baseCurrency: 'CNY' });
const rates = new InMemoryFxRates('CNY', [
  { currency: 'USD', date: '2014-01-01', rate: '7.1' },
  { currency: 'EUR', date: '2014-01-01', rate: '7.8' },
]);

let serial = 0;
/**
 * A batch of fresh records, passed through JSON as they arrive from a JSON or REST
 * connector (flat strings, not the concatenations the generator builds). Every
 * timed record is new, so caches see the hit rates of a real run, not of a replay.
 */
function batch(size: number, mix: Mix): RawCustomerFields[] {
  const generated: RawCustomerFields[] = [];
  for (let i = 0; i < size; i++) generated.push(record(serial++, mix));
  return JSON.parse(JSON.stringify(generated)) as RawCustomerFields[];
}

let sink = 0;

interface Measured {
  cpuRate: number;
  wallRate: number;
  rejectedShare: number;
}

/**
 * Timed batches; generating them is not timed. Throughput is reported against this
 * process's CPU time (user + system, GC threads included), which is what "on one
 * core" means and is far less disturbed by other processes on a shared machine than
 * wall time (shared caches still slow it down); wall-clock throughput is reported beside it.
 */
function measure(mix: Mix, settings: SourceNormalizeSettings, fx?: FxRateProvider): Measured {
  const run = (records: readonly RawCustomerFields[]): number => {
    let rejected = 0;
    for (const input of records) {
      const out = normalizeCustomerFields(input, settings, fx);
      sink += out.corrections.length;
      if (out.rejections.length > 0) rejected++;
    }
    return rejected;
  };
  // Warm-up: let the JIT settle and compile the per-region phone plans once.
  run(batch(20_000, mix));
  let processed = 0;
  let rejected = 0;
  let cpuMicros = 0;
  let wallSeconds = 0;
  do {
    const records = batch(BATCH, mix);
    const cpu = process.cpuUsage();
    const wall = process.hrtime.bigint();
    rejected += run(records);
    wallSeconds += Number(process.hrtime.bigint() - wall) / 1e9;
    const used = process.cpuUsage(cpu);
    cpuMicros += used.user + used.system;
    processed += records.length;
  } while (wallSeconds < MIN_SECONDS);
  return { cpuRate: processed / (cpuMicros / 1e6), wallRate: processed / wallSeconds, rejectedShare: rejected / processed };
}

const emit = (name: string, value: number, unit: string): void => {
  process.stdout.write(JSON.stringify({ name, value, unit }) + '\n');
};
const core = measure('core', coreSettings);
emit('normalize.records_per_second', Math.round(core.cpuRate), 'records/s');
emit('normalize.records_per_wall_second', Math.round(core.wallRate), 'records/s');
emit('normalize.rejected_share', Math.round(core.rejectedShare * 1000) / 1000, 'ratio');
const full = measure('full', fullSettings, rates);
emit('normalize.full_records_per_second', Math.round(full.cpuRate), 'records/s');
if (sink < 0) process.stderr.write('unreachable\n');
