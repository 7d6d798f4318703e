import { useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatNumber, formatPercent, type Lang } from '../shared/i18n/format';
import type { RepeatReturnTranslate } from './messages';
import { RETURN_WINDOWS } from '../../core/analytics/repeat-returns';
import { yAxisTitle } from '../shared/chart-axis';
import type { SurvivalSeries } from './layers';
import { colorOfSeries } from './palette';
import { buildSurvivalChartData, listPercentTicks, maxOfKeys } from './view-data';

interface Props {
  series: readonly SurvivalSeries[];
  maxDay: number;
  windowDays: number;
  labelOf(value: string): string;
  t: RepeatReturnTranslate;
  lang: Lang;
}

/** Kaplan–Meier cumulative share found again, a step line per series over its 95 % band. */
export function SurvivalChart({ series, maxDay, windowDays, labelOf, t, lang }: Props) {
  const points = useMemo(() => buildSurvivalChartData(series, maxDay), [series, maxDay]);
  const pct = (v: number) => formatPercent(lang, v, 0);
  const ticks = useMemo(
    () =>
      listPercentTicks(
        maxOfKeys(
          points,
          series.flatMap((_, i) => [`cum_${i}`, `band_${i}`]),
        ),
      ),
    [points, series],
  );

  const renderTooltip = ({ active, label }: { active?: boolean; label?: string | number }) => {
    const p = active ? points[Number(label)] : undefined;
    if (!p) return null;
    return (
      <div className="rr-tooltip">
        <div className="rr-tooltip-head">{t('rr.km.tooltipDay', { day: p.day })}</div>
        {series.map((s, i) => {
          const cum = p[`cum_${i}`];
          if (typeof cum !== 'number') return null;
          const band = p[`band_${i}`];
          const [low, high] = Array.isArray(band) ? band : [null, null];
          return (
            <div key={s.split} style={{ color: colorOfSeries(s.split, i) }}>
              {t('rr.km.tooltipLine', {
                label: labelOf(s.split),
                share: formatPercent(lang, cum),
                low: formatPercent(lang, low),
                high: formatPercent(lang, high),
                n: formatNumber(lang, Number(p[`risk_${i}`] ?? 0)),
              })}
            </div>
          );
        })}
      </div>
    );
  };

  return (
    <figure className="rr-figure" data-testid="rr-km-chart">
      <ResponsiveContainer width="100%" height={320}>
        <ComposedChart data={points} margin={{ top: 10, right: 16, bottom: 30, left: 18 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="day"
            type="number"
            domain={[0, maxDay]}
            ticks={[0, ...RETURN_WINDOWS.filter((w) => w <= maxDay)]}
            label={{ value: t('rr.km.axisDays'), position: 'insideBottom', offset: -18 }}
          />
          <YAxis
            domain={[0, ticks[ticks.length - 1] ?? 1]}
            ticks={ticks}
            tickFormatter={pct}
            width={48}
            label={yAxisTitle(t('rr.km.axisShare'))}
          />
          <Tooltip content={renderTooltip} />
          <ReferenceLine
            x={windowDays}
            stroke="#5f6b7a"
            strokeDasharray="4 3"
            label={{ value: t('rr.km.windowLine', { w: windowDays }), position: 'insideTopRight', fontSize: 11 }}
          />
          {series.map((s, i) => (
            <Area
              key={`band_${i}`}
              dataKey={`band_${i}`}
              type="stepAfter"
              stroke="none"
              fill={colorOfSeries(s.split, i)}
              fillOpacity={0.14}
              connectNulls={false}
              legendType="none"
              isAnimationActive={false}
              activeDot={false}
            />
          ))}
          {series.map((s, i) => (
            <Line
              key={`cum_${i}`}
              dataKey={`cum_${i}`}
              type="stepAfter"
              stroke={colorOfSeries(s.split, i)}
              strokeWidth={i === 0 ? 2.5 : 1.8}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
      <ul className="rr-legend" data-testid="rr-km-legend">
        {series.map((s, i) => (
          <li key={s.split}>
            <span className="rr-swatch-line" style={{ background: colorOfSeries(s.split, i) }} />
            {t('rr.km.legendItem', { label: labelOf(s.split), n: formatNumber(lang, s.persons) })}
          </li>
        ))}
        <li>
          <span className="rr-swatch" style={{ background: 'rgba(176, 58, 46, 0.18)' }} />
          {t('rr.km.band')}
        </li>
      </ul>
    </figure>
  );
}
