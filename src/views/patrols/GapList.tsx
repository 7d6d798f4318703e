import type { PatrolTranslate } from './messages';
import { formatNumber, formatPercent, type Lang } from '../shared/i18n/format';
import { formatDay, type GapRow } from './layers';

interface Props {
  rows: readonly GapRow[];
  unit: 'day' | 'hour';
  selectedId: string | null;
  onSelect(row: GapRow): void;
  t: PatrolTranslate;
  lang: Lang;
}

/** The ranked gap cells; a row (click or Enter) flies the map to its cell. */
export function GapList({ rows, unit, selectedId, onSelect, t, lang }: Props) {
  const n = (v: number, d = 0) => formatNumber(lang, v, d);
  return (
    <div className="table-scroll pt-list">
      <table className="data-table compact" data-testid="gap-list">
        <thead>
          <tr>
            <th className="num">{t('patrols.csv.rank')}</th>
            <th>{t('patrols.list.cell')}</th>
            <th>{t('patrols.csv.district')}</th>
            <th>{t('patrols.csv.street')}</th>
            <th className="num">{t('patrols.list.demand')}</th>
            <th className="num">{t(unit === 'day' ? 'patrols.list.patrolDays' : 'patrols.list.patrolHours')}</th>
            <th className="num">{t(unit === 'day' ? 'patrols.list.perDay' : 'patrols.list.perHour')}</th>
            <th className="num">{t('patrols.csv.rate')}</th>
            <th>{t('patrols.csv.last')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { cell, profile } = row;
            const choose = () => onSelect(row);
            return (
              <tr
                key={cell.id}
                className={cell.id === selectedId ? 'hs-row selected' : 'hs-row'}
                tabIndex={0}
                title={t('patrols.list.flyTo')}
                aria-selected={cell.id === selectedId}
                onClick={choose}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    choose();
                  }
                }}
              >
                <td className="num">{row.rank}</td>
                <td>{cell.name ?? cell.id}</td>
                <td>{profile?.district ?? '—'}</td>
                <td>{profile?.street ?? '—'}</td>
                <td className="num">{n(cell.demand)}</td>
                <td className="num">{n(cell.coverage)}</td>
                <td className="num">{cell.perPatrol === null ? t('patrols.neverPatrolled') : n(cell.perPatrol, 2)}</td>
                <td className="num">{formatPercent(lang, cell.rate)}</td>
                <td>{formatDay(lang, cell.lastDay)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
