/**
 * Rescue episodes, day by day in found_at order, streamed to a callback. Returns of a person are scheduled
 * forward in time when an episode ends, so memory holds only the pending returns, not the episodes.
 */
import {
  DAY_MS,
  HOUR_WEIGHTS,
  buildDailyCounts,
  formatDateTime,
  formatDay,
  formatTime,
  parseDay,
  springFestivalOffset,
  winterness,
} from './calendar';
import type { DistrictIndex } from './districts';
import type { OriginTable } from './origins';
import { createPersonFactory, type Person } from './persons';
import type { Place, PlaceKind } from './places';
import { Rng, WeightedTable, hashSeed } from './prng';

export const CASE_HEADERS = [
  '救助编号',
  '人员编号',
  '求助时间',
  '离站时间',
  '发现地点',
  '经度',
  '纬度',
  '所属区',
  '发现渠道',
  '人员类别',
  '性别',
  '年龄',
  '户籍地代码',
  '户籍所在地',
  '是否建档立卡',
  '身份状态',
  '救助站',
  '去向',
] as const;

export interface EpisodeOptions {
  seed: string | number;
  from: string;
  to: string;
  episodes: number;
}

export interface EpisodeContext {
  places: readonly Place[];
  districts: DistrictIndex;
  origins: OriginTable;
  /** Place names inside some patrol team's beat. */
  patrolled: ReadonlySet<string>;
}

export interface EpisodeSummary {
  rows: number;
  persons: number;
}

const CHANNELS = ['街面巡查', '公安送站', '城管护送', '群众报告', '12345', '主动求助', '医院转介'] as const;
const CHANNEL_BASE = [0.28, 0.25, 0.1, 0.08, 0.06, 0.15, 0.08];
const KIND_CHANNEL: Record<PlaceKind, readonly number[]> = {
  station: [1, 1.8, 0.7, 0.8, 0.8, 1.4, 0.3],
  tourist: [1, 1, 1.8, 1.2, 1.2, 0.8, 0.3],
  hospital: [0.4, 0.6, 0.4, 0.6, 0.6, 0.8, 6],
  transit: [1, 1.3, 1, 1, 1, 1.2, 0.3],
  bridge: [1.6, 0.8, 1, 1.4, 1.4, 0.5, 0.3],
  area: [0.9, 1, 1, 1.2, 1.2, 1, 0.6],
};

type Outcome = 'home' | 'ticket' | 'family' | 'handover' | 'medical' | 'placed' | 'left' | 'in_care';
const OUTCOME_LABEL: Record<Outcome, string> = {
  home: '护送返乡',
  ticket: '购票返乡',
  family: '亲属接回',
  handover: '移交流出地',
  medical: '送医',
  placed: '托养',
  left: '自愿离站',
  in_care: '在站',
};
const OUTCOMES: readonly Outcome[] = ['home', 'ticket', 'family', 'handover', 'medical', 'placed', 'left', 'in_care'];
const KNOWN_OUTCOME_WEIGHTS = [0.3, 0.25, 0.11, 0.08, 0.08, 0.02, 0.16, 0];
const UNKNOWN_OUTCOME_WEIGHTS = [0, 0, 0.05, 0, 0.15, 0.35, 0.17, 0.28];

/** Stay in days for an outcome: log-normal [median, log-sd, min, max]. */
const STAY: Record<Outcome, readonly [number, number, number, number]> = {
  home: [2.5, 0.8, 0.1, 30],
  ticket: [1.5, 0.8, 0.05, 20],
  family: [3, 0.9, 0.1, 45],
  handover: [4, 0.7, 0.3, 40],
  medical: [9, 0.9, 0.5, 150],
  placed: [120, 0.8, 20, 1500],
  left: [0.8, 1, 0.02, 20],
  in_care: [400, 0.6, 90, 3000],
};

const CITY_STATION = '市救助管理站';

function isExitToHome(o: Outcome): boolean {
  return o === 'home' || o === 'ticket' || o === 'family' || o === 'handover';
}

/** Anchor's relative activity on a day (trend over the period × season for its kind). */
function placeFactor(place: Place, dayMs: number, fromMs: number, toMs: number, sfOffset: number | null): number {
  if (place.opens && dayMs < parseDay(place.opens)) return 0;
  const t = (dayMs - fromMs) / Math.max(DAY_MS, toMs - fromMs);
  let f = 1;
  if (place.trend === 'growing') f = 0.35 + 1.3 * t;
  else if (place.trend === 'fading') f = Math.max(0.08, 1.6 - 1.6 * t ** 1.3);
  else if (place.trend === 'emerging') {
    const start = toMs - 365 * DAY_MS;
    f = dayMs < start ? 0 : Math.min(1.4, (dayMs - start) / (90 * DAY_MS));
  }
  const w = winterness(dayMs);
  if (place.kind === 'bridge') f *= 0.7 + 0.8 * w;
  if (place.kind === 'tourist') f *= 1.15 - 0.35 * w;
  if (place.kind === 'station' && sfOffset !== null) {
    if (sfOffset >= -15 && sfOffset < 0) f *= 1.6;
    else if (sfOffset > 6 && sfOffset <= 15) f *= 1.3;
  }
  return f;
}

