// Joins the platforms' results by figure id and renders the table (terminal and Markdown) with the
// targets of issue 9 (speed), which took over those of issues 2 (section 7), 3 and 4, and a pass/miss each.

const OVERVIEW_MS = 150;
const ANALYSIS_MS = 300;
const PANEL_MS = 600;
const INTERACTIVE_MS = 1000;
const SCALE_QUERY_MS = 1000;
const SCALE_PANEL_MS = 2000;

/**
 * [id, label, target] in table order; target: { kind: 'ms', max } | { kind: 'ratio', native, max } |
 * { kind: 'mb', max } | { kind: 'all-rows' } | null
 */
const ROWS = [
  ['engine.open', 'engine start (instantiate + open)', null],
  ['ingest.readcsv', 'read_csv UTF-8 → table (engine only)', { kind: 'ratio', native: 'ingest.readcsv', max: 2.5 }],
  ['ingest.stage.csv', 'CSV UTF-8 → staging (stageFile)', null],
  ['ingest.stage.gbk', 'CSV GBK → staging (stageFile)', null],
  ['ingest.stage.parquet', 'Parquet → staging (stageFile)', null],
  [
    'ingest.import.csv',
    'CSV UTF-8 import end to end (importFiles)',
    { kind: 'ratio', native: 'ingest.readcsv', max: 4 },
  ],
  ['ingest.import.gbk', 'CSV GBK import end to end', { kind: 'ratio', native: 'ingest.readcsv', max: 5 }],
  ['ingest.import.parquet', 'Parquet import end to end', { kind: 'ratio', native: 'ingest.readparquet', max: 4 }],
  [
    'ingest.import.csv.threads',
    'CSV UTF-8 import, threaded build (COI)',
    { kind: 'ratio', native: 'ingest.readcsv', max: 4 },
  ],
  ['ingest.readcsv.threads', 'read_csv UTF-8, threaded build (COI)', null],
  ['ingest.readcsv.1thread', 'native read_csv, 1 thread', null],
  ['ingest.readcsv.gbk', 'native read_csv, encoding gb18030', null],
  ['ingest.readparquet', 'native read_parquet', null],
  ['memory.engine', 'engine memory after the 1M import', { kind: 'mb', max: 150 }],
  ['overview.kpi.all', 'Overview KPIs, no filter', { kind: 'ms', max: OVERVIEW_MS }],
  ['overview.trend.all', 'Overview monthly trend, no filter', { kind: 'ms', max: OVERVIEW_MS }],
  ['overview.density.all', 'Overview density bins, no filter', { kind: 'ms', max: OVERVIEW_MS }],
  ['overview.channels.all', 'Overview channel mix, no filter', { kind: 'ms', max: OVERVIEW_MS }],
  ['overview.kpi.filtered', 'Overview KPIs, district + year', { kind: 'ms', max: OVERVIEW_MS }],
  ['overview.trend.filtered', 'Overview trend, district + year', { kind: 'ms', max: OVERVIEW_MS }],
  ['overview.density.filtered', 'Overview density, district + year', { kind: 'ms', max: OVERVIEW_MS }],
  ['overview.channels.filtered', 'Overview channels, district + year', { kind: 'ms', max: OVERVIEW_MS }],
  ['overview.all4.all', 'all four Overview queries, no filter', null],
  ['overview.all4.filtered', 'all four Overview queries, filtered', null],
  ['hotspots.grid', 'study grid 500 m (one-off)', null],
  ['hotspots.neighbours', 'queen neighbours (one-off, memoised)', null],
  ['hotspots.area', 'hotspots: mapped extent (study area)', { kind: 'ms', max: ANALYSIS_MS }],
  ['hotspots.period', 'hotspots: period extent', { kind: 'ms', max: ANALYSIS_MS }],
  ['hotspots.counts', 'hotspots: counts per 500 m cell, one year', { kind: 'ms', max: ANALYSIS_MS }],
  ['hotspots.gistar', 'hotspots: Gi* + FDR classes, all cells', { kind: 'ms', max: ANALYSIS_MS }],
  ['hotspots.profiles', 'hotspots: places of the 100 listed cells', { kind: 'ms', max: ANALYSIS_MS }],
  ['hotspots.emerging.counts', 'emerging: counts per cell × 36 months', null],
  ['hotspots.emerging.stats', 'emerging: Gi* per slice + Mann–Kendall', null],
  ['hotspots.emerging', 'emerging hot spots, 36 slices (sum)', { kind: 'ms', max: ANALYSIS_MS }],
  ['rr.cohorts', 'repeat returns: cohort table, all windows', { kind: 'ms', max: ANALYSIS_MS }],
  ['rr.timeToReturn', 'repeat returns: Kaplan–Meier (query + curves)', { kind: 'ms', max: ANALYSIS_MS }],
  ['rr.histogram', 'repeat returns: days-to-return histogram', { kind: 'ms', max: ANALYSIS_MS }],
  ['rr.frequentSummary', 'frequent returners: summary', { kind: 'ms', max: ANALYSIS_MS }],
  ['rr.frequentTrend', 'frequent returners: monthly trend', { kind: 'ms', max: ANALYSIS_MS }],
  ['rr.frequentOrigins', 'frequent returners: by origin', { kind: 'ms', max: ANALYSIS_MS }],
  ['rr.frequentGroups', 'frequent returners: by group', { kind: 'ms', max: ANALYSIS_MS }],
  ['rr.frequentPlaces', 'frequent returners: places per map cell', { kind: 'ms', max: ANALYSIS_MS }],
  ['rr.panel', 'repeat-return panel: every query once', { kind: 'ms', max: PANEL_MS }],
  ['app.firstPaint', 'app: first contentful paint (built app)', null],
  ['app.demoShown', 'app: first start → demo KPIs on screen', null],
  ['app.filter', 'app: period change → KPI updated', { kind: 'ms', max: INTERACTIVE_MS }],
  ['app.import', 'app: pick 1M CSV → report on screen', { kind: 'ratio', native: 'ingest.readcsv', max: 4 }],
  ['app.save', 'app: saving 1M rows for the next visit (background)', null],
  ['app.reload', 'app: reload → 1M saved rows on screen', { kind: 'ms', max: 3000 }],
  ['scale.import', 'every part imported into one tab (scale run)', { kind: 'all-rows' }],
  ['scale.memory', 'tab memory after the 10M import (PSS)', { kind: 'mb', max: 2500 }],
  ['scale.overview.max', '10M: slowest Overview query', { kind: 'ms', max: SCALE_QUERY_MS }],
  ['scale.hotspots.year', '10M: hot spots for a year (counts + Gi*)', { kind: 'ms', max: SCALE_QUERY_MS }],
  ['scale.rr.panel', '10M: repeat-return panel', { kind: 'ms', max: SCALE_PANEL_MS }],
];

