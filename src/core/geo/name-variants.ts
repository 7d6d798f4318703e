import type { Gb2260Level } from './gb2260';

/** The 55 minority nationalities as they appear in autonomous-area names (longest first so 东乡族 wins over 乡族). */
const ETHNIC_GROUPS = [
  '柯尔克孜',
  '乌孜别克',
  '维吾尔',
  '哈萨克',
  '塔吉克',
  '塔塔尔',
  '鄂伦春',
  '鄂温克',
  '达斡尔',
  '俄罗斯',
  '蒙古',
  '土家',
  '布依',
  '朝鲜',
  '哈尼',
  '傈僳',
  '拉祜',
  '东乡',
  '纳西',
  '景颇',
  '仫佬',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '德昂',
  '保安',
  '裕固',
  '独龙',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
  '高山',
  '回',
  '藏',
  '苗',
  '彝',
  '壮',
  '满',
  '侗',
  '瑶',
  '白',
  '傣',
  '黎',
  '佤',
  '畲',
  '水',
  '土',
  '羌',
  '怒',
  '京',
].sort((a, b) => b.length - a.length);

const AUTONOMOUS_SUFFIXES = ['自治区', '自治州', '自治县', '自治旗'];
const PLAIN_SUFFIXES: Record<Gb2260Level, string[]> = {
  1: ['特别行政区', '省', '市'],
  2: ['地区', '市', '盟'],
  3: ['新区', '林区', '特区', '县', '区', '市', '旗'],
};

/** Suffixes a text may carry after a short name, e.g. 凉山州, 恩施州 (colloquial for 自治州). */
export const SHORT_NAME_SUFFIXES: Record<Gb2260Level, string[]> = {
  1: ['自治区', '省', '市'],
  2: ['自治州', '地区', '州', '市', '盟'],
  3: ['自治县', '自治旗', '县', '区', '市', '旗'],
};

function stripEthnic(name: string): string {
  let s = name;
  for (let changed = true; changed;) {
    changed = false;
    for (const group of ETHNIC_GROUPS) {
      // 新疆维吾尔自治区 and 伊犁哈萨克自治州 omit 族; a bare group name is only cut when two characters remain
      // (内蒙古 keeps its 蒙古).
      const cut = s.endsWith(`${group}族`)
        ? group.length + 1
        : group.length >= 2 && s.endsWith(group)
          ? group.length
          : 0;
      if (cut && s.length - cut >= 2) {
        s = s.slice(0, -cut);
        changed = true;
        break;
      }
    }
  }
  // 东乡族自治县 has nothing before its nationality: the short name is the nationality's own name.
  if (s === name) {
    const only = ETHNIC_GROUPS.find((g) => s === `${g}族`);
    if (only) return only;
  }
  return s;
}

/**
 * Short forms people write for an area name: 河南省 → 河南, 广西壮族自治区 → 广西, 凉山彝族自治州 → 凉山,
 * 威宁彝族回族苗族自治县 → 威宁, 锡林郭勒盟 → 锡林郭勒. Forms shorter than two characters are not returned
 * (县 names such as 渠县, 单县 are only matched in full).
 */
export function shortNamesOf(name: string, level: Gb2260Level): string[] {
  const out = new Set<string>();
  const autonomous = AUTONOMOUS_SUFFIXES.find((s) => name.endsWith(s));
  if (autonomous) {
    const stem = stripEthnic(name.slice(0, -autonomous.length));
    out.add(stem);
  } else {
    const plain = PLAIN_SUFFIXES[level].find((s) => name.endsWith(s) && name.length > s.length);
    if (plain) out.add(name.slice(0, -plain.length));
  }
  if (name === '内蒙古自治区') out.add('内蒙');
  return [...out].filter((s) => s.length >= 2 && s !== name);
}
