import { toCsv } from '../../core/export/csv';
import type { XlsxCell, XlsxSheet } from '../../core/export/xlsx';
import type { OriginTranslate } from './messages';
import { runtimeKey } from '../shared/i18n/translate';
import { formatDate, formatNumber, formatPercent, type Lang } from '../shared/i18n/format';
import type { RegionFigures } from './layers';
import { classifyCount, discloseRate, formatSuppressed } from '../../core/export/suppression';

/** The coordination sheet to an origin region (反馈至流出地): what the print page and the exports show. */
export type ReturnerRow = {
  region: string;
  token: string;
  exit_case_id: string;
  exit_found_at: number;
  exit_at: number | null;
  exit_outcome: string | null;
  next_found_at: number;
  next_case_id: string | null;
  next_place: string | null;
  gap_days: number;
};

export type PoorRow = {
  region: string;
  token: string | null;
  case_id: string;
  episodes: number;
  first_found: number;
  last_found: number;
  last_outcome: string | null;
};

export type ListedEpisodeRow = {
  region: string;
  case_id: string;
  token: string | null;
  found_at: number;
  exit_at: number | null;
  outcome: string | null;
  place: string | null;
  poverty_registered: boolean | null;
};

export interface SheetInput {
  region: string;
  name: string;
  figures: RegionFigures;
  returners: readonly ReturnerRow[];
  poor: readonly PoorRow[];
  episodes: readonly ListedEpisodeRow[];
  period: { from: string; to: string };
  sender: string;
  contact: string;
}

export interface SheetSummaryLine {
  label: string;
  /** suppressed for what leaves the unit */
  value: number | string;
  unit: string;
}

export interface SheetModel {
  title: string;
  addressee: string;
  body: string;
  summary: SheetSummaryLine[];
  returnersHeader: string[];
  returners: string[][];
  poorHeader: string[];
  poor: string[][];
  episodesHeader: string[];
  episodes: string[][];
  contact: string;
  note: string;
  fileStem: string;
}

const personsReturned = (rows: readonly ReturnerRow[]) => new Set(rows.map((r) => r.token)).size;

