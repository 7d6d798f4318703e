import type { GlobalFilters } from '../core/filters';
import { EMPTY_FILTERS } from '../core/filters';
import type { PeriodPreset } from '../core/calendar/periods';
import { PERIOD_PRESETS } from '../core/calendar/periods';

export const VIEWS = [
  'overview',
  'briefing',
  'hotspots',
  'patrols',
  'repeat-returns',
  'origins',
  'data',
  'sql',
] as const;
export type ViewId = (typeof VIEWS)[number];

/** Everything a shared link restores. Bump URL_STATE_VERSION and add a migration when the shape changes. */
export interface UrlState {
  view: ViewId;
  lang: 'zh' | 'en';
  preset: PeriodPreset;
  filters: GlobalFilters;
  /** view-specific settings, e.g. { 'hs.cell': '500' } */
  params: Record<string, string>;
}

export const URL_STATE_VERSION = 1;

export const DEFAULT_URL_STATE: UrlState = {
  view: 'overview',
  lang: 'zh',
  preset: 'all',
  filters: EMPTY_FILTERS,
  params: {},
};

const LIST_KEYS = {
  districts: 'd',
  channels: 'ch',
  groups: 'g',
  sexes: 'sex',
  ageBands: 'age',
  identity: 'id',
} as const satisfies Record<Exclude<keyof GlobalFilters, 'from' | 'to'>, string>;

export function serializeUrlState(state: UrlState): string {
  const q = new URLSearchParams();
  q.set('v', String(URL_STATE_VERSION));
  q.set('view', state.view);
  if (state.lang !== 'zh') q.set('lang', state.lang);
  if (state.preset !== 'all') q.set('period', state.preset);
  if (state.filters.from) q.set('from', state.filters.from);
  if (state.filters.to) q.set('to', state.filters.to);
  for (const [field, key] of Object.entries(LIST_KEYS) as [keyof typeof LIST_KEYS, string][]) {
    const values = state.filters[field];
    if (values.length) q.set(key, values.join(','));
  }
  for (const [k, v] of Object.entries(state.params).sort()) q.set(`p.${k}`, v);
  return q.toString();
}

export function parseUrlState(search: string): UrlState {
  const q = migrate(new URLSearchParams(search));
  const view = VIEWS.find((v) => v === q.get('view')) ?? DEFAULT_URL_STATE.view;
  const preset = PERIOD_PRESETS.find((p) => p === q.get('period')) ?? (q.get('from') || q.get('to') ? 'custom' : 'all');
  const filters: GlobalFilters = { ...EMPTY_FILTERS, from: validDay(q.get('from')), to: validDay(q.get('to')) };
  for (const [field, key] of Object.entries(LIST_KEYS) as [keyof typeof LIST_KEYS, string][]) {
    filters[field] = (q.get(key) ?? '').split(',').filter(Boolean);
  }
  const params: Record<string, string> = {};
  q.forEach((value, key) => {
    if (key.startsWith('p.')) params[key.slice(2)] = value;
  });
  return { view, lang: q.get('lang') === 'en' ? 'en' : 'zh', preset, filters, params };
}

/**
 * Links made before versioning (v absent, the prototype's briefing links) used `period=FROM..TO`
 * and `district=`; they still open.
 */
function migrate(q: URLSearchParams): URLSearchParams {
  const version = Number(q.get('v') ?? 0);
  if (version >= 1) return q;
  const out = new URLSearchParams(q);
  const period = q.get('period');
  if (period?.includes('..')) {
    const [from, to] = period.split('..');
    out.delete('period');
    if (from) out.set('from', from);
    if (to) out.set('to', to);
  }
  const district = q.get('district');
  if (district) {
    out.delete('district');
    out.set('d', district);
  }
  out.set('v', '1');
  return out;
}

function validDay(s: string | null): string | null {
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null;
}
