/**
 * Generates the bundled demo dataset in demo/: three sources (a CRM export, a web shop export,
 * a support desk export) that describe overlapping people in their own formats, with the usual
 * disagreements: email case and spacing, date formats, missing fields, the odd typo.
 * Deterministic (seeded), so the committed files only change when this script does.
 * Run: npx tsx scripts/generate-demo.ts
 */
import fs from 'node:fs';
import path from 'node:path';

let seed = 20231105;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const GIVEN = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Lucas', 'Mia', 'Leon', 'Sofia', 'Ben', 'Hannah', 'Jonas', 'Lea', 'Felix', 'Anna', 'Paul', 'Clara', 'Max', 'Julia', 'Tom', 'Sarah', 'David', 'Laura', 'Daniel', 'Chloe', 'Oscar', 'Ines', 'Hugo', 'Nina', 'Elias'];
const FAMILY = ['Smith', 'Müller', 'Garcia', "O'Brien", 'Schmidt', 'Martin', 'Rossi', 'Dubois', 'Novak', 'Jansen', 'Kowalski', 'Silva', 'Fischer', 'Weber', 'Meyer', 'Brown', 'Taylor', 'Moreau', 'Bianchi', 'Costa'];
const HAN = [
  ['王', '小明', 'wang', 'xiaoming'],
  ['李', '娜', 'li', 'na'],
  ['张', '伟', 'zhang', 'wei'],
  ['刘', '洋', 'liu', 'yang'],
  ['陈', '静', 'chen', 'jing'],
] as const;
const COUNTRIES = ['DE', 'FR', 'GB', 'US', 'IT', 'NL', 'CN', 'ES'];
const DOMAINS = ['example.com', 'mail.example.org', 'post.example.net'];

interface Person {
  given: string;
  family: string;
  email: string | null;
  phone: string;
  birth: [number, number, number];
  country: string;
}

function makePerson(index: number): Person {
  const han = index % 30 === 7 ? HAN[(index / 30) % HAN.length | 0] : undefined;
  const given = han ? han[1] : pick(GIVEN);
  const family = han ? han[0] : pick(FAMILY);
  const local = han ? `${han[3]}.${han[2]}${index}` : `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '') + index;
  const country = han ? 'CN' : pick(COUNTRIES);
  return {
    given,
    family,
    email: random() < 0.9 ? `${local}@${pick(DOMAINS)}` : null,
    phone: `+49 151 ${String(10000000 + Math.floor(random() * 89999999))}`,
    birth: [1950 + Math.floor(random() * 55), 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28)],
    country,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');
function csv(rows: (string | number | null)[][]): string {
  return `${rows
    .map((row) =>
      row
        .map((cell) => {
          const text = cell === null ? '' : String(cell);
          return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
        })
        .join(','),
    )
    .join('\n')}\n`;
}
function typo(name: string): string {
  if (name.length < 4 || random() > 0.5) return name;
  const i = 1 + Math.floor(random() * (name.length - 2));
  return name.slice(0, i) + (name[i + 1] ?? '') + (name[i] ?? '') + name.slice(i + 2);
}

const people = Array.from({ length: 150 }, (_, i) => makePerson(i));
const crm: (string | number | null)[][] = [['customer_id', 'first_name', 'last_name', 'email', 'phone', 'birth_date', 'country', 'email_opt_in', 'sms_opt_in', 'consent_date']];
const shop: (string | number | null)[][] = [['Customer No', 'Given Name', 'Family Name', 'E-Mail', 'Mobile', 'DOB', 'Country', 'Newsletter', 'Newsletter Changed']];

// Marketing consent is derived from the row number, not drawn from the generator, so adding it
// left every other value as it was. The CRM states both channels with a time; the shop states
// only its newsletter (email), a year later, so where both speak the shop's newer word wins.
function crmConsent(i: number): (string | null)[] {
  const email = [null, 'yes', 'yes', 'yes', 'no'][i % 5] ?? null;
  const sms = ['1', '0', null][i % 3] ?? null;
  const time = email === null && sms === null ? null : `2024-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}T09:30:00Z`;
  return [email, sms, time];
}
function shopConsent(i: number): (string | null)[] {
  const newsletter = ['opt-out', 'opt-in', null, null, null, null][i % 6] ?? null;
  return [newsletter, newsletter === null ? null : `2025-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`];
}
const support: (string | number | null)[][] = [['ticket_user', 'first', 'last', 'email', 'birthday']];

people.forEach((p, i) => {
  const [y, m, d] = p.birth;
  if (i % 4 !== 3) {
    crm.push([`CRM-${1000 + i}`, p.given, p.family, p.email, p.phone, `${y}-${pad(m)}-${pad(d)}`, p.country, ...crmConsent(i)]);
  }
  if (i % 3 !== 2) {
    const email = p.email ? (random() < 0.5 ? `  ${p.email.toUpperCase()} ` : p.email) : null;
    shop.push([`S${50000 + i * 7}`, typo(p.given), p.family.toUpperCase(), email, p.phone.replace(/ /g, ''), `${pad(d)}.${pad(m)}.${y}`, random() < 0.8 ? p.country : null, ...shopConsent(i)]);
  }
  if (i % 2 === 0) {
    support.push([`u_${(i * 2654435761) % 99991}`, p.given.toLowerCase(), p.family, p.email, random() < 0.7 ? `${y}/${pad(m)}/${pad(d)}` : null]);
  }
});

// A few rows as real exports have them, so the quarantine and corrections have something to show.
shop.push(['S99001', 'Jonas', 'WEBER', 'jonas.weber@@example.com', '+4915112345678', '12.03.1984', 'DE', null, null]);
shop.push(['S99002', 'Lea', 'FISCHER', 'lea.fischer@example.com', '+4915187654321', '31.02.1980', 'DE', 'opt-in', '2025-03-01']);
support.push(['u_typo1', 'nina', 'Costa', 'nina.costa.demo@gmial.com', '1991/07/14']);

const dir = path.resolve(__dirname, '..', 'demo');
fs.writeFileSync(path.join(dir, 'crm_customers.csv'), csv(crm));
fs.writeFileSync(path.join(dir, 'shop_customers.csv'), csv(shop));
fs.writeFileSync(path.join(dir, 'support_users.csv'), csv(support));
process.stderr.write(`demo: ${crm.length - 1} crm, ${shop.length - 1} shop, ${support.length - 1} support records\n`);
