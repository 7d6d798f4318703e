/** One observation, or `count` identical ones: time to the event, or to censoring when `event` is false. */
export interface SurvivalObservation {
  time: number;
  event: boolean;
  count?: number;
}

export type ConfidenceMethod = 'log-log' | 'plain';

export interface KaplanMeierOptions {
  /** 'log-log' (default) or 'plain'; see computeKaplanMeier. */
  method?: ConfidenceMethod;
  level?: 0.9 | 0.95 | 0.99;
}

export interface KaplanMeierStep {
  time: number;
  /** at risk just before `time`: observations with time ≥ `time` (censored at `time` included) */
  atRisk: number;
  events: number;
  censored: number;
  /** Ŝ(time), product-limit estimate of still not having the event */
  survival: number;
  /** 1 − Ŝ(time): cumulative share who had the event (returned) by `time` */
  cumulative: number;
  /** Greenwood's variance of Ŝ(time); null once Ŝ reaches 0 (undefined there) */
  variance: number | null;
  /** confidence limits for Ŝ(time); null where undefined */
  lower: number | null;
  upper: number | null;
}

const Z: Record<0.9 | 0.95 | 0.99, number> = {
  0.9: 1.6448536269514722,
  0.95: 1.959963984540054,
  0.99: 2.5758293035489004,
};

/**
 * Kaplan–Meier product-limit estimate (Kaplan & Meier 1958) with one row per distinct time that has
 * an event or a censoring; censorings tied with events count as at risk at that time (the usual
 * convention; Collett, Modelling Survival Data in Medical Research, 3rd ed. 2015, ch. 2).
 * Variance: Greenwood's formula Var Ŝ(t) = Ŝ(t)² Σ_{tⱼ ≤ t} dⱼ / (nⱼ (nⱼ − dⱼ)) (Collett ch. 2).
 * Confidence limits (Collett ch. 2):
 * - 'log-log' (default; Kalbfleisch & Prentice 1980, Stata's `sts list`, R survfit conf.type="log-log"):
 *   Ŝ^exp(±z·se) with se² = Σ dⱼ / (nⱼ (nⱼ − dⱼ)) / (log Ŝ)²; stays inside [0, 1] without clipping.
 * - 'plain': Ŝ ± z·√Var, clipped to [0, 1].
 * Before the first event (Ŝ = 1) both limits are 1.
 */
export function computeKaplanMeier(
  observations: readonly SurvivalObservation[],
  options: KaplanMeierOptions = {},
): KaplanMeierStep[] {
  const method = options.method ?? 'log-log';
  const z = Z[options.level ?? 0.95];
  const byTime = new Map<number, { events: number; censored: number }>();
  let total = 0;
  for (const o of observations) {
    const n = o.count ?? 1;
    if (!Number.isFinite(o.time) || !(n > 0)) continue;
    const cell = byTime.get(o.time) ?? { events: 0, censored: 0 };
    if (o.event) cell.events += n;
    else cell.censored += n;
    byTime.set(o.time, cell);
    total += n;
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const steps: KaplanMeierStep[] = [];
  let atRisk = total;
  let survival = 1;
  let greenwoodSum = 0;
  let varianceDefined = true;
  for (const time of times) {
    const { events, censored } = byTime.get(time)!;
    if (events > 0) {
      survival *= 1 - events / atRisk;
      if (atRisk > events) greenwoodSum += events / (atRisk * (atRisk - events));
      else varianceDefined = false;
    }
    const variance = varianceDefined ? survival * survival * greenwoodSum : null;
    const [lower, upper] = confidenceLimits(survival, greenwoodSum, variance, z, method);
    steps.push({ time, atRisk, events, censored, survival, cumulative: 1 - survival, variance, lower, upper });
    atRisk -= events + censored;
  }
  return steps;
}

function confidenceLimits(
  s: number,
  greenwoodSum: number,
  variance: number | null,
  z: number,
  method: ConfidenceMethod,
): [number | null, number | null] {
  if (variance === null || s <= 0) return [null, null];
  if (s >= 1) return [1, 1];
  if (method === 'plain') {
    const half = z * Math.sqrt(variance);
    return [Math.max(0, s - half), Math.min(1, s + half)];
  }
  const se = Math.sqrt(greenwoodSum) / Math.abs(Math.log(s));
  return [Math.pow(s, Math.exp(z * se)), Math.pow(s, Math.exp(-z * se))];
}
