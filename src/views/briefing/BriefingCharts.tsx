import { CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from 'recharts';
import { discloseRate, classifyCount } from '../../core/export/suppression';
import { formatNumber } from '../shared/i18n/format';
import type { TrendPoint } from '../overview/layers';
import type { BriefingTranslate } from './messages';
import type { RateTrendPoint } from './view-model';

interface ChartProps {
  width: number;
  height: number;
  exact: boolean;
  lang: 'zh' | 'en';
  t: BriefingTranslate;
}

const AXIS = { fontSize: 9, fill: '#444' };
const MARGIN = { top: 4, right: 10, bottom: 2, left: 0 };
/** The axis band holds the ticks and, under their right end, the axis title (recharts' 30 px left a gap). */
const X_AXIS_HEIGHT = 24;

/** 2024-08 as "8月" / "Aug", January with its year. */
function monthTick(lang: 'zh' | 'en', ms: number): string {
  const d = new Date(ms);
  const m = d.getUTCMonth();
  const y = d.getUTCFullYear();
  if (lang === 'zh') return m === 0 ? `${y}年1月` : `${m + 1}月`;
  const name = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(d);
  return m === 0 ? `${name} ${y}` : name;
}

/** Ticks at the quarters' first months (January with its year), so a 24-month axis never repeats a bare name. */
function quarterTicks(months: readonly number[]): number[] {
  return months.filter((ms) => new Date(ms).getUTCMonth() % 3 === 0);
}

/** A count leaves the unit only when it is 0 or at least 5; a small one is not drawn. */
const drawable = (v: number | null, exact: boolean) => (v === null || exact || classifyCount(v) === 'shown' ? v : null);

/** The Overview's monthly trend with last year's line, as SVG of a fixed size (crisp in print, no animation). */
export function EpisodeTrendChart({ points, width, height, exact, lang, t }: ChartProps & { points: TrendPoint[] }) {
  const data = points.map((p) => ({
    month: p.month,
    episodes: drawable(p.episodes, exact),
    lastYear: drawable(p.lastYear, exact),
  }));
  return (
    <LineChart width={width} height={height} data={data} margin={MARGIN}>
      <CartesianGrid strokeDasharray="2 3" stroke="#ddd" />
      <XAxis
        dataKey="month"
        tick={AXIS}
        tickFormatter={(v: number) => monthTick(lang, v)}
        ticks={quarterTicks(data.map((d) => d.month))}
        interval={0}
        height={X_AXIS_HEIGHT}
        label={{ value: t('bf.trend.month'), position: 'insideBottomRight', offset: 0, fontSize: 9 }}
      />
      <YAxis
        tick={AXIS}
        width={50}
        tickFormatter={(v: number) => formatNumber(lang, v)}
        label={{ value: t('bf.trend.count'), angle: -90, position: 'insideLeft', offset: 4, fontSize: 9 }}
      />
      <Legend verticalAlign="top" height={14} iconSize={8} wrapperStyle={{ fontSize: 9 }} />
      <Line
        dataKey="episodes"
        name={t('bf.trend.current')}
        stroke="#c0392b"
        strokeWidth={1.6}
        dot={{ r: 1.8 }}
        isAnimationActive={false}
        connectNulls={false}
      />
      <Line
        dataKey="lastYear"
        name={t('bf.trend.lastYear')}
        stroke="#c0392b"
        strokeOpacity={0.5}
        strokeDasharray="4 3"
        dot={false}
        isAnimationActive={false}
        connectNulls={false}
      />
    </LineChart>
  );
}

/**
 * The 365-day return rate of each month's exit cohort: complete cohorts on the line, those still in follow-up
 * drawn apart (hollow, dashed), never as a rate. Suppressed, a cohort under 5 or with a small number returned
 * is not drawn.
 */
export function RateTrendChart({ points, width, height, exact, lang, t }: ChartProps & { points: RateTrendPoint[] }) {
  const shown = (p: RateTrendPoint) =>
    exact || discloseRate(classifyCount(p.returned), classifyCount(p.cohort), p.cohort) === 'shown';
  const data = points.map((p) => ({
    month: p.month,
    rate: p.rate !== null && shown(p) ? p.rate * 100 : null,
    partial: p.partial !== null && shown(p) ? p.partial * 100 : null,
  }));
  return (
    <LineChart width={width} height={height} data={data} margin={MARGIN}>
      <CartesianGrid strokeDasharray="2 3" stroke="#ddd" />
      <XAxis
        dataKey="month"
        tick={AXIS}
        tickFormatter={(v: number) => monthTick(lang, v)}
        ticks={quarterTicks(data.map((d) => d.month))}
        interval={0}
        height={X_AXIS_HEIGHT}
        label={{ value: t('bf.trend.month'), position: 'insideBottomRight', offset: 0, fontSize: 9 }}
      />
      <YAxis
        tick={AXIS}
        width={50}
        domain={[0, 'auto']}
        tickFormatter={(v: number) => `${formatNumber(lang, v)}%`}
        label={{ value: t('bf.rateTrend.axis'), angle: -90, position: 'insideLeft', offset: 4, fontSize: 9 }}
      />
      <Legend verticalAlign="top" height={14} iconSize={8} wrapperStyle={{ fontSize: 9 }} />
      <Line
        dataKey="rate"
        name={t('bf.rateTrend.rate')}
        stroke="#2c7fb8"
        strokeWidth={1.6}
        dot={{ r: 1.8 }}
        isAnimationActive={false}
        connectNulls={false}
      />
      <Line
        dataKey="partial"
        name={t('bf.rateTrend.pending')}
        stroke="#2c7fb8"
        strokeDasharray="3 3"
        strokeOpacity={0.6}
        dot={{ r: 1.8, fill: '#fff' }}
        isAnimationActive={false}
        connectNulls={false}
      />
    </LineChart>
  );
}
