import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PatrolTranslate } from './messages';
import { formatDate, formatNumber, type Lang } from '../shared/i18n/format';
import { yAxisTitle } from '../shared/chart-axis';
import type { TrendDatum } from './layers';

interface Props {
  data: readonly TrendDatum[];
  series: readonly string[];
  /** the series drawn thicker (all teams together) */
  total: string;
  cells: number;
  t: PatrolTranslate;
  lang: Lang;
}

/** Okabe–Ito colours (colour-blind safe), then greys; the all-teams line in black. */
const COLORS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999', '#666666'];

/** Weekly coverage rate (%) of the top-demand cells, one line per team and one for all teams. */
export function CoverageTrendChart({ data, series, total, cells, t, lang }: Props) {
  return (
    <figure className="pt-trend" data-testid="pt-trend-chart">
      <figcaption>{t('patrols.trend.caption', { cells: formatNumber(lang, cells) })}</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <LineChart data={[...data]} margin={{ top: 8, right: 16, bottom: 28, left: 26 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="week"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(ms: number) => formatDate(lang, ms)}
            minTickGap={40}
            label={{ value: t('patrols.trend.axisWeek'), position: 'insideBottom', offset: -16 }}
          />
          <YAxis
            width={44}
            domain={[0, 'auto']}
            tickFormatter={(v: number) => `${formatNumber(lang, v)}%`}
            label={yAxisTitle(t('patrols.trend.axisRate'), 4)}
          />
          <Tooltip
            labelFormatter={(ms) => t('patrols.trend.weekOf', { date: formatDate(lang, Number(ms)) })}
            formatter={(v) => `${formatNumber(lang, Number(v), 1)}%`}
          />
          <Legend verticalAlign="top" height={28} />
          {series.map((name, i) => (
            <Line
              key={name}
              type="monotone"
              dataKey={name}
              dot={false}
              isAnimationActive={false}
              stroke={name === total ? '#111' : (COLORS[i % COLORS.length] as string)}
              strokeWidth={name === total ? 2.5 : 1.4}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
