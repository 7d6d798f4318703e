import type { PatrolTranslate } from './messages';
import { formatNumber, type Lang } from '../shared/i18n/format';
import type { Crs } from '../../core/geo/coords';
import { H3_RESOLUTIONS } from '../../core/grid/h3-grid';
import { SQUARE_SIZES_M, type HotspotSettings } from '../hotspots/hotspot-settings';
import { SegmentedControl } from '../shared/SegmentedControl';
import { HourRange } from './HourRange';
import type { PatrolSettings } from './patrol-settings';
import type { LoadedUserGrid } from './use-patrol-coverage';

const CRS_OPTIONS: Crs[] = ['WGS84', 'GCJ02', 'BD09'];

interface Props {
  settings: PatrolSettings;
  onChange<K extends keyof PatrolSettings>(key: K, value: PatrolSettings[K]): void;
  grid: HotspotSettings;
  onGrid<K extends 'grid' | 'cellM' | 'h3Resolution'>(key: K, value: HotspotSettings[K]): void;
  teams: readonly string[];
  userGrid: LoadedUserGrid | null;
  userCrs: Crs;
  onUserCrs(crs: Crs): void;
  onUserGridFile(file: File): void;
  t: PatrolTranslate;
  lang: Lang;
}

/** Grid (shared with the hot spot view), unit, teams and hours of the coverage map; all in the URL. */
export function PatrolControls(props: Props) {
  const { settings, onChange, grid, onGrid, teams, userGrid, userCrs, onUserCrs, onUserGridFile, t, lang } = props;
  const chosen = new Set(settings.teams);
  const toggleTeam = (team: string) => {
    const current = chosen.size ? chosen : new Set(teams);
    const next = teams.filter((x) => (x === team ? !current.has(x) : current.has(x)));
    onChange('teams', next.length === teams.length ? [] : next);
  };
  return (
    <div className="control-bar pt-controls" data-testid="patrol-controls">
      <label className="control-field">
        <span className="filter-label">{t('hotspots.grid.label')}</span>
        <select value={grid.grid} onChange={(e) => onGrid('grid', e.target.value as HotspotSettings['grid'])}>
          <option value="square">{t('hotspots.grid.square')}</option>
          <option value="h3">{t('hotspots.grid.h3')}</option>
          <option value="user">{t('hotspots.grid.user')}</option>
        </select>
        {grid.grid === 'square' && (
          <select
            aria-label={t('hotspots.grid.size')}
            value={grid.cellM}
            onChange={(e) => onGrid('cellM', Number(e.target.value))}
          >
            {SQUARE_SIZES_M.map((s) => (
              <option key={s} value={s}>
                {t('hotspots.grid.sizeValue', { size: formatNumber(lang, s) })}
              </option>
            ))}
          </select>
        )}
        {grid.grid === 'h3' && (
          <select
            aria-label={t('hotspots.grid.resolution')}
            value={grid.h3Resolution}
            onChange={(e) => onGrid('h3Resolution', Number(e.target.value))}
          >
            {H3_RESOLUTIONS.map((r) => (
              <option key={r} value={r}>
                H3 {r}
              </option>
            ))}
          </select>
        )}
      </label>
      {grid.grid === 'user' && (
        <span className="control-field">
          <label className="hs-file button">
            {t('hotspots.grid.import')}
            <input
              hidden
              type="file"
              accept=".geojson,.json,application/geo+json,application/json"
              data-testid="pt-user-grid-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) onUserGridFile(file);
                e.target.value = '';
              }}
            />
          </label>
          <select
            aria-label={t('hotspots.userGrid.crs')}
            value={userCrs}
            onChange={(e) => onUserCrs(e.target.value as Crs)}
          >
            {CRS_OPTIONS.map((c) => (
              <option key={c} value={c}>
                {t(`hotspots.crs.${c}`)}
              </option>
            ))}
          </select>
          {userGrid && <span className="note">{userGrid.fileName}</span>}
        </span>
      )}
      <SegmentedControl
        label={t('patrols.unit.label')}
        options={['day', 'hour'] as const}
        value={settings.unit}
        labelOf={(u) => t(u === 'day' ? 'patrols.unit.patrolDays' : 'patrols.unit.patrolHours')}
        testIdPrefix="pt-unit"
        onSelect={(u) => onChange('unit', u)}
      />
      <HourRange
        label={t('patrols.hours.label')}
        hours={settings.hours}
        onChange={(h) => onChange('hours', h)}
        testId="pt-hours"
        t={t}
      />
      {teams.length > 0 && (
        <fieldset className="control-field pt-teams" data-testid="pt-teams">
          <legend className="filter-label">{t('patrols.teams.label')}</legend>
          {teams.map((team) => (
            <label key={team} className="pt-team">
              <input
                type="checkbox"
                checked={chosen.size === 0 || chosen.has(team)}
                onChange={() => toggleTeam(team)}
              />
              {team}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
