import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber, type Lang } from '../shared/i18n/format';
import type { RepeatReturnTranslate } from './messages';
import { yAxisTitle } from '../shared/chart-axis';
import type { HistogramPoint } from './layers';

interface Props {
  points: readonly HistogramPoint[];
  /** the series key of the bars (n_0 for the overall histogram) */
  dataKey: string;
  t: RepeatReturnTranslate;
  lang: Lang;
}

/** Persons found again per band of days after the exit. */
export function ReturnHistogram({ points, dataKey, t, lang }: Props) {
  const n = (v: number) => formatNumber(lang, v);
  return (
    <figure className="rr-figure" data-testid="rr-histogram">
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={[...points]} margin={{ top: 10, right: 16, bottom: 30, left: 18 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="binEnd"
            interval="preserveStartEnd"
            minTickGap={16}
            label={{ value: t('rr.hist.axisDays'), position: 'insideBottom', offset: -18 }}
          />
          <YAxis allowDecimals={false} tickFormatter={n} width={48} label={yAxisTitle(t('rr.hist.persons'))} />
          <Tooltip
            labelFormatter={(_, payload) => String(payload[0]?.payload?.label ?? '')}
            formatter={(v) => [n(Number(v)), t('rr.hist.persons')]}
          />
          <Bar dataKey={dataKey} fill="#2c7fb8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
