import { useState } from 'react';
import type { BasemapDatum, BasemapSetting } from './basemap-source';
import { saveBasemap, useBasemap } from './basemap-store';
import { basemapMessages } from './basemap-messages';
import { useTranslate } from '../use-translate';
import { runtimeKey } from '../i18n/translate';

/**
 * Where the street map comes from: the intranet's XYZ/WMTS tile address or a .pmtiles file, and the datum the
 * tiles are drawn in. Kept in this browser; every map that passes useBasemap().source to BaseMap shows it.
 */
export function BasemapSettings() {
  const t = useTranslate(basemapMessages);
  const { setting, source, error, loading } = useBasemap();
  const [draft, setDraft] = useState<BasemapSetting | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const d = draft ?? setting;
  const edit = (next: Partial<BasemapSetting>) => setDraft({ ...d, ...next });
  const save = () => void saveBasemap(d, file).then(() => setDraft(null));
  return (
    <div className="basemap-settings" data-testid="basemap-settings">
      <div className="control-bar">
        <label className="control-field">
          <span className="filter-label">{t('basemap.kind')}</span>
          <select
            value={d.kind}
            data-testid="basemap-kind"
            onChange={(e) => edit({ kind: e.target.value as BasemapSetting['kind'] })}
          >
            <option value="none">{t('basemap.kind.none')}</option>
            <option value="xyz">{t('basemap.kind.xyz')}</option>
            <option value="pmtiles">{t('basemap.kind.pmtiles')}</option>
          </select>
        </label>
        {d.kind === 'xyz' && (
          <label className="control-field basemap-url">
            <span className="filter-label">{t('basemap.url')}</span>
            <input
              type="text"
              value={d.url}
              placeholder="http://tiles.example.gov.cn/vec_w/{z}/{x}/{y}.png"
              data-testid="basemap-url"
              onChange={(e) => edit({ url: e.target.value })}
            />
          </label>
        )}
        {d.kind === 'pmtiles' && (
          <label className="hs-file button">
            {t('basemap.pick')}
            <input
              hidden
              type="file"
              accept=".pmtiles"
              data-testid="basemap-file"
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                setFile(f);
                if (f) edit({ fileName: f.name });
              }}
            />
          </label>
        )}
        {d.kind === 'pmtiles' && d.fileName && <span className="note">{d.fileName}</span>}
        {d.kind !== 'none' && (
          <label className="control-field">
            <span className="filter-label">{t('basemap.datum')}</span>
            <select
              value={d.datum}
              data-testid="basemap-datum"
              onChange={(e) => edit({ datum: e.target.value as BasemapDatum })}
            >
              {(['CGCS2000', 'WGS84', 'GCJ02'] as const).map((x) => (
                <option key={x} value={x}>
                  {t(`basemap.datum.${x}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" className="small" data-testid="basemap-save" disabled={loading} onClick={save}>
          {t('basemap.save')}
        </button>
      </div>
      <p className="note">{source ? t('basemap.active', { source: source.attribution }) : t('basemap.none')}</p>
      <p className="note">{t(d.datum === 'GCJ02' ? 'basemap.gcjNote' : 'basemap.datumNote')}</p>
      {error && (
        <p className="banner error" role="alert">
          {t(runtimeKey(error))}
        </p>
      )}
    </div>
  );
}
