// Joins the platforms' results by figure id and renders the table (terminal and Markdown) with the
// targets of issues 2 (section 7), 3 and 4 and a pass/miss per target.

const OVERVIEW_MS = 150;
const ANALYSIS_MS = 300;
const INGEST_RATIO = 2.5;
const INTERACTIVE_MS = 1000;

/** [id, label, target] in table order; target: { kind: 'ms', max } | { kind: 'ratio', native } | null */
const ROWS = [
  ['engine.open', 'engine start (instantiate + open)', null],
  ['ingest.readcsv', 'read_csv UTF-8 → table (engine only)', { kind: 'ratio', native: 'ingest.readcsv' }],
  ['ingest.stage.csv', 'CSV UTF-8 → staging (stageFile)', { kind: 'ratio', native: 'ingest.readcsv' }],
  ['ingest.stage.gbk', 'CSV GBK → staging (stageFile)', { kind: 'ratio', native: 'ingest.readcsv' }],
  ['ingest.stage.parquet', 'Parquet → staging (stageFile)', { kind: 'ratio', native: 'ingest.readparquet' }],
  ['ingest.import.csv', 'CSV UTF-8 import end to end (importFiles)', { kind: 'ratio', native: 'ingest.readcsv' }],
  ['ingest.import.gbk', 'CSV GBK import end to end', { kind: 'ratio', native: 'ingest.readcsv' }],
  ['ingest.import.parquet', 'Parquet import end to end', { kind: 'ratio', native: 'ingest.readparquet' }],
  ['ingest.readcsv.1thread', 'native read_csv, 1 thread', null],
  ['ingest.readcsv.gbk', 'native read_csv, encoding gb18030', null],
  ['ingest.readparquet', 'native read_parquet', null],
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
  ['hotspots.counts', 'hotspots: counts per 500 m cell, one year', { kind: 'ms', max: ANALYSIS_MS }],
  ['hotspots.gistar', 'hotspots: Gi* + FDR classes, all cells', { kind: 'ms', max: ANALYSIS_MS }],
  ['hotspots.emerging.counts', 'emerging: counts per cell × 36 months', null],
  ['hotspots.emerging.stats', 'emerging: Gi* per slice + Mann–Kendall', null],
  ['hotspots.emerging', 'emerging hot spots, 36 slices (sum)', { kind: 'ms', max: ANALYSIS_MS }],
  ['rr.cohorts', 'repeat returns: cohort table, all windows', { kind: 'ms', max: ANALYSIS_MS }],
  ['rr.km', 'repeat returns: Kaplan–Meier', { kind: 'ms', max: ANALYSIS_MS }],
  ['rr.frequent.summary', 'frequent returners: summary', null],
  ['rr.frequent.trend', 'frequent returners: monthly trend', null],
  ['rr.frequent.origins', 'frequent returners: by origin', null],
  ['rr.frequent.groups', 'frequent returners: by group', null],
  ['rr.frequent.places', 'frequent returners: places (map)', null],
  ['rr.frequent', 'frequent returners: all 5 queries', { kind: 'ms', max: ANALYSIS_MS }],
  ['app.filter', 'app: period change → KPI updated', { kind: 'ms', max: INTERACTIVE_MS }],
  ['app.import', 'app: import through the Data view', null],
  ['scale.import', 'every part imported into one tab (scale run)', { kind: 'all-rows' }],
];

/** Adds derived figures (emerging = counts + stats) to a platform's measurement map. */
function indexResult(result) {
  const m = new Map((result?.measurements ?? []).map((x) => [x.id, x]));
  const c = m.get('hotspots.emerging.counts');
  const s = m.get('hotspots.emerging.stats');
  if (c && s) m.set('hotspots.emerging', { id: 'hotspots.emerging', ms: Math.round((c.ms + s.ms) * 10) / 10 });
  return m;
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
    let targetText = '';
    let verdict = '';
    if (target?.kind === 'all-rows') {
      const loaded = (browser.get(id) ?? node.get(id))?.rows ?? 0;
      const wanted = (results.browser ?? results['node-wasm'])?.episodes ?? 0;
      targetText = `${wanted.toLocaleString('en')} rows loadable`;
      verdict = loaded >= wanted ? 'pass' : `MISS (${loaded.toLocaleString('en')} rows)`;
    } else if (target?.kind === 'ms') {
      targetText = `< ${target.max} ms`;
      if (wasm !== undefined) verdict = wasm < target.max ? 'pass' : 'MISS';
    } else if (target?.kind === 'ratio') {
      targetText = `≤ ${INGEST_RATIO}× ${target.native.replace('ingest.', 'native ')}`;
      if (ratio !== undefined) verdict = ratio <= INGEST_RATIO ? 'pass' : 'MISS';
    }
    if (verdict && b === undefined) verdict += ' (Node)';
    rows.push({ id, label, node: n, browser: b, native: v, ratio, target: targetText, verdict });
  }
  return rows;
}

function ms(v) {
  if (v === undefined) return '–';
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
}

function ratioText(r) {
  return r === undefined ? '–' : `${r.toFixed(r >= 10 ? 0 : 1)}×`;
}

const HEAD = ['figure', 'Node WASM', 'Chromium WASM', 'native', 'WASM/native', 'target', 'result'];

function cells(r) {
  return [r.label, ms(r.node), ms(r.browser), ms(r.native), ratioText(r.ratio), r.target, r.verdict];
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
