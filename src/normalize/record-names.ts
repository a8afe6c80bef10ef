/** Record-level normalization of names: given and family parts, the full name, its split and pinyin. */
import { givenPinyin, isHanName, surnamePinyin } from './chinese-name';
import { normalizePersonName, splitFullName } from './name';
import { present, type CanonicalValues } from './record-input';
import { accepted, type Run } from './record-run';
import { correction } from './result';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const givenPinyinFn = givenPinyin;
const isHanNameFn = isHanName;
const surnamePinyinFn = surnamePinyin;
const normalizePersonNameFn = normalizePersonName;
const splitFullNameFn = splitFullName;
const presentFn = present;
const acceptedFn = accepted;
const correctionFn = correction;

export function normalizeNames(run: Run, v: CanonicalValues): void {
  const { fields } = run;
  const given = presentFn(run.corrections, 'givenName', v.givenName);
  if (given !== undefined) {
    const r = normalizePersonNameFn(given, 'given');
    if (acceptedFn(run, 'givenName', given, r)) fields.givenName = r.value;
  }
  const family = presentFn(run.corrections, 'familyName', v.familyName);
  if (family !== undefined) {
    const r = normalizePersonNameFn(family, 'family');
    if (acceptedFn(run, 'familyName', family, r)) fields.familyName = r.value;
  }

  const full = presentFn(run.corrections, 'fullName', v.fullName);
  if (full !== undefined) {
    const split = splitFullNameFn(full);
    if (acceptedFn(run, 'fullName', full, split)) {
      const name = split.value;
      fields.fullName = name.fullName;
      if (fields.givenName === undefined && fields.familyName === undefined && name.familyName !== undefined) {
        fields.familyName = name.familyName;
        run.corrections.push(correctionFn('NAME_SPLIT', full, name.familyName, 'familyName'));
        if (name.givenName !== undefined && name.givenName !== '') {
          fields.givenName = name.givenName;
          run.corrections.push(correctionFn('NAME_SPLIT', full, name.givenName, 'givenName'));
        }
      }
    }
  }

  const g = fields.givenName;
  const f = fields.familyName;
  if (fields.fullName === undefined && (g !== undefined || f !== undefined)) {
    const han = (g === undefined || isHanNameFn(g)) && (f === undefined || isHanNameFn(f));
    fields.fullName = han ? (f ?? '') + (g ?? '') : g === undefined ? f : f === undefined ? g : `${g} ${f}`;
  }
  if (f !== undefined && isHanNameFn(f)) fields.familyNamePinyin = surnamePinyinFn(f);
  if (g !== undefined && isHanNameFn(g)) fields.givenNamePinyin = givenPinyinFn(g);
}
