import { parseReportPeriod, serializeReportPeriod, type ReportPeriodSpec } from '../../core/calendar/report-periods';
import type { GlobalFilters } from '../../core/filters';

/** The briefing's settings in the URL (UrlState.params), so a briefing link reopens the same briefing. */
export const BRIEFING_PARAM_KEYS = {
  period: 'bf.period',
  tab: 'bf.tab',
  /** the monthly report's months: '2024-08' or '2024-06..2024-08' */
  months: 'bf.months',
} as const;

export type BriefingTab = 'briefing' | 'report';

export interface BriefingParams {
  spec: ReportPeriodSpec | null;
  tab: BriefingTab;
  months: { from: string; to: string } | null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function parseBriefingParams(params: Readonly<Record<string, string>>): BriefingParams {
  const [from = '', to = from] = (params[BRIEFING_PARAM_KEYS.months] ?? '').split('..');
  return {
    spec: parseReportPeriod(params[BRIEFING_PARAM_KEYS.period]),
    tab: params[BRIEFING_PARAM_KEYS.tab] === 'report' ? 'report' : 'briefing',
    months: MONTH.test(from) && MONTH.test(to) ? (from <= to ? { from, to } : { from: to, to: from }) : null,
  };
}

export function serializeMonths(months: { from: string; to: string }): string {
  return months.from === months.to ? months.from : `${months.from}..${months.to}`;
}

/**
 * What identifies a briefing link: its period, the global filters other than the period, and the language (the
 * text is in one language). The edited narrative is kept under this key on this computer, never in the link
 * itself: a link's query reaches the intranet server's logs, the text stays in the browser.
 */
export function briefingLinkKey(spec: ReportPeriodSpec, filters: GlobalFilters, lang: string): string {
  const lists = [
    filters.districts,
    filters.channels,
    filters.groups,
    filters.sexes,
    filters.ageBands,
    filters.identity,
  ];
  return [serializeReportPeriod(spec), ...lists.map((l) => [...l].sort().join(',')), lang].join('|');
}

const NARRATIVE_PREFIX = 'outreach-atlas.briefing-narrative.v1:';
const UNIT_KEY = 'outreach-atlas.unit-name.v1';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The narrative as the user edited it for this briefing link, or null (the generated text is used). */
export function loadNarrative(linkKey: string): string | null {
  return storage()?.getItem(NARRATIVE_PREFIX + linkKey) ?? null;
}

export function saveNarrative(linkKey: string, text: string | null): void {
  const s = storage();
  if (!s) return;
  if (text === null) s.removeItem(NARRATIVE_PREFIX + linkKey);
  else s.setItem(NARRATIVE_PREFIX + linkKey, text);
}

/** The unit's name for the briefing's header and the report (a setting of this browser). */
export function loadUnitName(): string {
  return storage()?.getItem(UNIT_KEY) ?? '';
}

export function saveUnitName(name: string): void {
  const s = storage();
  if (!s) return;
  if (name.trim()) s.setItem(UNIT_KEY, name);
  else s.removeItem(UNIT_KEY);
}