/** Adds derived figures (emerging = counts + stats; at scale the slowest Overview query) to a measurement map. */
function indexResult(result) {
  const m = new Map((result?.measurements ?? []).map((x) => [x.id, x]));
  const c = m.get('hotspots.emerging.counts');
  const s = m.get('hotspots.emerging.stats');
  if (c && s) m.set('hotspots.emerging', { id: 'hotspots.emerging', ms: Math.round((c.ms + s.ms) * 10) / 10 });
  return m;
}

function formatTarget(target) {
  if (target.kind === 'ms') return `≤ ${target.max} ms`;
  if (target.kind === 'mb') return `≤ ${target.max} MB`;
  if (target.kind === 'ratio') return `≤ ${target.max}× ${target.native.replace('ingest.', 'native ')}`;
  return '';
}

export function buildTable(results) {
  const node = indexResult(results['node-wasm']);
  const native = indexResult(results.native);
  const browser = indexResult(results.browser);
  const app = indexResult(results.app);
  const rows = [];
  for (const [id, label, target] of ROWS) {
    const n = node.get(id)?.ms;
    const v = native.get(id)?.ms;
    const b = (browser.get(id) ?? app.get(id))?.ms;
    if (n === undefined && v === undefined && b === undefined) continue;
    const wasm = b ?? n;
    const nativeRef = target?.kind === 'ratio' ? native.get(target.native)?.ms : v;
    const ratio = wasm !== undefined && nativeRef ? wasm / nativeRef : undefined;
    let targetText = target ? formatTarget(target) : '';
    let verdict = '';
    if (target?.kind === 'all-rows') {
      const loaded = (browser.get(id) ?? node.get(id))?.rows ?? 0;
      const wanted = (results.browser ?? results['node-wasm'])?.episodes ?? 0;
      targetText = `${wanted.toLocaleString('en')} rows loadable`;
      verdict = loaded >= wanted ? 'pass' : `MISS (${loaded.toLocaleString('en')} rows)`;
    } else if (target?.kind === 'ms' || target?.kind === 'mb') {
      if (wasm !== undefined) verdict = wasm <= target.max ? 'pass' : 'MISS';
    } else if (target?.kind === 'ratio') {
      if (ratio !== undefined) verdict = ratio <= target.max ? 'pass' : 'MISS';
    }
    if (verdict && b === undefined) verdict += ' (Node)';
    const unit = target?.kind === 'mb' ? 'MB' : 'ms';
    rows.push({ id, label, node: n, browser: b, native: v, ratio, target: targetText, verdict, unit });
  }
  return rows;
}

