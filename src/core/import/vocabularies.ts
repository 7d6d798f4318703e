import type { DbConnector } from '../db/connector';
import { ident, raw, sql, type SqlFragment } from '../sql/sql';

/**
 * Value labels seen in exports → canonical codes (docs/data-contract.md, "Vocabularies"). Mapping runs
 * in SQL (a CASE over normalised labels) so a million rows map inside the engine. Labels compare after
 * `normalizeLabelSql`: trimmed, lower-case, spaces removed. Each code is also accepted as its own label.
 */
export type VocabularyName =
  'channel' | 'groups' | 'sex' | 'age_band' | 'outcome' | 'outcome_detail' | 'identity_status' | 'yesno';

interface Vocabulary {
  labels: Readonly<Record<string, readonly string[]>>;
  /** code for a non-empty label not in `labels` (null: leave NULL) */
  fallback: string | null;
}

export const VOCABULARIES: Readonly<Record<VocabularyName, Vocabulary>> = {
  channel: {
    labels: {
      patrol: ['街面巡查', '巡查发现', '主动救助', '巡查', '街面发现'],
      police: ['公安护送', '公安送站', '110', '公安', '派出所送站', '民警护送'],
      chengguan: ['城管护送', '城管送站', '城管'],
      public_report: ['群众报告', '群众求助', '12345', '热线', '市民热线', '群众举报'],
      self: ['主动求助', '自行求助', '自行来站', '自行到站'],
      hospital: ['医院转介', '医疗机构', '医院'],
      other: ['其他', '其它'],
    },
    fallback: 'other',
  },
  groups: {
    labels: {
      minor: ['未成年人', '未成年', '流浪未成年人'],
      elderly: ['老年人', '老人', '老年'],
      mental: ['精神障碍', '精神病人', '疑似精神障碍', '精神障碍患者', '疑似精神病人'],
      disabled: ['残疾人', '残疾'],
      critical: ['危重病人', '危重病', '危重病患者'],
      none: ['一般', '无', '普通', '否'],
    },
    fallback: null,
  },
  sex: {
    labels: { m: ['男', '男性', 'male'], f: ['女', '女性', 'female'], u: ['未知', '不详', 'unknown'] },
    fallback: 'u',
  },
  age_band: {
    labels: {
      '0-17': ['0-17岁', '未成年', '未成年人', '18岁以下', '0~17'],
      '18-59': ['18-59岁', '成年', '18~59'],
      '60+': ['60岁以上', '60岁及以上', '老年', '老年人', '≥60', '60及以上'],
      unknown: ['未知', '不详'],
    },
    fallback: 'unknown',
  },
  outcome: {
    labels: {
      returned_home: ['护送返乡', '购票返乡', '自行返乡', '返乡'],
      family_pickup: ['亲属接回', '家属接回', '亲友接回'],
      handed_to_origin: ['移交流出地', '交接', '接回流出地', '流出地接回'],
      placed: ['托养', '安置', '落户安置', '长期滞留安置', '送福利机构'],
      medical: ['送医', '送医救治', '医疗救治'],
      left: ['自愿离站', '自行离站', '擅自离站'],
      died: ['死亡'],
      in_care: ['在站', '滞留'],
      other: ['其他', '其它'],
    },
    fallback: 'other',
  },
  /** The way home of a returned_home label (read from the same 去向 cell; NULL for other outcomes). */
  outcome_detail: {
    labels: {
      escorted_home: ['护送返乡'],
      ticket_home: ['购票返乡'],
      self_home: ['自行返乡'],
      unspecified_home: ['返乡', 'returned_home'],
    },
    fallback: 'unspecified_home',
  },
  identity_status: {
    labels: {
      known: ['已查明', '已核实', '身份明确', '查明', '已甄别'],
      unknown: ['查无身份', '身份不明', '未查明', '不详', '无法核实', '未核实'],
    },
    fallback: null,
  },
  yesno: {
    labels: { true: ['是', 'y', 'yes', '1', 't', '有', '√'], false: ['否', 'n', 'no', '0', 'f', '无', '×'] },
    fallback: null,
  },
};

/** Separators between several groups in one cell: 、 , ， ; ； / ／ and spaces. */
export const GROUP_SEPARATORS = '[、,，;；/／\\s]+';

export function normalizeLabel(label: string): string {
  return label.trim().toLowerCase().replace(/\s+/g, '');
}

/** Cells are trimmed on staging; here case and inner spaces (ASCII and full-width) go too. */
export function normalizeLabelSql(expr: SqlFragment): SqlFragment {
  return raw(`replace(replace(lower(trim(${expr.text})), ' ', ''), '\u3000', '')`);
}

