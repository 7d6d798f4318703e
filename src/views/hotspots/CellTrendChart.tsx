import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HotspotKey, HotspotTranslate } from './messages';
import { formatDate, formatMonth, type Lang } from '../shared/i18n/format';
import type { SliceUnit } from '../../core/analytics/time-slices';
import { EMERGING_Z_CRITICAL } from '../../core/analytics/emerging-hotspots';
import { yAxisTitle } from '../shared/chart-axis';
import { formatZ, type TrendPoint } from './layers';

interface Props {
  series: readonly TrendPoint[];
  unit: SliceUnit;
  t: HotspotTranslate;
  lang: Lang;
}

const STATE_COLOR: Record<number, string> = { 1: '#b2182b', [-1]: '#2166ac', 0: '#9aa5b1' };
const STATE_KEY: Record<number, HotspotKey> = {
  1: 'hotspots.trend.state.hot',
  [-1]: 'hotspots.trend.state.cold',
  0: 'hotspots.trend.state.none',
};

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: TrendPoint;
}

function StateDot({ cx, cy, payload }: DotProps) {
  if (cx === undefined || cy === undefined || !payload) return null;
  return <circle cx={cx} cy={cy} r={3} fill={STATE_COLOR[payload.state] ?? '#9aa5b1'} stroke="none" />;
}

/** About five round ticks (steps of 1, 2 or 5 × 10^k) covering lo..hi, zero among them. */
function listNiceTicks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v < hi + step; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

/** A cell's Gi* z-score per time slice, hot and cold slices marked, with the ±1.96 bounds. */
export function CellTrendChart({ series, unit, t, lang }: Props) {
  const formatSlice = (ms: number) => (unit === 'month' ? formatMonth(lang, ms) : formatDate(lang, ms));
  const zs = series.map((s) => s.z);
  // the ±1.96 bounds always in view, the axis otherwise fitted to the series
  const lo = Math.floor(Math.min(-EMERGING_Z_CRITICAL - 0.5, ...zs));
  const hi = Math.ceil(Math.max(EMERGING_Z_CRITICAL + 0.5, ...zs));
  const ticks = listNiceTicks(lo, hi);
  return (
    <figure className="hs-trend" data-testid="hs-trend-chart">
      <figcaption>{t('hotspots.trend.chart')}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={[...series]} margin={{ top: 8, right: 12, bottom: 28, left: 22 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="sliceStart"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={formatSlice}
            minTickGap={28}
            label={{
              value: t(unit === 'month' ? 'hotspots.trend.axisMonth' : 'hotspots.trend.axisWeek'),
              position: 'insideBottom',
              offset: -16,
            }}
          />
          <YAxis
            domain={[ticks[0] ?? lo, ticks[ticks.length - 1] ?? hi]}
            ticks={ticks}
            tickFormatter={(v: number) => String(Math.round(v))}
            width={40}
            label={yAxisTitle(t('hotspots.trend.axisZ'), 0)}
          />
          <ReferenceLine y={EMERGING_Z_CRITICAL} stroke="#b2182b" strokeDasharray="4 3" />
          <ReferenceLine y={-EMERGING_Z_CRITICAL} stroke="#2166ac" strokeDasharray="4 3" />
          <ReferenceLine y={0} stroke="#52606d" />
          <Tooltip
            labelFormatter={(v) => formatSlice(Number(v))}
            formatter={(v, _name, item) => {
              const state = (item.payload as TrendPoint | undefined)?.state ?? 0;
              const label = t(STATE_KEY[state] ?? 'hotspots.trend.state.none');
              return [t('hotspots.trend.zWithState', { z: formatZ(Number(v)), state: label }), 'z'];
            }}
          />
          <Line
            type="linear"
            dataKey="z"
            stroke="#52606d"
            strokeWidth={1.5}
            dot={<StateDot />}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <p className="note">{t('hotspots.trend.threshold')}</p>
    </figure>
  );
}
