/** English names for the areas the English UI labels: provinces (by 2-digit prefix) and Beijing's districts. */
export const PROVINCE_NAMES_EN: Readonly<Record<string, string>> = {
  '11': 'Beijing',
  '12': 'Tianjin',
  '13': 'Hebei',
  '14': 'Shanxi',
  '15': 'Inner Mongolia',
  '21': 'Liaoning',
  '22': 'Jilin',
  '23': 'Heilongjiang',
  '31': 'Shanghai',
  '32': 'Jiangsu',
  '33': 'Zhejiang',
  '34': 'Anhui',
  '35': 'Fujian',
  '36': 'Jiangxi',
  '37': 'Shandong',
  '41': 'Henan',
  '42': 'Hubei',
  '43': 'Hunan',
  '44': 'Guangdong',
  '45': 'Guangxi',
  '46': 'Hainan',
  '50': 'Chongqing',
  '51': 'Sichuan',
  '52': 'Guizhou',
  '53': 'Yunnan',
  '54': 'Xizang',
  '61': 'Shaanxi',
  '62': 'Gansu',
  '63': 'Qinghai',
  '64': 'Ningxia',
  '65': 'Xinjiang',
  '71': 'Taiwan',
  '81': 'Hong Kong',
  '82': 'Macao',
};

export const BEIJING_DISTRICT_NAMES_EN: Readonly<Record<string, string>> = {
  '110101': 'Dongcheng',
  '110102': 'Xicheng',
  '110105': 'Chaoyang',
  '110106': 'Fengtai',
  '110107': 'Shijingshan',
  '110108': 'Haidian',
  '110109': 'Mentougou',
  '110111': 'Fangshan',
  '110112': 'Tongzhou',
  '110113': 'Shunyi',
  '110114': 'Changping',
  '110115': 'Daxing',
  '110116': 'Huairou',
  '110117': 'Pinggu',
  '110118': 'Miyun',
  '110119': 'Yanqing',
};

/** English name of a province, municipality prefecture or Beijing district code, if we have one. */
export function englishNameOf(code: string): string | undefined {
  const district = BEIJING_DISTRICT_NAMES_EN[code];
  if (district) return district;
  if (code.endsWith('0000') || /^(11|12|31|50)0100$/.test(code)) return PROVINCE_NAMES_EN[code.slice(0, 2)];
  return undefined;
}
