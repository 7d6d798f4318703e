import { getHexagonEdgeLengthAvg, UNITS } from 'h3-js';
import type { HotspotKey, HotspotTranslate } from './messages';
import { formatNumber, type Lang } from '../shared/i18n/format';
import type { Crs } from '../../core/geo/coords';
import { H3_RESOLUTIONS } from '../../core/grid/h3-grid';
import { DISTANCE_BANDS_M, SQUARE_SIZES_M, type HotspotMode, type HotspotSettings } from './hotspot-settings';
import { SegmentedControl } from '../shared/SegmentedControl';
import type { LoadedBoundary, LoadedUserGrid } from './use-hotspot-analysis';
import { DensityHelp, EmergingHelp, FdrHelp, NeighbourhoodHelp, StudyAreaHelp } from './HotspotHelp';

const CRS_OPTIONS: Crs[] = ['WGS84', 'GCJ02', 'BD09'];
const MODES: HotspotMode[] = ['gi', 'emerging', 'density'];
const MODE_LABEL: Record<HotspotMode, HotspotKey> = {
  gi: 'hotspots.mode.classes',
  emerging: 'hotspots.mode.emerging',
  density: 'hotspots.mode.density',
};

/** A GeoJSON file the controls import, in the coordinate system the user says it is in. */
interface FileField {
  crs: Crs;
  onCrs(crs: Crs): void;
  onFile(file: File): void;
}

interface Props {
  settings: HotspotSettings;
  onChange<K extends keyof HotspotSettings>(key: K, value: HotspotSettings[K]): void;
  userGrid: LoadedUserGrid | null;
  userGridFile: FileField;
  boundary: LoadedBoundary | null;
  boundaryFile: FileField;
  t: HotspotTranslate;
  lang: Lang;
}

/** Mode, grid, study area, neighbourhood, FDR and slices; every choice goes to the URL through onChange. */
export function HotspotControls({
  settings,
  onChange,
  userGrid,
  userGridFile,
  boundary,
  boundaryFile,
  t,
  lang,
}: Props) {
  const n = (v: number) => formatNumber(lang, v);
  // a band narrower than a square cell would leave every cell without neighbours
  const bands = DISTANCE_BANDS_M.filter((b) => settings.grid !== 'square' || b > settings.cellM);
  return (
    <div className="control-bar" data-testid="hotspot-controls">
      <div className="control-field">
        <SegmentedControl
          label={t('hotspots.mode.label')}
          options={MODES}
          value={settings.mode}
          labelOf={(m) => t(MODE_LABEL[m])}
          testIdPrefix="hs-mode"
          onSelect={(m) => onChange('mode', m)}
        />
        {settings.mode === 'emerging' && <EmergingHelp t={t} />}
        {settings.mode === 'density' && <DensityHelp t={t} />}
      </div>

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
          <select
            value={settings.cellM}
            onChange={(e) => onChange('cellM', Number(e.target.value))}
            data-testid="hs-cell-size"
          >
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
        <GeoJsonFileField
          label={t('hotspots.grid.import')}
          field={userGridFile}
          testId="hs-user-grid-file"
          loaded={
            userGrid && t('hotspots.userGrid.loaded', { file: userGrid.fileName, cells: n(userGrid.value.ids.length) })
          }
          t={t}
        />
      )}

      <div className="control-field">
        <label className="control-field">
          <span className="filter-label">{t('hotspots.area.label')}</span>
          <select
            value={settings.grid === 'user' ? 'grid' : settings.area}
            disabled={settings.grid === 'user'}
            onChange={(e) => onChange('area', e.target.value as HotspotSettings['area'])}
            data-testid="hs-area"
          >
            {settings.grid === 'user' ? (
              <option value="grid">{t('hotspots.area.gridIsArea')}</option>
            ) : (
              <>
                <option value="occupied">{t('hotspots.area.occupied')}</option>
                <option value="boundary">{t('hotspots.area.boundary')}</option>
              </>
            )}
          </select>
        </label>
        <StudyAreaHelp t={t} />
      </div>

      {settings.grid !== 'user' && settings.area === 'boundary' && (
        <GeoJsonFileField
          label={t('hotspots.area.importBoundary')}
          field={boundaryFile}
          testId="hs-boundary-file"
          loaded={
            boundary && t('hotspots.boundary.loaded', { file: boundary.fileName, polygons: n(boundary.value.polygons) })
          }
          t={t}
        />
      )}

      <div className="control-field">
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
        <NeighbourhoodHelp t={t} />
      </div>

      <div className="control-field">
        <label className="control-field hs-check" title={t('hotspots.fdr.hint')}>
          <input
            type="checkbox"
            checked={settings.fdr}
            onChange={(e) => onChange('fdr', e.target.checked)}
            data-testid="hs-fdr"
          />
          <span>{t('hotspots.fdr')}</span>
        </label>
        <FdrHelp t={t} />
      </div>

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

/** A file button (the native one would speak the browser's language) and the file's coordinate system. */
function GeoJsonFileField({
  label,
  field,
  testId,
  loaded,
  t,
}: {
  label: string;
  field: FileField;
  testId: string;
  loaded: string | null;
  t: HotspotTranslate;
}) {
  return (
    <div className="control-field hs-user-grid">
      <label className="hs-file button">
        {label}
        <input
          hidden
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          data-testid={testId}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) field.onFile(file);
            e.target.value = '';
          }}
        />
      </label>
      <label>
        <span className="filter-label">{t('hotspots.userGrid.crs')}</span>{' '}
        <select value={field.crs} onChange={(e) => field.onCrs(e.target.value as Crs)}>
          {CRS_OPTIONS.map((c) => (
            <option key={c} value={c}>
              {t(`hotspots.crs.${c}`)}
            </option>
          ))}
        </select>
      </label>
      {loaded && <span className="note">{loaded}</span>}
    </div>
  );
}
