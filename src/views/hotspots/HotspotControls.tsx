import { getHexagonEdgeLengthAvg, UNITS } from 'h3-js';
import type { HotspotKey, HotspotTranslate } from './messages';
import { formatNumber, type Lang } from '../shared/i18n/format';
import type { Crs } from '../../core/geo/coords';
import { H3_RESOLUTIONS } from '../../core/grid/h3-grid';
import { DISTANCE_BANDS_M, SQUARE_SIZES_M, type HotspotMode, type HotspotSettings } from './hotspot-settings';
import { SegmentedControl } from '../shared/SegmentedControl';
import type { LoadedUserGrid } from './use-hotspot-analysis';

const CRS_OPTIONS: Crs[] = ['WGS84', 'GCJ02', 'BD09'];
const MODES: HotspotMode[] = ['gi', 'emerging', 'density'];
const MODE_LABEL: Record<HotspotMode, HotspotKey> = {
  gi: 'hotspots.mode.classes',
  emerging: 'hotspots.mode.emerging',
  density: 'hotspots.mode.density',
};

interface Props {
  settings: HotspotSettings;
  onChange<K extends keyof HotspotSettings>(key: K, value: HotspotSettings[K]): void;
  userGrid: LoadedUserGrid | null;
  userCrs: Crs;
  onUserCrs(crs: Crs): void;
  onUserGridFile(file: File): void;
  t: HotspotTranslate;
  lang: Lang;
}

/** Mode, grid, neighbourhood, FDR and slices; every choice goes to the URL through onChange. */
export function HotspotControls({ settings, onChange, userGrid, userCrs, onUserCrs, onUserGridFile, t, lang }: Props) {
  const n = (v: number) => formatNumber(lang, v);
  // a band narrower than a square cell would leave every cell without neighbours
  const bands = DISTANCE_BANDS_M.filter((b) => settings.grid !== 'square' || b > settings.cellM);
  return (
    <div className="control-bar" data-testid="hotspot-controls">
      <SegmentedControl
        label={t('hotspots.mode.label')}
        options={MODES}
        value={settings.mode}
        labelOf={(m) => t(MODE_LABEL[m])}
        testIdPrefix="hs-mode"
        onSelect={(m) => onChange('mode', m)}
      />

      <label className="control-field">
        <span className="filter-label">{t('hotspots.grid.label')}</span>
        <select
          value={settings.grid}
          onChange={(e) => onChange('grid', e.target.value as HotspotSettings['grid'])}
          data-testid="hs-grid"
        >
          <option value="square">{t('hotspots.grid.square')}</option>
          <option value="h3">{t('hotspots.grid.h3')}</option>
          <option value="user">{t('hotspots.grid.user')}</option>
        </select>
      </label>

      {settings.grid === 'square' && (
        <label className="control-field">
          <span className="filter-label">{t('hotspots.grid.size')}</span>
          <select value={settings.cellM} onChange={(e) => onChange('cellM', Number(e.target.value))}>
            {SQUARE_SIZES_M.map((s) => (
              <option key={s} value={s}>
                {t('hotspots.grid.sizeValue', { size: n(s) })}
              </option>
            ))}
          </select>
        </label>
      )}

      {settings.grid === 'h3' && (
        <label className="control-field">
          <span className="filter-label">{t('hotspots.grid.resolution')}</span>
          <select value={settings.h3Resolution} onChange={(e) => onChange('h3Resolution', Number(e.target.value))}>
            {H3_RESOLUTIONS.map((r) => (
              <option key={r} value={r}>
                {t('hotspots.grid.resolutionValue', {
                  res: r,
                  edge: n(Math.round(getHexagonEdgeLengthAvg(r, UNITS.m))),
                })}
              </option>
            ))}
          </select>
        </label>
      )}

      {settings.grid === 'user' && (
        <div className="control-field hs-user-grid">
          {/* the native file button would speak the browser's language: a labelled button instead */}
          <label className="hs-file button">
            {t('hotspots.grid.import')}
            <input
              hidden
              type="file"
              accept=".geojson,.json,application/geo+json,application/json"
              data-testid="hs-user-grid-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) onUserGridFile(file);
                e.target.value = '';
              }}
            />
          </label>
          <label>
            <span className="filter-label">{t('hotspots.userGrid.crs')}</span>{' '}
            <select value={userCrs} onChange={(e) => onUserCrs(e.target.value as Crs)}>
              {CRS_OPTIONS.map((c) => (
                <option key={c} value={c}>
                  {t(`hotspots.crs.${c}`)}
                </option>
              ))}
            </select>
          </label>
          {userGrid && (
            <span className="note">
              {t('hotspots.userGrid.loaded', { file: userGrid.fileName, cells: n(userGrid.grid.ids.length) })}
            </span>
          )}
        </div>
      )}

      <label className="control-field">
        <span className="filter-label">{t('hotspots.neighbourhood.label')}</span>
        <select value={settings.hood} onChange={(e) => onChange('hood', e.target.value as HotspotSettings['hood'])}>
          <option value="queen">{t('hotspots.neighbourhood.queen')}</option>
          <option value="band">{t('hotspots.neighbourhood.band')}</option>
        </select>
        {settings.hood === 'band' && (
          <select
            value={settings.bandM}
            aria-label={t('hotspots.neighbourhood.band')}
            onChange={(e) => onChange('bandM', Number(e.target.value))}
          >
            {(bands.includes(settings.bandM as (typeof bands)[number]) ? bands : [settings.bandM, ...bands]).map(
              (b) => (
                <option key={b} value={b}>
                  {t('hotspots.neighbourhood.bandValue', { distance: n(b) })}
                </option>
              ),
            )}
          </select>
        )}
      </label>

      <label className="control-field hs-check" title={t('hotspots.fdr.hint')}>
        <input
          type="checkbox"
          checked={settings.fdr}
          onChange={(e) => onChange('fdr', e.target.checked)}
          data-testid="hs-fdr"
        />
        <span>{t('hotspots.fdr')}</span>
      </label>

      {settings.mode === 'emerging' && (
        <label className="control-field">
          <span className="filter-label">{t('hotspots.emerging.slice')}</span>
          <select
            value={settings.slice}
            onChange={(e) => onChange('slice', e.target.value as HotspotSettings['slice'])}
            data-testid="hs-slice"
          >
            <option value="month">{t('hotspots.emerging.slice.month')}</option>
            <option value="week">{t('hotspots.emerging.slice.week')}</option>
          </select>
        </label>
      )}
    </div>
  );
}
