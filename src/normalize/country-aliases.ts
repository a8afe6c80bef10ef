/**
 * Country names people write that ISO and the i18n name lists do not contain:
 * colloquial English names, constituent countries, former and local names, and
 * Traditional Chinese forms. Alpha-2 code → aliases.
 */
export const COUNTRY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  US: ['America', 'United States of America', 'U.S.A', 'US of A', 'the States', '美國', '美利坚合众国', '美利堅合眾國'],
  GB: [
    'UK', 'U.K.', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'Great Britain', 'Britain',
    'United Kingdom of Great Britain and Northern Ireland', '英國', '英格兰', '英格蘭', '大不列颠', '联合王国',
  ],
  CN: ['PRC', 'P.R. China', 'P.R.C.', 'Mainland China', 'China Mainland', '中華人民共和國', '中华人民共和国', '中國', '中国大陆', '中國大陸', '大陆', '内地'],
  HK: ['Hongkong', '中国香港', '中國香港', '香港特别行政区', '香港特別行政區'],
  MO: ['Macau', '澳门', '澳門', '中国澳门', '中國澳門'],
  TW: ['台湾', '臺灣', '台灣', '中国台湾', '中國台灣', '中華民國'],
  KR: ['Korea', 'South Korea', 'ROK', 'Republic of Korea', '韩国', '韓國', '南韩', '南韓', '大韩民国', '大韓民國'],
  KP: ['North Korea', 'DPRK', '朝鲜', '北韩', '北韓'],
  JP: ['日本国', '日本國'],
  DE: ['Deutschland', 'Germany', '德國'],
  FR: ['République française', '法國'],
  NL: ['Holland', 'The Netherlands', '荷蘭'],
  CH: ['Schweiz', 'Suisse', 'Svizzera', '瑞士'],
  AT: ['Österreich'],
  ES: ['España', '西班牙'],
  IT: ['Italia', '義大利', '意大利'],
  BR: ['Brasil'],
  MX: ['México'],
  RU: ['Russia', 'Россия', '俄國', '俄罗斯'],
  AE: ['UAE', 'U.A.E.', 'Emirates'],
  VN: ['Viet Nam', '越南'],
  CZ: ['Czech Republic', 'Czechia'],
  AU: ['澳洲', '澳大利亞'],
  CA: ['加拿大'],
  SG: ['新加坡'],
  MY: ['馬來西亞', '马来西亚'],
  IN: ['India', '印度'],
  NZ: ['紐西蘭', '新西兰'],
  TR: ['Turkey', 'Türkiye'],
};
