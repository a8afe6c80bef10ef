import { pinyin } from 'pinyin-pro';
import { isCommonIdeographText } from './text';

// Imported functions on the per-record path are bound once: under tsx (esbuild's CommonJS
// output) a call through an import otherwise goes through two export getters each time.
const isCommonIdeographTextFn = isCommonIdeographText;

/**
 * Chinese names written in Han characters: family/given split and pinyin for matching.
 * Names are kept exactly as written; pinyin is returned beside them so that
 * `王小明` and `Wang Xiaoming` can be compared.
 */

/** Two-character (compound) surnames; everything else takes the first character. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '歐陽', '司马', '司馬', '诸葛', '諸葛', '上官', '东方', '東方', '皇甫', '尉迟', '尉遲',
  '公孙', '公孫', '慕容', '长孙', '長孫', '宇文', '司徒', '夏侯', '轩辕', '軒轅', '令狐', '端木',
  '独孤', '獨孤', '南宫', '南宮', '西门', '西門', '百里', '呼延', '万俟', '萬俟', '闻人', '聞人',
  '申屠', '澹台', '公冶', '太史', '赫连', '赫連', '钟离', '鍾離', '宗政', '濮阳', '濮陽', '公羊',
  '仲孙', '仲孫', '单于', '單于', '拓跋', '第五', '东郭', '東郭', '左丘', '梁丘', '谷梁', '穀梁',
  '羊舌', '微生', '乐正', '樂正', '漆雕', '巫马', '巫馬', '公西', '颛孙', '顓孫', '亓官', '司寇',
  '段干', '東門', '东门', '归海', '歸海', '司空', '闾丘', '閭丘', '公良', '子车', '子車',
]);

const HAN_ONLY = /^[\p{Script=Han}\u00b7\u2022\u30fb\u2027 ]+$/u;
const NAME_DOT = /[\u00b7\u2022\u30fb\u2027]/;

export interface HanName {
  familyName: string;
  givenName: string;
  familyNamePinyin: string;
  givenNamePinyin: string;
  /** `·` names are transliterations or minority names written given-first. */
  order: 'family-first' | 'given-first';
}

export function isHanName(text: string): boolean {
  // Han characters start at U+2E80: text starting below that (any Latin name) is ruled out at once.
  if (text.length === 0 || text.charCodeAt(0) < 0x2e80) return false;
  // Names made only of common ideographs are answered without the Unicode-property regex.
  return isCommonIdeographTextFn(text) || HAN_ONLY.test(text);
}

export function splitHanName(text: string): HanName | undefined {
  if (NAME_DOT.test(text)) {
    const parts = text.split(NAME_DOT).map((p) => p.replace(/ /g, '')).filter((p) => p !== '');
    if (parts.length < 2) return undefined;
    const givenName = parts[0]!;
    const familyName = parts[parts.length - 1]!;
    return { familyName, givenName, familyNamePinyin: plainPinyin(familyName), givenNamePinyin: plainPinyin(givenName), order: 'given-first' };
  }
  // Most Han names have no space at all: no split, no join.
  const spaced = text.indexOf(' ') < 0 ? undefined : text.split(' ');
  let familyName: string;
  let givenName: string;
  if (spaced !== undefined && spaced.length === 2) {
    // An explicit space is the writer telling us where the surname ends.
    familyName = spaced[0]!;
    givenName = spaced[1]!;
  } else {
    const joined = spaced === undefined ? text : spaced.join('');
    if (joined.length < 2) return undefined;
    const head = joined.slice(0, 2);
    const familyLength = joined.length >= 3 && COMPOUND_SURNAMES.has(head) ? 2 : 1;
    familyName = joined.slice(0, familyLength);
    givenName = joined.slice(familyLength);
  }
  return {
    familyName,
    givenName,
    familyNamePinyin: surnamePinyin(familyName),
    givenNamePinyin: givenPinyin(givenName),
    order: 'family-first',
  };
}

// Surnames are a few hundred strings, so their pinyin is cached without bound.
const surnameCache = new Map<string, string>();
// Given names repeat heavily in real data; the cache is bounded so a long run cannot grow it forever.
const GIVEN_CACHE_LIMIT = 50_000;
const givenCache = new Map<string, string>();

/** Surname readings differ from ordinary ones (单 shan, 曾 zeng, 乐 yue), hence `surname: 'head'`. */
export function surnamePinyin(family: string): string {
  let cached = surnameCache.get(family);
  if (cached === undefined) {
    cached = pinyin(family, { toneType: 'none', type: 'array', surname: 'head', v: true }).join('').toLowerCase();
    surnameCache.set(family, cached);
  }
  return cached;
}

export function givenPinyin(given: string): string {
  const simple = monophonicPinyin(given);
  if (simple !== undefined) return simple;
  let cached = givenCache.get(given);
  if (cached === undefined) {
    cached = plainPinyin(given);
    if (givenCache.size >= GIVEN_CACHE_LIMIT) givenCache.clear();
    givenCache.set(given, cached);
  }
  return cached;
}

/**
 * Toneless reading of each character that has only one (明 ming, 小 xiao), or null
 * for characters read differently in different words (乐 le/yue, 长 chang/zhang).
 * At most one entry per distinct character, so the map stays small. Keyed by character
 * code: a one-character string of an ideograph would be a new string for every lookup.
 */
const singleReading = new Map<number, string | null>();

/**
 * Pinyin of a name made only of single-reading characters, character by character:
 * context cannot change such a reading, so this equals what pinyin-pro returns for
 * the whole name, at a fraction of the cost. Undefined when context matters.
 */
function monophonicPinyin(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let reading = singleReading.get(code);
    if (reading === undefined) {
      if (code >= 0xd800 && code <= 0xdfff) return undefined;
      const readings = new Set(pinyin(text[i]!, { toneType: 'none', type: 'array', multiple: true, v: true }));
      reading = readings.size === 1 ? [...readings][0]!.toLowerCase() : null;
      singleReading.set(code, reading);
    }
    if (reading === null) return undefined;
    out += reading;
  }
  return out;
}

function plainPinyin(text: string): string {
  return pinyin(text, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase();
}
