import type { HotspotTranslate } from './messages';
import { formatNumber, formatPercent, joinList, type Lang } from '../shared/i18n/format';
import { formatPValue, formatZ, HOTSPOT_CLASS_COLORS, EMERGING_CATEGORY_COLORS, type RankedCell } from './layers';
import type { HotspotMode } from './hotspot-settings';
import { runtimeKey } from '../shared/i18n/translate';

interface Props {
  rows: readonly RankedCell[];
  mode: HotspotMode;
  selectedId: string | null;
  profilesLoading: boolean;
  onSelect(row: RankedCell): void;
  t: HotspotTranslate;
  lang: Lang;
}

const rgb = ([r, g, b]: readonly number[]) => `rgb(${r}, ${g}, ${b})`;

/** The ranked hot cells; a row (click or Enter) selects its cell and flies the map there. */
export function HotCellList({ rows, mode, selectedId, profilesLoading, onSelect, t, lang }: Props) {
  const pending = profilesLoading ? '…' : '—';
  const when = (values: number[] | undefined, fmt: (v: number) => string) =>
    values && values.length ? joinList(lang, values.map(fmt)) : pending;
  return (
    <div className="table-scroll hs-list">
      <table className="data-table" data-testid="hot-cell-list">
        <thead>
          <tr>
            <th className="num">{t('hotspots.csv.rank')}</th>
            <th>{t('hotspots.list.cell')}</th>
            <th>{t('hotspots.csv.district')}</th>
            <th>{t('hotspots.csv.street')}</th>
            <th className="num">{t('hotspots.csv.count')}</th>
            <th className="num">{t('hotspots.csv.share')}</th>
            <th className="num">{t('hotspots.csv.z')}</th>
            <th className="num">{t('hotspots.csv.p')}</th>
            <th>{t('hotspots.csv.class')}</th>
            {mode === 'emerging' && <th>{t('hotspots.csv.category')}</th>}
            <th>{t('hotspots.csv.peakHours')}</th>
            <th>{t('hotspots.csv.peakMonths')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { cell, profile } = row;
            return (
              <tr
                key={cell.id}
                className={cell.id === selectedId ? 'hs-row selected' : 'hs-row'}
                tabIndex={0}
                title={t('hotspots.list.flyTo')}
                aria-selected={cell.id === selectedId}
                onClick={() => onSelect(row)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(row);
                  }
                }}
              >
                <td className="num">{row.rank}</td>
                <td>{cell.name ? t('hotspots.tooltip.named', { name: cell.name, id: cell.id }) : cell.id}</td>
                <td>{profile?.district ?? pending}</td>
                <td>{profile ? (profile.street ?? '—') : pending}</td>
                <td className="num">{formatNumber(lang, cell.count)}</td>
                <td className="num">{formatPercent(lang, row.share)}</td>
                <td className="num">{formatZ(cell.z)}</td>
                <td className="num">{formatPValue(cell.p)}</td>
                <td>
                  <span className="hs-swatch" style={{ background: rgb(HOTSPOT_CLASS_COLORS[cell.hotspotClass]) }} />
                  {t(`hotspots.class.${cell.hotspotClass}`)}
                </td>
                {mode === 'emerging' && (
                  <td data-testid="hs-category">
                    <span
                      className="hs-swatch"
                      style={{ background: rgb(EMERGING_CATEGORY_COLORS[cell.category ?? 'none']) }}
                    />
                    {t(`hotspots.emerging.${cell.category ?? 'none'}`)}
                  </td>
                )}
                <td>{when(profile?.peakHours, (hour) => t('hotspots.hour', { hour }))}</td>
                <td>{when(profile?.peakMonths, (m) => t(runtimeKey(`hotspots.month.${m}`)))}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
