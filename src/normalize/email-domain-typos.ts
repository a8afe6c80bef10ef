/**
 * The one table of mail-domain misspellings corrected automatically.
 * Only misspellings that are not themselves real, registrable mail domains in use
 * belong here; when in doubt leave a domain out (a wrong fix is worse than none).
 */
const TYPOS_BY_DOMAIN: Readonly<Record<string, readonly string[]>> = {
  'gmail.com': [
    'gmial.com', 'gmai.com', 'gamil.com', 'gmal.com', 'gmil.com', 'gnail.com', 'gmaill.com',
    'gmail.co', 'gmail.con', 'gmail.cm', 'gmail.om', 'gmail.comm', 'gmali.com', 'gmaii.com',
    'gmeil.com', 'gmsil.com', 'gmail.cim', 'gmail.vom', 'gmail.xom', 'gmai.co', 'googlemail.con',
  ],
  'hotmail.com': [
    'hotmial.com', 'hotmal.com', 'hotmai.com', 'hotmil.com', 'hotamil.com', 'hotmaill.com',
    'hotmail.co', 'hotmail.con', 'hotmail.cm', 'homail.com', 'hotnail.com', 'hormail.com',
  ],
  'outlook.com': ['outlok.com', 'outllok.com', 'outlook.co', 'outlook.con', 'otlook.com', 'outloo.com'],
  'yahoo.com': ['yahoo.co', 'yahoo.con', 'yaho.com', 'yahooo.com', 'yhoo.com', 'yahho.com', 'yahoo.cm', 'yaoo.com'],
  'icloud.com': ['iclod.com', 'icloud.co', 'icloud.con', 'icould.com', 'iclould.com'],
  'aol.com': ['aol.co', 'aol.con', 'aoll.com'],
  'live.com': ['live.con', 'live.cm'],
  'msn.com': ['msn.con'],
  'qq.com': ['qq.con', 'qq.co', 'qq.cm', 'qq.om', 'qqq.com', 'qq.comm'],
  '163.com': ['163.con', '163.co', '163.cm', '163.om', '163.comm', '136.com'],
  '126.com': ['126.con', '126.co', '126.cm', '126.om'],
  'sina.com': ['sina.con', 'sina.cm', 'sian.com'],
  'sina.cn': ['sina.cm.cn'],
  'foxmail.com': ['foxmail.con', 'foxmail.co', 'foxmial.com', 'foxmai.com'],
  'yeah.net': ['yeah.ner', 'yeah.nte', 'yeah.com'],
};

/** Misspelled domain → correct domain. */
export const EMAIL_DOMAIN_TYPOS: ReadonlyMap<string, string> = new Map(
  Object.entries(TYPOS_BY_DOMAIN).flatMap(([domain, typos]) => typos.map((typo) => [typo, domain] as const)),
);
