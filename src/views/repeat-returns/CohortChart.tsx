import { useMemo } from 'react';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate, formatNumber, formatPercent, type Lang } from '../shared/i18n/format';
import type { RepeatReturnTranslate } from './messages';
import { yAxisTitle } from '../shared/chart-axis';
import type { CohortCell, CohortChartData } from './layers';
import { colorOfSeries, HATCH_FILL, HATCH_ID } from './palette';
import { listPercentTicks, maxOfKeys } from './view-data';

interface Props {
  data: CohortChartData;
  /** the cells behind the chart, for each period's follow-up end in the tooltip */
  cells: readonly CohortCell[];
  windowDays: number;
  split: boolean;
  labelOf(value: string): string;
  t: RepeatReturnTranslate;
  lang: Lang;
}

export function HatchPattern() {
  return (
    <defs>
      <pattern id={HATCH_ID} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#eceff2" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#9aa5b1" strokeWidth="2.5" />
      </pattern>
    </defs>
  );
}

/**
 * Share found again within W days per exit cohort. Complete cohorts are solid bars (one series) or solid
 * lines (a split); incomplete ones are hatched grey bars, or dashed lines over a hatched band, so a share
 * so far is never read as a low rate. The legend is HTML below the chart.
 */
export function CohortChart({ data, cells, windowDays, split, labelOf, t, lang }: Props) {
  const followUpEnd = useMemo(() => new Map(cells.map((c) => [c.period, c.followUpEnd])), [cells]);
  const incomplete = data.points.filter((p) => !p.complete);
  const firstIncomplete = incomplete[0]?.period;
  const lastIncomplete = incomplete[incomplete.length - 1]?.period;
  const pct = (v: number) => formatPercent(lang, v, 0);
  const ticks = useMemo(
    () =>
      listPercentTicks(
        maxOfKeys(
          data.points,
          data.series.flatMap((s) => [s.rateKey, s.partialKey]),
        ),
      ),
    [data],
  );

  const renderTooltip = ({ active, label }: { active?: boolean; label?: string | number }) => {
    const point = active ? data.points.find((p) => p.period === label) : undefined;
    if (!point) return null;
    const head = point.complete
      ? point.period
      : t('rr.cohort.tooltipHeadIncomplete', {
          period: point.period,
          end: formatDate(lang, followUpEnd.get(point.period)),
        });
    return (
      <div className="rr-tooltip">
        <div className="rr-tooltip-head">{head}</div>
        {data.series.map((s, i) => {
          const cohort = point[s.cohortKey];
          if (typeof cohort !== 'number' || cohort === 0) return null;
          const returned = Number(point[s.returnedKey] ?? 0);
          const rate = point[s.rateKey];
          const params = {
            label: labelOf(s.split),
            returned: formatNumber(lang, returned),
            cohort: formatNumber(lang, cohort),
            rate: typeof rate === 'number' ? formatPercent(lang, rate) : '—',
          };
          return (
            <div key={s.split} style={{ color: colorOfSeries(s.split, i) }}>
              {t(point.complete ? 'rr.cohort.tooltipLine' : 'rr.cohort.tooltipLinePartial', params)}
            </div>
          );
        })}
      </div>
    );
  };

  return (
    <figure className="rr-figure" data-testid="rr-cohort-chart">
      <ResponsiveContainer width="100%" height={320}>
        <ComposedChart data={data.points} margin={{ top: 10, right: 16, bottom: 30, left: 18 }}>
          <HatchPattern />
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          {split && firstIncomplete && lastIncomplete && (
            <ReferenceArea x1={firstIncomplete} x2={lastIncomplete} fill={HATCH_FILL} fillOpacity={0.6} />
          )}
          <XAxis
            dataKey="period"
            minTickGap={12}
            label={{ value: t('rr.cohort.axisPeriod'), position: 'insideBottom', offset: -18 }}
          />
          <YAxis
            domain={[0, ticks[ticks.length - 1] ?? 1]}
            ticks={ticks}
            tickFormatter={pct}
            width={48}
            label={yAxisTitle(t('rr.cohort.axisRate', { w: windowDays }))}
          />
          <Tooltip content={renderTooltip} />
          {split
            ? data.series.flatMap((s, i) => [
                <Line
                  key={s.rateKey}
                  dataKey={s.rateKey}
                  name={labelOf(s.split)}
                  stroke={colorOfSeries(s.split, i)}
                  strokeWidth={2}
                  dot={{ r: 2 }}
                  connectNulls={false}
                  isAnimationActive={false}
                />,
                <Line
                  key={s.partialKey}
                  dataKey={s.partialKey}
                  stroke={colorOfSeries(s.split, i)}
                  strokeOpacity={0.85}
                  strokeWidth={1.5}
                  strokeDasharray="4 3"
                  dot={false}
                  legendType="none"
                  isAnimationActive={false}
                />,
              ])
            : data.series.flatMap((s) => [
                <Bar key={s.rateKey} dataKey={s.rateKey} stackId="rate" fill="#b03a2e" isAnimationActive={false} />,
                <Bar
                  key={s.partialKey}
                  dataKey={s.partialKey}
                  stackId="rate"
                  fill={HATCH_FILL}
                  stroke="#9aa5b1"
                  isAnimationActive={false}
                />,
              ])}
        </ComposedChart>
      </ResponsiveContainer>
      <ul className="rr-legend" data-testid="rr-cohort-legend">
        {split ? (
          data.series.map((s, i) => (
            <li key={s.split}>
              <span className="rr-swatch-line" style={{ background: colorOfSeries(s.split, i) }} />
              {labelOf(s.split)}
            </li>
          ))
        ) : (
          <li>
            <span className="rr-swatch" style={{ background: '#b03a2e' }} />
            {t('rr.term.rate', { w: windowDays })}
          </li>
        )}
        <li data-testid="rr-legend-incomplete">
          <span className="rr-swatch rr-swatch-hatch" />
          {t('rr.term.incomplete')}
        </li>
      </ul>
    </figure>
  );
}
