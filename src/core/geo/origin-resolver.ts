import type { Gb2260Index, Gb2260Level } from './gb2260';
import { normalizeCode } from './gb2260';
import { SHORT_NAME_SUFFIXES, shortNamesOf } from './name-variants';

/** Texts that mean "origin unknown" (查无身份 = identity could not be established). */
const UNKNOWN_TEXT = /^(查无身份.*|身份不明|不详|未知|不明|无|暂无|待核实|待查|空|null|none|n\/?a|[-—－/？?]+)$/i;
const NOISE = /[\s\u3000/\\|,，、;；.。·•\-—－_()（）[\]【】"'“”‘’]/g;
const COUNTRY_PREFIX = /^(中华人民共和国|中国)/;

interface Node {
  id: string;
  name: string;
  level: Gb2260Level;
  /** Current code this node resolves to (itself for a current unit). */
  target: string;
  retired: boolean;
  children: Node[];
}

interface Entry {
  text: string;
  node: Node;
  short: boolean;
}

interface Best {
  score: number;
  ends: { target: string; retired: boolean }[];
}

function levelOfCode(code: string): Gb2260Level {
  if (code.endsWith('0000')) return 1;
  return code.endsWith('00') ? 2 : 3;
}

function buildTree(index: Gb2260Index): Node {
  const root: Node = { id: '', name: '', level: 1, target: '', retired: false, children: [] };
  const nodes = new Map<string, Node>();
  for (const u of index.units) {
    nodes.set(u.code, { id: u.code, name: u.name, level: u.level, target: u.code, retired: false, children: [] });
  }
  // A municipality's single prefecture repeats the municipality's name: its districts hang on the municipality.
  const folded = new Map<string, Node>();
  for (const u of index.units) {
    const parent = u.parent ? nodes.get(u.parent) : undefined;
    if (parent && parent.name === u.name) folded.set(u.code, parent);
  }
  const nodeOf = (code: string): Node | undefined => folded.get(code) ?? nodes.get(code);
  for (const u of index.units) {
    if (folded.has(u.code)) continue;
    (u.parent ? (nodeOf(u.parent) ?? root) : root).children.push(nodes.get(u.code)!);
  }
  // Retired codes and old names become nodes of their own under their old parent, so that old chains
  // (安徽省巢湖市无为县, 湖北省襄樊市樊城区) read as they were written.
  const retired = new Map<string, Node>();
  for (const c of index.changes) {
    const target = index.migrateCode(c.current);
    if (!target) continue;
    retired.set(c.code, {
      id: `old:${c.code}`,
      name: c.name,
      level: levelOfCode(c.code),
      target,
      retired: true,
      children: [],
    });
  }
  const findParent = (code: string | null): Node => {
    if (!code) return root;
    const old = retired.get(code);
    if (old) return old;
    const current = nodeOf(code);
    if (current) return current;
    const prefecture = nodeOf(`${code.slice(0, 4)}00`);
    if (prefecture && prefecture.level === 2) return prefecture;
    return nodeOf(`${code.slice(0, 2)}0000`) ?? root;
  };
  for (const c of index.changes) {
    const node = retired.get(c.code);
    if (!node) continue;
    findParent(c.parent).children.push(node);
    // A renamed unit keeping its code (襄樊市 → 襄阳市) still contains today's subdivisions.
    const sameCode = nodes.get(c.code);
    if (sameCode && c.code === c.current) node.children.push(...sameCode.children);
  }
  return root;
}

function collectEntries(scope: Node): Map<string, Entry[]> {
  const byFirst = new Map<string, Entry[]>();
  const add = (text: string, node: Node, short: boolean): void => {
    const first = text[0]!;
    let list = byFirst.get(first);
    if (!list) byFirst.set(first, (list = []));
    list.push({ text, node, short });
  };
  const seen = new Set<Node>();
  const visit = (node: Node): void => {
    for (const child of node.children) {
      if (seen.has(child)) continue;
      seen.add(child);
      add(child.name, child, false);
      for (const s of shortNamesOf(child.name, child.level)) add(s, child, true);
      visit(child);
    }
  };
  visit(scope);
  return byFirst;
}

/** Lowest common ancestor of current codes, through the code table; null when they share none. */
function commonAncestor(index: Gb2260Index, codes: string[]): string | null {
  const chains = codes.map((code) => {
    const chain: string[] = [];
    for (let u = index.get(code); u; u = u.parent ? index.get(u.parent) : undefined) chain.unshift(u.code);
    return chain;
  });
  let common: string | null = null;
  for (let depth = 0; ; depth++) {
    const at = chains[0]?.[depth];
    if (at === undefined || chains.some((c) => c[depth] !== at)) return common;
    common = at;
  }
}

export function normalizeOriginText(text: string): string {
  return text.normalize('NFKC').replace(NOISE, '').replace(COUNTRY_PREFIX, '');
}

/**
 * Resolve free-text registered-residence origins (户籍所在地) to current GB/T 2260 codes. The text is read from
 * its start as a chain province → prefecture → county in any completeness (河南省周口市郸城县, 河南周口郸城,
 * 周口郸城, 郸城县), full or short names, old names and retired codes included; the chain covering most
 * characters wins. When equally good readings disagree (朝阳区 is in Beijing and in Changchun) the answer is
 * their deepest common unit, or null. Unknown markers (查无身份, 不详, empty) give null.
 */
export function createOriginResolver(index: Gb2260Index): (texts: string[]) => Map<string, string | null> {
  const root = buildTree(index);
  const entryCache = new Map<Node, Map<string, Entry[]>>();
  const entriesOf = (scope: Node): Map<string, Entry[]> => {
    let entries = entryCache.get(scope);
    if (!entries) entryCache.set(scope, (entries = collectEntries(scope)));
    return entries;
  };

  const resolveOne = (raw: string): string | null => {
    const trimmed = raw.trim();
    if (!trimmed || UNKNOWN_TEXT.test(trimmed)) return null;
    if (/^\d+$/.test(trimmed)) {
      const code = normalizeCode(trimmed);
      return code ? index.migrateCode(code) : null;
    }
    const text = normalizeOriginText(trimmed);
    if (!text) return null;
    const memo = new Map<string, Best>();

    const explore = (pos: number, scope: Node): Best => {
      const key = `${pos}|${scope.id}`;
      const cached = memo.get(key);
      if (cached) return cached;
      let best: Best = { score: 0, ends: [] };
      for (const entry of entriesOf(scope).get(text[pos] ?? '') ?? []) {
        if (!text.startsWith(entry.text, pos)) continue;
        let after = pos + entry.text.length;
        // Characters read as names count double, a generic suffix after a short name (凉山州) once, so that
        // 伊宁市 reads as the city 伊宁市 rather than as 伊宁(县) + 市.
        let score = 2 * entry.text.length;
        if (entry.short) {
          const suffix = SHORT_NAME_SUFFIXES[entry.node.level].find((s) => text.startsWith(s, after));
          if (suffix) {
            after += suffix.length;
            score += suffix.length;
          }
        }
        const rest = entry.node.children.length ? explore(after, entry.node) : { score: 0, ends: [] };
        score += rest.score;
        const ends = rest.ends.length
          ? rest.ends.map((e) => ({ target: e.target, retired: e.retired || entry.node.retired }))
          : [{ target: entry.node.target, retired: entry.node.retired }];
        if (score > best.score) best = { score, ends };
        else if (score === best.score) best = { score, ends: [...best.ends, ...ends] };
      }
      memo.set(key, best);
      return best;
    };

    const { ends } = explore(0, root);
    if (!ends.length) return null;
    const current = ends.filter((e) => !e.retired);
    const targets = [...new Set((current.length ? current : ends).map((e) => e.target))];
    return targets.length === 1 ? targets[0]! : commonAncestor(index, targets);
  };

  return (texts) => {
    const out = new Map<string, string | null>();
    for (const t of texts) if (!out.has(t)) out.set(t, resolveOne(t));
    return out;
  };
}
