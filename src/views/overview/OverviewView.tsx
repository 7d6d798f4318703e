import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { SolidPolygonLayer } from '@deck.gl/layers';
import { useApp } from '../shared/app-context';
import { useQuery } from '../shared/use-query';
import { formatMonth, formatNumber } from '../shared/i18n/format';
import { EmptyState } from '../shared/EmptyState';
import { KpiCard } from '../shared/KpiCard';
import { categoryAxisWidth } from '../shared/chart-axis';
import { Panel } from '../shared/Panel';
import { BaseMap } from '../shared/map/BaseMap';
import { CategoricalLegend } from '../shared/map/legend';
import { useDistrictLabels } from '../shared/map/use-district-labels';
import { buildOverviewQueries, lastYearFilters, OVERVIEW_DENSITY_BIN } from './queries';
import {
  binPolygon,
  breakLabels,
  classOf,
  DENSITY_COLORS,
  densityBounds,
  densityBreaks,
  buildTrendSeries,
  type DensityRow,
  type KpiRow,
  type TrendRow,
} from './layers';
import { useTranslate } from '../shared/use-translate';
import { overviewMessages } from './messages';
import { runtimeKey } from '../shared/i18n/translate';
import { comparePeriods } from '../../core/analytics/period-change';
import { describeChange } from '../shared/period-change-text';

const BIN = OVERVIEW_DENSITY_BIN;

