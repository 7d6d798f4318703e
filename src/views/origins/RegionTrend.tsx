import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMemo } from 'react';
import type { OriginTranslate } from './messages';
import { formatMonth, formatNumber, formatPercent, type Lang } from '../shared/i18n/format';
import type { RateTrendRow, TrendRow } from './queries';
import { yAxisTitle } from '../shared/chart-axis';

type Point = { month: number; episodes: number; persons: number; rate: number | null };

/** Monthly person-times and persons of one region, and its monthly exit cohorts' return rate (complete ones). */
export function mergeTrend(trend: readonly TrendRow[], rates: readonly RateTrendRow[]): Point[] {
  const byMonth = new Map<number, Point>();
  for (const r of trend) byMonth.set(r.month, { month: r.month, episodes: r.episodes, persons: r.persons, rate: null });
  for (const r of rates) {
    const p = byMonth.get(r.period_start) ?? { month: r.period_start, episodes: 0, persons: 0, rate: null };
    p.rate = r.complete && r.cohort > 0 ? r.returned / r.cohort : null;
    byMonth.set(r.period_start, p);
  }
  return [...byMonth.values()].sort((a, b) => a.month - b.month);
}

export function RegionTrend({ trend, rates, t, lang }: { trend: readonly TrendRow[]; rates: readonly RateTrendRow[]; t: OriginTranslate; lang: Lang }) {
  const data = useMemo(() => mergeTrend(trend, rates), [trend, rates]);
  return (
    <div data-testid="og-trend">
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={data} margin={{ top: 4, right: 26, bottom: 24, left: 26 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" tickFormatter={(v: number) => formatMonth(lang, v)} minTickGap={24} label={{ value: t('og.trend.month'), position: 'insideBottom', offset: -12 }} />
          <YAxis yAxisId="n" tickFormatter={(v: number) => formatNumber(lang, v)} label={yAxisTitle(t('og.trend.count'), 4)} />
          <YAxis yAxisId="r" orientation="right" domain={[0, 1]} tickFormatter={(v: number) => formatPercent(lang, v, 0)} label={{ value: t('og.trend.rate'), angle: 90, position: 'right', offset: 4, style: { textAnchor: 'middle' } }} />
          <Tooltip labelFormatter={(v) => formatMonth(lang, Number(v))} formatter={(v, name) => (name === t('og.trend.rateSeries') ? formatPercent(lang, Number(v)) : formatNumber(lang, Number(v)))} />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, lineHeight: '16px', paddingBottom: 6 }} />
          <Line yAxisId="n" dataKey="episodes" name={t('og.col.episodes')} stroke="#c0392b" dot={false} />
          <Line yAxisId="n" dataKey="persons" name={t('og.col.persons')} stroke="#2c7fb8" dot={false} />
          <Line yAxisId="r" dataKey="rate" name={t('og.trend.rateSeries')} stroke="#31a354" strokeDasharray="4 3" connectNulls dot={{ r: 2 }} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
} // prettier-ignore