/** Every label (and each code itself) with its code, normalised. */
export function vocabularyEntries(name: VocabularyName): [string, string][] {
  const seen = new Map<string, string>();
  for (const [code, labels] of Object.entries(VOCABULARIES[name].labels)) {
    for (const label of [code, ...labels]) {
      const n = normalizeLabel(label);
      if (!seen.has(n)) seen.set(n, code);
    }
  }
  return [...seen];
}

/**
 * Code for a label, by position in two list literals: the normalised text is computed once per row (a
 * CASE with one WHEN per label would repeat it in every WHEN once DuckDB pushes it into a filter).
 * Unknown labels give the vocabulary's fallback, or NULL with `fallback: false` (to find them). Empty
 * cells stay NULL.
 */
export function mapLabelSql(name: VocabularyName, expr: SqlFragment, opts: { fallback?: boolean } = {}): SqlFragment {
  const entries = vocabularyEntries(name);
  const labels = sql`${entries.map(([label]) => label)}`.text;
  const codes = sql`${entries.map(([, code]) => code)}`.text;
  const fallback = opts.fallback === false ? null : VOCABULARIES[name].fallback;
  const lookup = `(${codes})[list_position(${labels}, ${normalizeLabelSql(expr).text})]`;
  return raw(
    `(CASE WHEN nullif(trim(${expr.text}), '') IS NULL THEN NULL ELSE coalesce(${lookup}, ${sql`${fallback}`.text}) END)`,
  );
}

export function mapYesNoSql(expr: SqlFragment): SqlFragment {
  return raw(`(${mapLabelSql('yesno', expr).text} = 'true')`);
}

/** Tokens of a multi-group cell, normalised, empty tokens dropped. */
export function groupTokensSql(expr: SqlFragment): SqlFragment {
  return raw(
    `list_filter(regexp_split_to_array(lower(trim(${expr.text})), ${sql`${GROUP_SEPARATORS}`.text}), t -> t <> '')`,
  );
}

/**
 * VARCHAR[] of group codes, sorted, without 'none'; unknown tokens are dropped (listed by
 * `findUnmappedLabels`). `flags` are yes/no columns per group (是否未成年人 …), merged in.
 */
export function mapGroupsSql(
  expr: SqlFragment | null,
  flags: readonly { group: string; expr: SqlFragment }[] = [],
): SqlFragment {
  const parts: string[] = [];
  if (expr) {
    const mapped = mapLabelSql('groups', raw('t'));
    parts.push(`coalesce(list_transform(${groupTokensSql(expr).text}, t -> ${mapped.text}), [])`);
  }
  for (const f of flags) {
    parts.push(`(CASE WHEN ${mapYesNoSql(f.expr).text} THEN [${sql`${f.group}`.text}] ELSE [] END)::VARCHAR[]`);
  }
  if (parts.length === 0) return raw('[]::VARCHAR[]');
  const all = parts.length === 1 ? parts[0]! : `flatten([${parts.join(', ')}])`;
  return raw(`list_sort(list_distinct(list_filter(${all}, g -> g IS NOT NULL AND g <> 'none')))`);
}

export interface LabelColumn {
  /** header text, for the report */
  column: string;
  /** staged column (c0 …) */
  sourceColumn: string;
  vocabulary: VocabularyName;
}

export interface UnmappedLabel {
  column: string;
  label: string;
  count: number;
}

/**
 * Distinct non-empty labels that no vocabulary entry matched, with their row counts, per column
 * (a multi-group cell counts each unknown token once). `where` restricts the rows considered.
 */
export async function findUnmappedLabels(
  db: DbConnector,
  table: string,
  columns: readonly LabelColumn[],
  where: SqlFragment = raw('TRUE'),
): Promise<UnmappedLabel[]> {
  const out: UnmappedLabel[] = [];
  for (const c of columns) {
    const col = ident(c.sourceColumn);
    // Labels are counted first and mapped after: the CASE then runs once per distinct label, not per row.
    const cells = `SELECT trim(${col.text}) AS cell, count(*) AS n FROM ${ident(table).text}
      WHERE ${where.text} AND nullif(trim(${col.text}), '') IS NOT NULL GROUP BY 1`;
    const query =
      c.vocabulary === 'groups'
        ? `SELECT t AS label, sum(n)::BIGINT AS n FROM (
             SELECT DISTINCT cell, n, unnest(${groupTokensSql(raw('cell')).text}) AS t FROM (${cells})
           ) WHERE ${mapLabelSql('groups', raw('t'), { fallback: false }).text} IS NULL GROUP BY t`
        : `SELECT cell AS label, n FROM (${cells})
           WHERE ${mapLabelSql(c.vocabulary, raw('cell'), { fallback: false }).text} IS NULL`;
    const rows = await db.query<{ label: string; n: number }>(`${query} ORDER BY n DESC, label`);
    for (const r of rows) out.push({ column: c.column, label: r.label, count: r.n });
  }
  return out;
}
