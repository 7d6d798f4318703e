import type { ReactNode } from 'react';
import type { TrendPoint } from '../overview/layers';
import { EpisodeTrendChart, RateTrendChart } from './BriefingCharts';
import type { BriefingTranslate } from './messages';
import type { TileDisplay } from './present';
import type { RateTrendPoint } from './view-model';

/** Sizes on the A4 page (190 mm of content at 96 px per inch is 718 px). */
export const PAGE = { column: 352, map: 200, chart: 140 } as const;

export interface ListRow {
  key: string;
  cells: ReactNode[];
}

export interface BriefingPageProps {
  t: BriefingTranslate;
  lang: 'zh' | 'en';
  exact: boolean;
  unit: string;
  periodLabel: string;
  periodRange: string;
  generated: string;
  comparisons: string;
  filtersText: string | null;
  notes: string[];
  tiles: TileDisplay[] | null;
  /** patrol coverage of the hot cells, when patrol tracks exist in the period */
  patrolTile: { value: string; note: string } | null;
  narrative: ReactNode;
  hotTitle: string;
  hotMap: ReactNode;
  hotRows: ListRow[] | null;
  hotEmpty: string | null;
  originMap: ReactNode;
  originRows: ListRow[] | null;
  originSides: string | null;
  trend: TrendPoint[] | null;
  rateTrend: RateTrendPoint[] | null;
  footer: string[];
}

/** The one-page briefing, on screen as it prints (A4 portrait). */
export function BriefingPage(p: BriefingPageProps) {
  const { t } = p;
  return (
    <article
      className={p.exact ? 'bf-page exact' : 'bf-page'}
      data-testid="bf-page"
      lang={p.lang === 'zh' ? 'zh-CN' : 'en'}
    >
      {p.exact && <div className="bf-exact-banner">{t('bf.exact.banner')}</div>}
      <header className="bf-head">
        <div>
          <div className={p.unit ? 'bf-unit' : 'bf-unit missing'}>{p.unit || t('bf.unit.missing')}</div>
          <h1 className="bf-title">
            {t('bf.title')} · <span data-testid="bf-period-label">{p.periodLabel}</span>
          </h1>
        </div>
        <div className="bf-head-meta">
          <div>{p.periodRange}</div>
          <div>{p.generated}</div>
          {p.filtersText && <div>{p.filtersText}</div>}
        </div>
      </header>
      {p.notes.map((n) => (
        <p key={n} className="bf-note">
          {n}
        </p>
      ))}
      <section className={p.patrolTile ? 'bf-tiles five' : 'bf-tiles'} data-testid="bf-tiles">
        {(p.tiles ?? []).map((tile) => (
          <div key={tile.id} className="bf-tile" data-testid={`bf-tile-${tile.id}`}>
            <div className="bf-tile-label">{tile.label}</div>
            <div className="bf-tile-value">
              <span className="bf-tile-number">{tile.value}</span>
              {tile.unit && /\d/.test(tile.value) && <span className="bf-tile-unit">{tile.unit}</span>}
            </div>
            {tile.note ? (
              <div className="bf-tile-changes">{tile.note}</div>
            ) : (
              <div className="bf-tile-changes">
                <span className={`bf-change ${tile.vsPrevious.direction}`} data-testid={`bf-tile-${tile.id}-mom`}>
                  {t('bf.vsPrevious')} {tile.vsPrevious.text}
                </span>
                <span
                  className={`bf-change ${tile.vsLastYear?.direction ?? 'none'}`}
                  data-testid={`bf-tile-${tile.id}-yoy`}
                >
                  {tile.vsLastYear ? `${t('bf.vsLastYear')} ${tile.vsLastYear.text}` : t('bf.noLastYear')}
                </span>
              </div>
            )}
          </div>
        ))}
        {p.patrolTile && (
          <div className="bf-tile" data-testid="bf-tile-patrolCoverage">
            <div className="bf-tile-label">{t('bf.tile.patrolCoverage')}</div>
            <div className="bf-tile-value">
              <span className="bf-tile-number">{p.patrolTile.value}</span>
            </div>
            <div className="bf-tile-changes">{p.patrolTile.note}</div>
          </div>
        )}
      </section>
      <div className="bf-comparisons">{p.comparisons}</div>
      <section className="bf-narrative">
        <h2>{t('bf.narrative.title')}</h2>
        {p.narrative}
      </section>
      <div className="bf-columns">
        <section className="bf-block">
          <h2>{p.hotTitle}</h2>
          <div className="bf-map-box">{p.hotMap}</div>
          {p.hotRows && p.hotRows.length > 0 ? (
            <table className="bf-table" data-testid="bf-hot-table">
              <thead>
                <tr>
                  <th className="num">{t('bf.hot.rank')}</th>
                  <th>{t('bf.hot.place')}</th>
                  <th className="num">{t('bf.hot.episodes')}</th>
                  <th className="num">{t('bf.hot.share')}</th>
                  <th>{t('bf.hot.class')}</th>
                </tr>
              </thead>
              <tbody>
                {p.hotRows.map((r) => (
                  <tr key={r.key}>
                    {r.cells.map((c, i) => (
                      <td key={i} className={i === 0 || i === 2 || i === 3 ? 'num' : undefined}>
                        {c}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="bf-small">{p.hotEmpty}</p>
          )}
          <p className="bf-small">{t('bf.hot.note')}</p>
        </section>
        <section className="bf-block">
          <h2>{t('bf.origin.title')}</h2>
          <div className="bf-map-box">{p.originMap}</div>
          {p.originRows && (
            <table className="bf-table" data-testid="bf-origin-table">
              <thead>
                <tr>
                  <th>{t('bf.origin.region')}</th>
                  <th className="num">{t('bf.origin.episodes')}</th>
                  <th className="num">{t('bf.origin.share')}</th>
                </tr>
              </thead>
              <tbody>
                {p.originRows.map((r) => (
                  <tr key={r.key}>
                    {r.cells.map((c, i) => (
                      <td key={i} className={i > 0 ? 'num' : undefined}>
                        {c}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {p.originSides && <p className="bf-small">{p.originSides}</p>}
        </section>
      </div>
      <div className="bf-columns">
        <section className="bf-block">
          <h2>{t('bf.trend.title')}</h2>
          {p.trend && (
            <EpisodeTrendChart
              points={p.trend}
              width={PAGE.column}
              height={PAGE.chart}
              exact={p.exact}
              lang={p.lang}
              t={t}
            />
          )}
        </section>
        <section className="bf-block">
          <h2>{t('bf.rateTrend.title')}</h2>
          {p.rateTrend && (
            <RateTrendChart
              points={p.rateTrend}
              width={PAGE.column}
              height={PAGE.chart}
              exact={p.exact}
              lang={p.lang}
              t={t}
            />
          )}
        </section>
      </div>
      <footer className="bf-foot" data-testid="bf-footer">
        {p.footer.map((line) => (
          <div key={line}>{line}</div>
        ))}
      </footer>
    </article>
  );
}
