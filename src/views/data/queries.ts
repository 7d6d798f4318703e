/** What is loaded, per source file, for the Data view's dataset list. */
export const LOADED_DATASETS_QUERY = `
  SELECT 'cases' AS kind, source_file, count(*) AS rows,
         strftime(min(found_at), '%Y-%m-%d') AS first_day, strftime(max(found_at), '%Y-%m-%d') AS last_day
  FROM cases GROUP BY source_file
  UNION ALL
  SELECT 'patrols' AS kind, source_file,
         -- a drawn route is one row of its file however many vertices it has
         count(*) FILTER (WHERE drawn_route IS NULL) + count(DISTINCT source_row) FILTER (WHERE drawn_route) AS rows,
         strftime(min(recorded_at), '%Y-%m-%d'), strftime(max(recorded_at), '%Y-%m-%d')
  FROM patrol_points GROUP BY source_file
  UNION ALL
  SELECT 'patrols' AS kind, source_file, count(*) AS rows,
         strftime(min(start_at), '%Y-%m-%d'), strftime(max(end_at), '%Y-%m-%d')
  FROM patrol_logs GROUP BY source_file
  ORDER BY kind, source_file`;

export interface LoadedDataset {
  kind: 'cases' | 'patrols';
  source_file: string;
  rows: number;
  first_day: string;
  last_day: string;
}