export function OverviewView() {
  const { filters, lang, span } = useApp();
  const t = useTranslate(overviewMessages);
  const q = useMemo(() => buildOverviewQueries(filters), [filters]);
  const kpi = useQuery<KpiRow & Record<string, unknown>>('overview.kpi', q.kpi);
  const kpiLastYear = useQuery<KpiRow & Record<string, unknown>>('overview.kpiLastYear', q.kpiLastYear);
  const trend = useQuery<TrendRow & Record<string, unknown>>('overview.trend', q.trend);
  const density = useQuery<DensityRow & Record<string, unknown>>('overview.density', q.density);
  const channels = useQuery<{ channel: string; episodes: number }>('overview.channels', q.channels);
  const k = kpi.rows?.[0];
  const n = (v: number | null | undefined, d = 0) => formatNumber(lang, v ?? null, d);

  const districtLabels = useDistrictLabels(lang);
  const series = useMemo(() => buildTrendSeries(trend.rows ?? [], filters.from), [trend.rows, filters.from]);
  const lastYear = useMemo(() => lastYearFilters(filters), [filters]);
  const base = kpiLastYear.rows?.[0];
  const yoy = (pick: (r: KpiRow) => number | null) => {
    if (!lastYear?.from || !lastYear.to || !span || !k) return undefined;
    const coverage = { from: lastYear.from, to: lastYear.to, dataFirst: span.first, dataLast: span.last };
    const change = comparePeriods(pick(k), base ? pick(base) : null, coverage);
    return { against: t('common.yoy'), ...describeChange(change, lang, t) };
  };
  const { layers, breaks } = useMemo(() => {
    const rows = density.rows ?? [];
    const br = densityBreaks(rows.reduce((m, r) => Math.max(m, r.n), 0));
    const layer = new SolidPolygonLayer<DensityRow>({
      id: 'density',
      data: rows,
      getPolygon: (r) => binPolygon(r, BIN),
      getFillColor: (r) => [...DENSITY_COLORS[classOf(r.n, br)]!, 200],
      pickable: true,
      updateTriggers: { getFillColor: br },
    });
    return { layers: [layer], breaks: br };
  }, [density.rows]);
  const bounds = useMemo(() => densityBounds(density.rows ?? []), [density.rows]);

  const channelRows = (channels.rows ?? []).map((r) => ({ ...r, label: t(runtimeKey(`channel.${r.channel}`)) }));
  const error = kpi.error ?? kpiLastYear.error ?? trend.error ?? density.error ?? channels.error;
  return (
    <div className="overview">
      {error && <div className="banner error">{t('common.error', { message: error })}</div>}
      <div className="kpi-row">
        <KpiCard
          testId="kpi-episodes"
          label={t('overview.kpi.episodes')}
          value={n(k?.episodes)}
          unit={t('common.episodes')}
          change={yoy((r) => r.episodes)}
        />
        <KpiCard
          label={t('overview.kpi.persons')}
          value={n(k?.persons)}
          unit={t('common.persons')}
          change={yoy((r) => r.persons)}
          note={t('overview.kpi.personsNote')}
        />
        <KpiCard
          label={t('overview.kpi.minors')}
          value={n(k?.minors)}
          unit={t('common.episodes')}
          change={yoy((r) => r.minors)}
        />
        <KpiCard
          label={t('overview.kpi.elderly')}
          value={n(k?.elderly)}
          unit={t('common.episodes')}
          change={yoy((r) => r.elderly)}
        />
        <KpiCard
          label={t('overview.kpi.returnedHome')}
          value={n(k?.returned_home)}
          unit={t('common.episodes')}
          change={yoy((r) => r.returned_home)}
          note={t('overview.kpi.returnedNote')}
        />
        <KpiCard
          label={t('overview.kpi.medianStay')}
          value={n(k?.median_stay_days, 1)}
          unit={t('common.days')}
          change={yoy((r) => r.median_stay_days)}
        />
      </div>
      {k?.episodes === 0 ? (
        <EmptyState />
      ) : (
        <div className="overview-grid">
          <Panel title={t('overview.map.title')} className="map-panel">
            <BaseMap
              level="beijing"
              lang={lang}
              labels={districtLabels}
              style={{ height: 610 }}
              layers={layers}
              bounds={bounds}
              getTooltip={(info) => {
                const o = info.object as DensityRow | undefined;
                return o ? t('overview.map.tooltip', { n: n(o.n) }) : null;
              }}
              legend={
                <CategoricalLegend
                  title={t('overview.map.legend')}
                  items={breakLabels(breaks, (b) => n(b)).map((label, i) => {
                    const [r, g, b] = DENSITY_COLORS[i]!;
                    return { color: `rgb(${r}, ${g}, ${b})`, label };
                  })}
                />
              }
            />
            {k && k.unmappable > 0 && <p className="note">{t('overview.map.unmappable', { n: n(k.unmappable) })}</p>}
          </Panel>
          <Panel title={t('overview.trend.title')}>
            <ResponsiveContainer width="100%" height={280}>
              <LineChart data={series} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis
                  dataKey="month"
                  tickFormatter={(v: number) => formatMonth(lang, v)}
                  label={{ value: t('overview.trend.month'), position: 'insideBottom', offset: -12 }}
                  minTickGap={24}
                />
                <YAxis
                  tickFormatter={(v: number) => n(v)}
                  label={{ value: t('overview.trend.count'), angle: -90, position: 'insideLeft' }}
                />
                <Tooltip labelFormatter={(v) => formatMonth(lang, Number(v))} formatter={(v) => n(Number(v))} />
                <Legend verticalAlign="top" />
                <Line
                  type="monotone"
                  dataKey="episodes"
                  name={t('overview.kpi.episodes')}
                  stroke="#c0392b"
                  dot={false}
                />
                <Line type="monotone" dataKey="persons" name={t('overview.kpi.persons')} stroke="#2c7fb8" dot={false} />
                <Line
                  type="monotone"
                  dataKey="lastYear"
                  name={t('overview.trend.lastYear')}
                  stroke="#c0392b"
                  strokeDasharray="4 3"
                  strokeOpacity={0.55}
                  dot={false}
                  connectNulls={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </Panel>
          <Panel title={t('overview.channel.title')}>
            <ResponsiveContainer width="100%" height={240}>
              <BarChart
                data={(channels.rows ?? []).map((r) => ({ ...r, label: t(runtimeKey(`channel.${r.channel}`)) }))}
                layout="vertical"
                margin={{ top: 8, right: 16, bottom: 24, left: 24 }}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis
                  type="number"
                  tickFormatter={(v: number) => n(v)}
                  label={{ value: t('overview.channel.axis'), position: 'insideBottom', offset: -12 }}
                />
                <YAxis type="category" dataKey="label" width={categoryAxisWidth(channelRows.map((r) => r.label))} />
                <Tooltip formatter={(v) => n(Number(v))} />
                <Bar dataKey="episodes" name={t('overview.kpi.episodes')} fill="#d95f0e" />
              </BarChart>
            </ResponsiveContainer>
          </Panel>
        </div>
      )}
    </div>
  );
}