/** Builds the sheet's text in the user's language; every count passes the suppression rule. */
export function buildSheetModel(input: SheetInput, t: OriginTranslate, lang: Lang): SheetModel {
  const { figures: f, name } = input;
  const row = f.row;
  const outcome = (o: string | null) => (o ? t(runtimeKey(`outcome.${o}`)) : '—');
  const day = (ms: number | null) => formatDate(lang, ms);
  const count = (n: number) => formatSuppressed(n, classifyCount(n)) ?? '—';
  const share = (num: number, den: number) => {
    if (!(den > 0)) return '—';
    const disclosure = discloseRate(classifyCount(num), classifyCount(den), den);
    return disclosure === 'shown' ? formatPercent(lang, num / den) : (formatSuppressed(null, disclosure) ?? '—');
  };
  const returned = personsReturned(input.returners);
  const rate = f.rate;
  // the rate is of the complete cohorts only, so its own counts go beside it: the persons found again above also
  // count those sent home too recently to have a rate
  const rateShown = rate && rate.cohort > 0 && discloseRate(classifyCount(rate.returned), classifyCount(rate.cohort), rate.cohort) === 'shown';
  const rateText = !rate ? '—' : rateShown ? t('og.sheet.rateValue', { rate: share(rate.returned, rate.cohort), returned: formatNumber(lang, rate.returned), cohort: formatNumber(lang, rate.cohort) }) : share(rate.returned, rate.cohort);
  const persons = t('og.unit.persons');
  const summary: SheetSummaryLine[] = [
    { label: t('og.sheet.episodes'), value: count(row.episodes), unit: t('og.unit.episodes') },
    { label: t('og.sheet.persons'), value: count(row.persons), unit: persons },
    { label: t('og.sheet.sentHome'), value: count(row.sent_home), unit: persons },
    { label: t('og.sheet.returned', { w: 365 }), value: count(returned), unit: persons },
    { label: t('og.sheet.rate', { w: 365 }), value: rateText, unit: '' },
    { label: t('og.sheet.minors'), value: count(row.minors), unit: persons },
    { label: t('og.sheet.elderly'), value: count(row.elderly), unit: persons },
    { label: t('og.sheet.mental'), value: count(row.mental), unit: persons },
    { label: t('og.sheet.poor'), value: count(row.poor), unit: persons },
    { label: t('og.sheet.poorShare'), value: share(row.poor, row.poverty_recorded), unit: '' },
  ];
  return {
    title: t('og.sheet.title', { name }),
    addressee: t('og.sheet.addressee', { name }),
    body: t('og.sheet.body', { from: input.period.from, to: input.period.to, sender: input.sender || t('og.sheet.us') }),
    summary,
    returnersHeader: [t('og.col.token'), t('og.col.exitDate'), t('og.col.exitOutcome'), t('og.col.nextDate'), t('og.col.nextPlace'), t('og.col.gap')],
    returners: input.returners.map((r) => [r.token, day(r.exit_at ?? r.exit_found_at), outcome(r.exit_outcome), day(r.next_found_at), r.next_place ?? '—', String(r.gap_days)]),
    poorHeader: [t('og.col.token'), t('og.col.episodes'), t('og.col.firstFound'), t('og.col.lastFound'), t('og.col.lastOutcome')],
    poor: input.poor.map((r) => [r.token ?? t('og.sheet.noToken', { id: r.case_id }), String(r.episodes), day(r.first_found), day(r.last_found), outcome(r.last_outcome)]),
    episodesHeader: [t('og.col.caseId'), t('og.col.token'), t('og.col.foundAt'), t('og.col.exitAt'), t('og.col.outcome'), t('og.col.place'), t('og.col.poor')],
    episodes: input.episodes.map((e) => [e.case_id, e.token ?? '—', day(e.found_at), day(e.exit_at), outcome(e.outcome), e.place ?? '—', e.poverty_registered ? t('og.yes') : e.poverty_registered === false ? t('og.no') : '—']),
    contact: t('og.sheet.contact', { sender: input.sender || '＿＿＿＿', contact: input.contact || '＿＿＿＿' }),
    note: t('og.sheet.note', { k: 5 }),
    fileStem: `${t('og.sheet.file')}_${name}_${input.period.from}_${input.period.to}`,
  };
} // prettier-ignore

/** The workbook of one region: 汇总 (the letter's text and figures), 屡送屡返名单, 建档立卡名单, 救助记录. */
export function sheetToXlsx(m: SheetModel, t: OriginTranslate): XlsxSheet[] {
  const summary: XlsxCell[][] = [
    [m.title],
    [m.addressee],
    [m.body],
    [],
    [t('og.sheet.item'), t('og.sheet.value'), t('og.sheet.unit')],
    ...m.summary.map((s) => [s.label, s.value, s.unit]),
    [],
    [m.contact],
    [m.note],
  ];
  return [
    { name: t('og.sheet.tab.summary'), rows: summary, widths: [40, 14, 8] },
    { name: t('og.sheet.tab.returners'), rows: [m.returnersHeader, ...m.returners], widths: [14, 12, 12, 12, 18, 8], stickyRows: 1 },
    { name: t('og.sheet.tab.poor'), rows: [m.poorHeader, ...m.poor], widths: [20, 8, 12, 12, 12], stickyRows: 1 },
    { name: t('og.sheet.tab.episodes'), rows: [m.episodesHeader, ...m.episodes], widths: [16, 14, 12, 12, 12, 18, 8], stickyRows: 1 },
  ];
} // prettier-ignore

/** The region's anonymized episode list (the listed persons' episodes) as CSV. */
export function sheetToCsv(m: SheetModel): string {
  return toCsv(m.episodesHeader, m.episodes);
}

/** Lists grouped by region, for exporting every region from one query each. */
export function groupByRegion<T extends { region: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    let list = out.get(r.region);
    if (!list) out.set(r.region, (list = []));
    list.push(r);
  }
  return out;
}
