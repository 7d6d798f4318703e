import { memo, useMemo, useState } from 'react';
import type { OriginTranslate } from './messages';
import { formatDate, formatNumber, formatPercent, type Lang } from '../shared/i18n/format';
import type { RegionFigures } from './layers';

type SortKey =
  | 'name'
  | 'episodes'
  | 'persons'
  | 'rate'
  | 'minors'
  | 'elderly'
  | 'mental'
  | 'poor'
  | 'home'
  | 'stay'
  | 'first'
  | 'last'
  | 'per10k';

interface Props {
  figures: readonly RegionFigures[];
  total: RegionFigures | null;
  selected: string | null;
  showPer10k: boolean;
  nameOf(code: string | null): string;
  onSelect(code: string | null): void;
  t: OriginTranslate;
  lang: Lang;
}

const value = (f: RegionFigures, k: SortKey): number | string => {
  const r = f.row;
  switch (k) {
    case 'name': return r.region ?? '~';
    case 'episodes': return r.episodes;
    case 'persons': return r.persons;
    case 'rate': return f.returnRate ?? -1;
    case 'minors': return r.minors;
    case 'elderly': return r.elderly;
    case 'mental': return r.mental;
    case 'poor': return r.poor;
    case 'home': return r.episodes ? homeShare(f) : -1;
    case 'stay': return r.median_stay_days ?? -1;
    case 'first': return r.first_found ?? 0;
    case 'last': return r.last_found ?? 0;
    case 'per10k': return f.per10k ?? -1;
  }
}; // prettier-ignore

/** Episodes ending in an exit to home (returned home, family pickup, handed to origin) of all episodes. */
function homeShare(f: RegionFigures): number {
  const r = f.row as Record<string, unknown>;
  const home = ['returned_home', 'family_pickup', 'handed_to_origin'].reduce(
    (s, o) => s + Number(r[`outcome_${o}`] ?? 0),
    0,
  );
  return f.row.episodes ? home / f.row.episodes : 0;
}

/** The sortable table of origin regions; a row click selects (and drills into) the region. */
export const OriginTable = memo(function OriginTable({ figures, total, selected, showPer10k, nameOf, onSelect, t, lang }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'episodes', desc: true });
  const rows = useMemo(() => {
    const known = figures.filter((f) => f.row.region !== null);
    known.sort((a, b) => {
      const x = value(a, sort.key);
      const y = value(b, sort.key);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.desc ? -c : c;
    });
    return [...known, ...figures.filter((f) => f.row.region === null)];
  }, [figures, sort]);
  const n = (v: number | null | undefined, d = 0) => formatNumber(lang, v ?? null, d);
  const pct = (v: number | null) => formatPercent(lang, v);
  const share = (num: number, den: number) => (den > 0 ? ` (${formatPercent(lang, num / den, 0)})` : '');
  const columns: [SortKey, string][] = [
    ['name', t('og.col.region')],
    ['episodes', t('og.col.episodes')],
    ['persons', t('og.col.persons')],
    ...(showPer10k ? ([['per10k', t('og.col.per10k')]] as [SortKey, string][]) : []),
    ['rate', t('og.col.rate', { w: 365 })],
    ['minors', t('og.col.minors')],
    ['elderly', t('og.col.elderly')],
    ['mental', t('og.col.mental')],
    ['poor', t('og.col.poor')],
    ['home', t('og.col.outcomes')],
    ['stay', t('og.col.stay')],
    ['first', t('og.col.first')],
    ['last', t('og.col.last')],
  ];
  const cells = (f: RegionFigures) => {
    const r = f.row;
    return [
      n(r.episodes),
      n(r.persons),
      ...(showPer10k ? [f.per10k === null ? '—' : n(f.per10k, 2)] : []),
      f.rate && f.rate.cohort > 0 ? `${pct(f.returnRate)} (${n(f.rate.returned)}/${n(f.rate.cohort)})` : '—',
      n(r.minors),
      n(r.elderly),
      n(r.mental),
      `${n(r.poor)}${share(r.poor, r.poverty_recorded)}`,
      r.episodes ? pct(homeShare(f)) : '—',
      n(r.median_stay_days, 1),
      formatDate(lang, r.first_found),
      formatDate(lang, r.last_found),
    ];
  };
  return (
    <div className="og-table-wrap">
      <table className="data-table og-table" data-testid="og-table">
        <thead>
          <tr>
            {columns.map(([key, label]) => (
              <th key={key} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="link" onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : key !== 'name' })}>
                  {label}
                  {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => {
            const code = f.row.region;
            return (
              <tr
                key={code ?? 'unknown'}
                className={`${(code ?? 'unknown') === selected ? 'selected' : ''} ${code === null ? 'og-unknown-row' : ''}`}
                data-region={code ?? 'unknown'}
                onClick={() => onSelect(code)}
              >
                <td>{nameOf(code)}</td>
                {cells(f).map((c, i) => (
                  <td key={i} className="num">{c}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
        {total && (
          <tfoot>
            <tr data-testid="og-total-row">
              <td>{t('og.table.total')}</td>
              {cells(total).map((c, i) => (
                <td key={i} className="num">{c}</td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}); // prettier-ignore
