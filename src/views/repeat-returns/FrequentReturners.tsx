import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ScatterplotLayer } from '@deck.gl/layers';
import { formatMonth, formatNumber, formatPercent, type Lang } from '../shared/i18n/format';
import type { RepeatReturnTranslate } from './messages';
import { yAxisTitle } from '../shared/chart-axis';
import { BaseMap } from '../shared/map/BaseMap';
import { CategoricalLegend } from '../shared/map/legend';
import { useDistrictLabels } from '../shared/map/use-district-labels';
import { fillFrequentTrend } from './layers';
import type { FrequentPlaceBinRow, FrequentProfileRow, FrequentTrendRow } from './queries';
import { classifyPlaceBin, PLACE_CLASS_COLORS, placeClassLabels, placeBinRadius } from './view-data';

interface Props {
  persons: number | null;
  trend: readonly FrequentTrendRow[] | null;
  origins: readonly FrequentProfileRow[] | null;
  groups: readonly FrequentProfileRow[] | null;
  places: readonly FrequentPlaceBinRow[] | null;
  originLabel(value: string): string;
  groupLabel(value: string): string;
  t: RepeatReturnTranslate;
  lang: Lang;
}

const TABLE_ROWS = 10;

/** Frequent returners: monthly trend, origins and groups, and a map of where they are found. */
export function FrequentReturners({
  persons,
  trend,
  origins,
  groups,
  places,
  originLabel,
  groupLabel,
  t,
  lang,
}: Props) {
  const n = (v: number) => formatNumber(lang, v);
  const series = useMemo(() => fillFrequentTrend(trend ?? []), [trend]);
  const districtLabels = useDistrictLabels(lang);
  const layers = useMemo(
    () => [
      new ScatterplotLayer<FrequentPlaceBinRow>({
        id: 'rr-frequent-places',
        data: places ?? [],
        getPosition: (d) => [d.lon, d.lat],
        getRadius: (d) => placeBinRadius(d.episodes),
        radiusUnits: 'meters',
        radiusMinPixels: 3,
        getFillColor: (d) => [...PLACE_CLASS_COLORS[classifyPlaceBin(d.episodes)]!, 225],
        stroked: true,
        getLineColor: [255, 255, 255, 200],
        lineWidthMinPixels: 0.5,
        pickable: true,
      }),
    ],
    [places],
  );
  const cellsTotal = places?.[0]?.cells_total ?? 0;

  return (
    <div className="rr-frequent" data-testid="rr-frequent">
      <div className="rr-frequent-side">
        <figure className="rr-figure" data-testid="rr-frequent-trend">
          <figcaption className="note">{t('rr.frequent.trend')}</figcaption>
          <ResponsiveContainer width="100%" height={230}>
            <LineChart data={series} margin={{ top: 8, right: 16, bottom: 30, left: 18 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                dataKey="month_start"
                tickFormatter={(v: number) => formatMonth(lang, v)}
                minTickGap={24}
                label={{ value: t('rr.frequent.axisMonth'), position: 'insideBottom', offset: -18 }}
              />
              <YAxis
                allowDecimals={false}
                tickFormatter={n}
                width={42}
                label={yAxisTitle(t('rr.frequent.persons'), 2)}
              />
              <Tooltip labelFormatter={(v) => formatMonth(lang, Number(v))} formatter={(v) => n(Number(v))} />
              <Legend verticalAlign="top" height={24} />
              <Line
                dataKey="persons"
                name={t('rr.frequent.persons')}
                stroke="#6a3d9a"
                dot={false}
                isAnimationActive={false}
              />
              <Line
                dataKey="new_persons"
                name={t('rr.frequent.new')}
                stroke="#e6ab02"
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </figure>
        <div className="rr-tables">
          <ProfileTable
            title={t('rr.frequent.origins')}
            rows={origins}
            total={persons}
            label={originLabel}
            t={t}
            lang={lang}
            testId="rr-frequent-origins"
          />
          <ProfileTable
            title={t('rr.frequent.groups')}
            rows={groups}
            total={persons}
            label={groupLabel}
            t={t}
            lang={lang}
            testId="rr-frequent-groups"
          />
        </div>
      </div>
      <div className="rr-frequent-map">
        <div className="rr-map-title">{t('rr.frequent.map')}</div>
        <BaseMap
          level="beijing"
          lang={lang}
          labels={districtLabels}
          layers={layers}
          style={{ height: 480 }}
          ariaLabel={t('rr.frequent.map')}
          getTooltip={(info) => {
            const o = info.object as FrequentPlaceBinRow | undefined;
            return o ? t('rr.frequent.cellTooltip', { episodes: n(o.episodes), persons: n(o.persons) }) : null;
          }}
          legend={
            <CategoricalLegend
              title={t('rr.frequent.mapLegend')}
              items={placeClassLabels().map((label, i) => {
                const [r, g, b] = PLACE_CLASS_COLORS[i]!;
                return { color: `rgb(${r}, ${g}, ${b})`, label };
              })}
            />
          }
        />
        <p className="note">
          {t('rr.frequent.mapNote')}
          {places &&
            cellsTotal > places.length &&
            ` ${t('rr.frequent.binsLimited', { shown: n(places.length), total: n(cellsTotal) })}`}
        </p>
      </div>
    </div>
  );
}

function ProfileTable({
  title,
  rows,
  total,
  label,
  t,
  lang,
  testId,
}: {
  title: string;
  rows: readonly FrequentProfileRow[] | null;
  total: number | null;
  label(value: string): string;
  t: RepeatReturnTranslate;
  lang: Lang;
  testId: string;
}) {
  return (
    <table className="data-table compact rr-profile" data-testid={testId}>
      <thead>
        <tr>
          <th>{title}</th>
          <th className="num">{t('rr.frequent.persons')}</th>
          <th className="num">{t('rr.frequent.share')}</th>
        </tr>
      </thead>
      <tbody>
        {(rows ?? []).slice(0, TABLE_ROWS).map((r) => (
          <tr key={r.split_value}>
            <td>{label(r.split_value)}</td>
            <td className="num">{formatNumber(lang, r.persons)}</td>
            <td className="num">{total ? formatPercent(lang, r.persons / total) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
