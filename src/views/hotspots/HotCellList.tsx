import type { CellProfile } from '../../core/hotspots/cell-queries';
import type { HotspotTranslate } from './messages';
import { formatNumber, formatPercent, joinList, type Lang } from '../shared/i18n/format';
import { formatPValue, formatZ, HOTSPOT_CLASS_COLORS, EMERGING_CATEGORY_COLORS } from './layers';
import type { HotspotMode } from './hotspot-settings';
import { describeNeighbour, formatCellWhere, formatPlaceList } from './place-text';
import type { RankedCell } from './ranking';
import { PHelp, ZHelp } from './HotspotHelp';
import { runtimeKey } from '../shared/i18n/translate';

interface Props {
  rows: readonly RankedCell[];
  mode: HotspotMode;
  selectedId: string | null;
  /** the listed cells' profiles and their neighbours' (null while they load) */
  profiles: ReadonlyMap<string, CellProfile> | null;
  profilesLoading: boolean;
  onSelect(row: RankedCell): void;
  t: HotspotTranslate;
  lang: Lang;
}

const rgb = ([r, g, b]: readonly number[]) => `rgb(${r}, ${g}, ${b})`;

/**
 * The ranked hot cells, named by their places; a cell hot only through its neighbours has no rank and
 * says so. A row (click, Enter or Space) selects its cell and flies the map to its surroundings.
 */
export function HotCellList({ rows, mode, selectedId, profiles, profilesLoading, onSelect, t, lang }: Props) {
  const pending = profilesLoading ? '…' : '—';
  const when = (values: number[] | undefined, fmt: (v: number) => string) =>
    values && values.length ? joinList(lang, values.map(fmt)) : pending;
  const n = (v: number) => formatNumber(lang, v);
  return (
    <div className="table-scroll hs-list">
      <table className="data-table" data-testid="hot-cell-list">
        <thead>
          <tr>
            <th className="num">{t('hotspots.csv.rank')}</th>
            <th>{t('hotspots.list.places')}</th>
            <th>{t('hotspots.list.where')}</th>
            <th className="num">{t('hotspots.csv.count')}</th>
            <th className="num">{t('hotspots.csv.share')}</th>
            <th>{t('hotspots.csv.class')}</th>
            {mode === 'emerging' && <th>{t('hotspots.csv.category')}</th>}
            <th className="num">
              {t('hotspots.csv.z')}
              <ZHelp t={t} />
            </th>
            <th className="num">
              {t('hotspots.csv.p')}
              <PHelp t={t} />
            </th>
            <th>{t('hotspots.csv.peakHours')}</th>
            <th>{t('hotspots.csv.peakMonths')}</th>
            <th>{t('hotspots.list.cell')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { cell, profile } = row;
            const neighbourOnly = row.rank === null;
            const classes = ['hs-row', neighbourOnly ? 'neighbour' : '', cell.id === selectedId ? 'selected' : ''];
            return (
              <tr
                key={cell.id}
                className={classes.filter(Boolean).join(' ')}
                tabIndex={0}
                title={t('hotspots.list.flyTo')}
                aria-selected={cell.id === selectedId}
                data-neighbour-only={neighbourOnly || undefined}
                onClick={() => onSelect(row)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(row);
                  }
                }}
              >
                <td className="num" title={neighbourOnly ? t('hotspots.list.noRank') : undefined}>
                  {row.rank ?? '—'}
                </td>
                <td className="hs-places" data-testid="hs-places">
                  {neighbourOnly ? (
                    <>
                      <div className="hs-neighbour-label">{t('hotspots.neighbour.label')}</div>
                      <div className="hs-sub">
                        {describeNeighbour(row.neighbour, profiles?.get(row.neighbour?.id ?? '') ?? null, t) ?? ''}
                      </div>
                    </>
                  ) : profile ? (
                    profile.places.length > 0 ? (
                      formatPlaceList(profile.places, t, (p) => n(p.n))
                    ) : (
                      <span className="hs-sub">{t('hotspots.list.noPlace')}</span>
                    )
                  ) : (
                    pending
                  )}
                </td>
                <td>{profile ? formatCellWhere(cell, profile) || '—' : cell.name || pending}</td>
                <td className="num">{n(cell.count)}</td>
                <td className="num">{formatPercent(lang, row.share)}</td>
                <td className="hs-nowrap">
                  <span className="hs-swatch" style={{ background: rgb(HOTSPOT_CLASS_COLORS[cell.hotspotClass]) }} />
                  {t(`hotspots.class.${cell.hotspotClass}`)}
                </td>
                {mode === 'emerging' && (
                  <td data-testid="hs-category" className="hs-nowrap">
                    <span
                      className="hs-swatch"
                      style={{ background: rgb(EMERGING_CATEGORY_COLORS[cell.category ?? 'none']) }}
                    />
                    {t(`hotspots.emerging.${cell.category ?? 'none'}`)}
                  </td>
                )}
                <td className="num">{formatZ(cell.z)}</td>
                <td className="num">{formatPValue(cell.p)}</td>
                <td>{when(profile?.peakHours, (hour) => t('hotspots.hour', { hour }))}</td>
                <td>{when(profile?.peakMonths, (m) => t(runtimeKey(`hotspots.month.${m}`)))}</td>
                <td className="hs-sub hs-nowrap">{cell.id}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