// Pending return = person number, home anchor, episode index, first-episode year offset, packed into a float.
function packReturn(num: number, anchor: number, episodeIdx: number, yearOffset: number): number {
  return num * 65536 + anchor * 512 + episodeIdx * 64 + yearOffset;
}

export function generateEpisodes(
  opts: EpisodeOptions,
  ctx: EpisodeContext,
  emit: (fields: readonly string[]) => void,
): EpisodeSummary {
  const fromMs = parseDay(opts.from);
  const toMs = parseDay(opts.to);
  if (toMs < fromMs) throw new Error('--to is before --from');
  if (ctx.places.length > 127) throw new Error('too many places to pack');
  const days = Math.round((toMs - fromMs) / DAY_MS) + 1;
  const periodEndMs = toMs + DAY_MS - 1000;
  const firstYear = new Date(fromMs).getUTCFullYear();
  const counts = buildDailyCounts(fromMs, days, opts.episodes, new Rng(hashSeed(opts.seed, 'calendar')));
  const rng = new Rng(hashSeed(opts.seed, 'episodes'));
  const persons = createPersonFactory(opts.seed, ctx.origins);
  const hourTable = new WeightedTable(HOUR_WEIGHTS);
  const channelTables = new Map<string, WeightedTable>();
  const channelTable = (kind: PlaceKind, night: boolean, patrolled: boolean): WeightedTable => {
    const key = `${kind}|${night}|${patrolled}`;
    let table = channelTables.get(key);
    if (!table) {
      const mult = KIND_CHANNEL[kind];
      table = new WeightedTable(
        CHANNEL_BASE.map((b, i) => {
          let w = b * (mult[i] ?? 1);
          if (i === 0) w *= (night ? 1.3 : 1) * (patrolled ? 1.4 : 0.45);
          if (i === 5 && night) w *= 0.6;
          return w;
        }),
      );
      channelTables.set(key, table);
    }
    return table;
  };
  const knownOutcomes = new WeightedTable(KNOWN_OUTCOME_WEIGHTS);
  const unknownOutcomes = new WeightedTable(UNKNOWN_OUTCOME_WEIGHTS);
  const schedule = new Map<number, number[]>();
  const yearSeq = new Map<number, number>();
  const seqWidth = opts.episodes < 1_000_000 ? 6 : 8;
  let nextPerson = 0;
  let rows = 0;

  for (let d = 0; d < days; d++) {
    const dayMs = fromMs + d * DAY_MS;
    const day = formatDay(dayMs);
    const year = new Date(dayMs).getUTCFullYear();
    const sf = springFestivalOffset(dayMs);
    const placeWeights = ctx.places.map((p) => p.weight * placeFactor(p, dayMs, fromMs, toMs, sf));
    const placeTable = new WeightedTable(placeWeights);
    const n = counts[d] ?? 0;
    const pending = schedule.get(d) ?? [];
    schedule.delete(d);
    if (pending.length > n) {
      const spill = pending.splice(n);
      if (d + 1 < days) schedule.set(d + 1, [...spill, ...(schedule.get(d + 1) ?? [])]);
    }
    const seconds = new Int32Array(n);
    for (let i = 0; i < n; i++) seconds[i] = hourTable.draw(rng) * 3600 + rng.int(3600);
    seconds.sort();

    // Returning persons take random slots of the day; the rest are first episodes.
    const slotOfReturn = new Int32Array(n).fill(-1);
    for (let k = 0; k < pending.length; k++) {
      let slot = rng.int(n);
      while (slotOfReturn[slot] !== -1) slot = (slot + 1) % n;
      slotOfReturn[slot] = k;
    }

    for (let i = 0; i < n; i++) {
      const second = seconds[i] ?? 0;
      const foundMs = dayMs + second * 1000;
      let person: Person;
      let anchor = -1;
      let episodeIdx = 0;
      let yearOffset = year - firstYear;
      const ret = slotOfReturn[i] ?? -1;
      if (ret >= 0) {
        const packed = pending[ret] ?? 0;
        const num = Math.floor(packed / 65536);
        const rest = packed - num * 65536;
        anchor = Math.floor(rest / 512);
        episodeIdx = Math.floor((rest % 512) / 64);
        yearOffset = rest % 64;
        person = persons.describe(num);
        if (!((placeWeights[anchor] ?? 0) > 0) || !rng.chance(0.6)) anchor = -1;
      } else {
        person = persons.describe(nextPerson++);
      }
      if (anchor < 0) anchor = placeTable.draw(rng);
      const place = ctx.places[anchor];
      if (!place) throw new Error('place index out of range');

      // Position: a named spot of the anchor plus Gaussian scatter, kept inside Beijing.
      const spot = rng.pick(place.spots);
      let lon = place.lon;
      let lat = place.lat;
      let district = -1;
      for (let attempt = 0; attempt < 6 && district < 0; attempt++) {
        const dx = spot[1] + place.spread * rng.normal();
        const dy = spot[2] + place.spread * rng.normal();
        lat = place.lat + dy / 111_320;
        lon = place.lon + dx / (111_320 * Math.cos((place.lat * Math.PI) / 180));
        district = ctx.districts.locate(lon, lat);
      }
      if (district < 0) {
        lon = place.lon;
        lat = place.lat;
        district = ctx.districts.locate(lon, lat);
      }
      const districtName = ctx.districts.names[district] ?? '';

      const hour = Math.floor(second / 3600);
      const night = hour >= 20 || hour < 7;
      const channel = CHANNELS[channelTable(place.kind, night, ctx.patrolled.has(place.name)).draw(rng)] ?? '其他';

      const age = person.firstAge === null ? null : person.firstAge + (year - firstYear - yearOffset);
      const groups: string[] = [];
      if (age !== null && age < 18) groups.push('未成年人');
      if (age !== null && age >= 60) groups.push('老年人');
      if (person.mental) groups.push('精神障碍');
      if (person.disabled) groups.push('残疾人');
      const critical = rng.chance(0.01);
      if (critical) groups.push('危重病人');

      // Outcome and stay.
      const weights = person.unknownIdentity ? unknownOutcomes : knownOutcomes;
      let outcome = OUTCOMES[weights.draw(rng)] ?? 'left';
      if (critical && rng.chance(0.7)) outcome = 'medical';
      else if (age !== null && age < 18 && !person.unknownIdentity && rng.chance(0.5)) {
        outcome = rng.chance(0.6) ? 'family' : 'handover';
      } else if (person.mental && rng.chance(0.15)) outcome = person.unknownIdentity ? 'placed' : 'medical';
      const [median, sigma, lo, hi] = STAY[outcome];
      const stayDays = Math.min(hi, Math.max(lo, rng.logNormal(median, sigma)));
      let exitMs = foundMs + Math.round(stayDays * 86_400) * 1000;
      if (outcome !== 'in_care' && outcome !== 'left' && outcome !== 'medical') {
        // Departures and hand-overs happen in office hours.
        const exitDay = Math.floor(exitMs / DAY_MS) * DAY_MS;
        const officeMs = exitDay + (8 * 3600 + rng.int(10 * 3600)) * 1000;
        exitMs = officeMs > foundMs ? officeMs : exitMs;
      }
      let exitText = '';
      if (outcome === 'in_care' || exitMs > periodEndMs) outcome = 'in_care';
      else exitText = formatDateTime(exitMs);

      if (person.id !== '' && !person.unknownIdentity && exitText !== '') {
        const home = isExitToHome(outcome);
        let delay = -1;
        if (person.frequent) {
          if (episodeIdx + 1 < person.maxEpisodes && (home || outcome === 'left')) {
            delay = 8 + Math.min(240, rng.exponential(50));
          }
        } else if (home && episodeIdx < 7 && rng.chance(0.31)) {
          delay = rng.chance(0.8) ? 3 + Math.min(700, rng.exponential(110)) : rng.range(365, 900);
        } else if (outcome === 'left' && episodeIdx < 7 && rng.chance(0.25)) {
          delay = 2 + Math.min(400, rng.exponential(45));
        }
        if (delay > 0) {
          const returnDay = Math.floor((exitMs - fromMs) / DAY_MS) + Math.max(1, Math.ceil(delay));
          if (returnDay < days) {
            const list = schedule.get(returnDay) ?? [];
            list.push(packReturn(person.num, anchor, episodeIdx + 1, yearOffset));
            schedule.set(returnDay, list);
          }
        }
      }

      const seq = (yearSeq.get(year) ?? 0) + 1;
      yearSeq.set(year, seq);
      const county = person.county >= 0 ? ctx.origins.counties[person.county] : undefined;
      const station =
        rng.chance(place.kind === 'station' ? 0.5 : 0.2) || districtName === ''
          ? CITY_STATION
          : `${districtName}救助站`;
      emit([
        `JZ${year}${String(seq).padStart(seqWidth, '0')}`,
        person.id,
        formatTime(day, second),
        exitText,
        spot[0],
        lon.toFixed(6),
        lat.toFixed(6),
        districtName,
        channel,
        groups.length > 0 ? groups.join('、') : '一般',
        person.sex,
        age === null ? '' : String(age),
        county?.code ?? '',
        county?.text ?? '查无身份',
        person.unknownIdentity ? '' : person.poverty ? '是' : '否',
        person.unknownIdentity ? '查无身份' : '已查明',
        station,
        OUTCOME_LABEL[outcome],
      ]);
      rows++;
    }
  }
  return { rows, persons: nextPerson };
}