function ms(v, unit = 'ms') {
  if (v === undefined) return '–';
  if (unit === 'MB') return `${Math.round(v)} MB`;
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
}

function ratioText(r) {
  return r === undefined ? '–' : `${r.toFixed(r >= 10 ? 0 : 1)}×`;
}

const HEAD = ['figure', 'Node WASM', 'Chromium WASM', 'native', 'WASM/native', 'target', 'result'];

function cells(r) {
  return [
    r.label,
    ms(r.node, r.unit),
    ms(r.browser, r.unit),
    ms(r.native, r.unit),
    ratioText(r.ratio),
    r.target,
    r.verdict,
  ];
}

export function formatTerminalTable(rows) {
  const all = [HEAD, ...rows.map(cells)];
  const width = (s) => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFFF]/.test(ch) ? 2 : 1), 0);
  const widths = HEAD.map((_, c) => Math.max(...all.map((r) => width(r[c]))));
  const line = (r) => r.map((s, c) => s + ' '.repeat(widths[c] - width(s))).join('  ');
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

export function formatMarkdownTable(rows) {
  const line = (r) => `| ${r.join(' | ')} |`;
  return [line(HEAD), line(HEAD.map(() => '---')), ...rows.map((r) => line(cells(r)))].join('\n');
}

export function formatMemory(results) {
  const out = [];
  for (const [platform, result] of Object.entries(results)) {
    for (const m of result?.memory ?? []) {
      const parts = [];
      if (m.rss) parts.push(`RSS ${Math.round(m.rss / 1e6)} MB`);
      if (m.pss) parts.push(`PSS ${Math.round(m.pss / 1e6)} MB`);
      if (m.heapUsed) parts.push(`JS heap ${Math.round(m.heapUsed / 1e6)} MB`);
      if (m.external) parts.push(`external ${Math.round(m.external / 1e6)} MB`);
      if (m.duckdb) parts.push(`DuckDB ${Math.round(m.duckdb / 1e6)} MB`);
      out.push(`- ${platform}, ${m.id}: ${parts.join(', ')}${m.note ? ` (${m.note})` : ''}`);
    }
  }
  return out.join('\n');
}

export function formatNotes(results) {
  const out = [];
  for (const [platform, result] of Object.entries(results)) {
    if (!result) continue;
    out.push(`- ${platform}: ${result.engine}`);
    for (const n of result.notes ?? []) out.push(`  - ${n}`);
    for (const m of result.measurements ?? [])
      if (m.note && /phases|importFiles|stageFile/.test(m.note)) out.push(`  - ${m.id}: ${m.note}`);
    for (const e of result.errors ?? []) out.push(`  - ERROR ${e.split('\n')[0]}`);
  }
  return out.join('\n');
}

/** Cells × slices of the hotspot statistics (scripts/bench/scaling.ts), from the first platform that ran it. */
export function formatScaling(results) {
  const source = ['browser', 'node-wasm']
    .map((p) => results[p])
    .find((r) => r?.measurements?.some((m) => m.id.startsWith('scaling.')));
  if (!source) return '';
  const m = new Map(source.measurements.map((x) => [x.id, x]));
  const lines = ['| cell size | cells | Gi* + FDR | emerging, slices: ms |', '| --- | --- | --- | --- |'];
  for (const size of [1000, 500, 250]) {
    const grid = m.get(`scaling.grid.${size}`);
    if (!grid) continue;
    const emerging = source.measurements
      .filter((x) => x.id.startsWith(`scaling.emerging.${size}.`))
      .map((x) => `${x.id.split('.').pop()}: ${Math.round(x.ms)} ms`)
      .join(', ');
    lines.push(
      `| ${size} m | ${grid.rows} | ${Math.round(m.get(`scaling.gistar.${size}`)?.ms ?? NaN)} ms | ${emerging} |`,
    );
  }
  return `${lines.join('\n')}\n\n(${source.platform}, seeded synthetic counts)`;
}
