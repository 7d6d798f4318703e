import { useRef, useState } from 'react';
import {
  buildListedEpisodesQuery,
  buildPoorListQuery,
  buildReturnerListQuery,
} from '../../core/analytics/origin-sheet';
import type { OriginLevel } from '../../core/analytics/origin-regions';
import type { QueryCoordinator } from '../../core/db/query-coordinator';
import type { GlobalFilters } from '../../core/filters';
import { writeXlsx } from '../../core/export/xlsx';
import { ExportCancelled, zipEntries } from '../../core/export/zip';
import type { OriginTranslate } from './messages';
import type { Lang } from '../shared/i18n/format';
import type { RegionFigures } from './layers';
import { RETURN_WINDOW_DAYS } from './queries';
import {
  buildSheetModel,
  groupByRegion,
  sheetToXlsx,
  type ListedEpisodeRow,
  type PoorRow,
  type ReturnerRow,
  type SheetModel,
} from './sheet';

export interface SheetContext {
  coordinator: QueryCoordinator;
  filters: GlobalFilters;
  period: { from: string; to: string };
  sender: { sender: string; contact: string };
  nameOf(code: string): string;
  t: OriginTranslate;
  lang: Lang;
}

type R<T> = T & Record<string, unknown>;

/** The lists of one region (or, with region null, of every region at the level), grouped by region. */
async function loadLists(ctx: SheetContext, level: OriginLevel, region: string | null) {
  const [returners, poor, episodes] = await Promise.all([
    ctx.coordinator.query<R<ReturnerRow>>(buildReturnerListQuery(ctx.filters, level, region, RETURN_WINDOW_DAYS)),
    ctx.coordinator.query<R<PoorRow>>(buildPoorListQuery(ctx.filters, level, region)),
    ctx.coordinator.query<R<ListedEpisodeRow>>(
      buildListedEpisodesQuery(ctx.filters, level, region, RETURN_WINDOW_DAYS),
    ),
  ]);
  return { returners: groupByRegion(returners), poor: groupByRegion(poor), episodes: groupByRegion(episodes) };
}

type Lists = Awaited<ReturnType<typeof loadLists>>;

function modelOf(ctx: SheetContext, figures: RegionFigures, lists: Lists): SheetModel {
  const region = figures.row.region!;
  return buildSheetModel(
    {
      region,
      name: ctx.nameOf(region),
      figures,
      returners: lists.returners.get(region) ?? [],
      poor: lists.poor.get(region) ?? [],
      episodes: lists.episodes.get(region) ?? [],
      period: ctx.period,
      ...ctx.sender,
    },
    ctx.t,
    ctx.lang,
  );
}

export async function loadSheetModel(
  ctx: SheetContext,
  level: OriginLevel,
  figures: RegionFigures,
): Promise<SheetModel> {
  return modelOf(ctx, figures, await loadLists(ctx, level, figures.row.region));
}

export async function buildSheetXlsx(model: SheetModel, t: OriginTranslate): Promise<Uint8Array> {
  return writeXlsx(sheetToXlsx(model, t));
}

export interface ZipState {
  done: number;
  total: number;
  phase: 'query' | 'files';
}

/** All regions' sheets as one ZIP of one XLSX each, with progress and cancel. */
export function useZipExport() {
  const [state, setState] = useState<ZipState | null>(null);
  const controller = useRef<AbortController | null>(null);
  const run = async (
    ctx: SheetContext,
    level: OriginLevel,
    regions: readonly RegionFigures[],
  ): Promise<Uint8Array | null> => {
    const abort = new AbortController();
    controller.current = abort;
    setState({ done: 0, total: regions.length, phase: 'query' });
    try {
      const lists = await loadLists(ctx, level, null);
      if (abort.signal.aborted) return null;
      setState({ done: 0, total: regions.length, phase: 'files' });
      return await zipEntries(
        regions.map((f) => ({
          name: `${ctx.nameOf(f.row.region!)}_${f.row.region}.xlsx`,
          build: () => buildSheetXlsx(modelOf(ctx, f, lists), ctx.t),
        })),
        { signal: abort.signal, onProgress: (p) => setState({ done: p.done, total: p.total, phase: 'files' }) },
      );
    } catch (e) {
      if (e instanceof ExportCancelled) return null;
      throw e;
    } finally {
      setState(null);
      controller.current = null;
    }
  };
  return { state, run, cancel: () => controller.current?.abort() };
}
