import { createContext, useContext } from 'react';
import type { QueryCoordinator } from '../../core/db/query-coordinator';
import type { GlobalFilters } from '../../core/filters';
import type { DataSpan } from '../../core/calendar/periods';
import type { Lang } from './i18n/format';

/** What every view receives from the shell. */
export interface AppContextValue {
  coordinator: QueryCoordinator;
  lang: Lang;
  filters: GlobalFilters;
  /** increases whenever the loaded data change, so views re-query */
  dataVersion: number;
  span: DataSpan | null;
  params: Record<string, string>;
  setParam(key: string, value: string | null): void;
  /** starts an import of files the user picked in a view (the header's 导入数据 does the same) */
  importFiles(files: File[]): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
