/**
 * A person's stable attributes, derived from (seed, person number) alone, so a returning person can be
 * re-described without keeping every person in memory.
 */
import { Rng, hashSeed, mixUint32 } from './prng';
import type { OriginTable } from './origins';

export interface Person {
  num: number;
  /** 'R' + 8 hex digits; '' when this person's rows carry no id (not linkable). */
  id: string;
  sex: '男' | '女' | '不详';
  /** Age at the first episode, null when unknown. */
  firstAge: number | null;
  unknownIdentity: boolean;
  /** Index into the origin table, -1 when unknown. */
  county: number;
  poverty: boolean;
  mental: boolean;
  disabled: boolean;
  /** Frequent returner: comes back repeatedly within months. */
  frequent: boolean;
  maxEpisodes: number;
}

export interface PersonFactory {
  describe(num: number): Person;
}

export function createPersonFactory(seed: string | number, origins: OriginTable): PersonFactory {
  const key = hashSeed(seed, 'persons');
  const idKey = hashSeed(seed, 'person-ids');
  return {
    describe(num) {
      const rng = new Rng(mixUint32((num ^ key) >>> 0) ^ 0x5bd1e995);
      rng.next();
      const linkable = !rng.chance(0.06);
      const unknownIdentity = rng.chance(0.095);
      const sexDraw = rng.next();
      const sex = unknownIdentity
        ? sexDraw < 0.05
          ? '不详'
          : sexDraw < 0.82
            ? '男'
            : '女'
        : sexDraw < 0.01
          ? '不详'
          : sexDraw < 0.78
            ? '男'
            : '女';
      const ageDraw = rng.next();
      let firstAge: number | null;
      if (ageDraw < 0.045) firstAge = 8 + rng.int(10);
      else if (ageDraw < 0.2) firstAge = Math.min(92, 60 + Math.floor(rng.exponential(8)));
      else firstAge = Math.max(18, Math.min(59, Math.round(44 + 10 * rng.normal())));
      if (rng.chance(unknownIdentity ? 0.45 : 0.01)) firstAge = null;
      const county = unknownIdentity ? -1 : origins.drawCounty(rng);
      const frequent = linkable && !unknownIdentity && rng.chance(0.015);
      const poverty = !unknownIdentity && rng.chance(frequent ? 0.3 : 0.1);
      const mental = rng.chance(unknownIdentity ? 0.35 : 0.08);
      const disabled = rng.chance(0.05);
      const maxEpisodes = frequent ? 3 + rng.int(6) : 8;
      const id = linkable
        ? `R${mixUint32((num ^ idKey) >>> 0)
            .toString(16)
            .toUpperCase()
            .padStart(8, '0')}`
        : '';
      return { num, id, sex, firstAge, unknownIdentity, county, poverty, mental, disabled, frequent, maxEpisodes };
    },
  };
}
