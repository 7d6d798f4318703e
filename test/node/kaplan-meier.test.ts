import { describe, expect, it } from 'vitest';
import { computeKaplanMeier, type SurvivalObservation } from '../../src/core/analytics/kaplan-meier';

/*
 * Remission times in weeks of the 21 leukaemia patients on 6-mercaptopurine (Freireich et al., Blood 1963),
 * the textbook example of Kleinbaum & Klein, Survival Analysis: A Self-Learning Text, ch. 2 (group 1), and of
 * Collett, Modelling Survival Data in Medical Research, ch. 2. `+` = censored:
 *   6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+
 */
const SIX_MP: SurvivalObservation[] = [
  ...[6, 6, 6, 7, 10, 13, 16, 22, 23].map((time) => ({ time, event: true })),
  ...[6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35].map((time) => ({ time, event: false })),
];

/*
 * By hand, at each event time t (n at risk, d events), S(t) = S(t−) · (1 − d/n) and the Greenwood sum
 * G(t) = Σ d/(n(n−d)); se(S) = S·√G.
 *   t=6:  n=21 d=3  S = 18/21          = 0.857143   G = 3/(21·18)        = 0.0079365  se = 0.0764
 *   t=7:  n=17 d=1  S = 0.857143·16/17 = 0.806723   G += 1/(17·16)       = 0.0116130  se = 0.0869
 *   t=10: n=15 d=1  S = ·14/15         = 0.752941   G += 1/(15·14)       = 0.0163749  se = 0.0963
 *   t=13: n=12 d=1  S = ·11/12         = 0.690196   G += 1/(12·11)       = 0.0239507  se = 0.1068
 *   t=16: n=11 d=1  S = ·10/11         = 0.627451   G += 1/(11·10)       = 0.0330416  se = 0.1141
 *   t=22: n=7  d=1  S = ·6/7           = 0.537815   G += 1/(7·6)         = 0.0568511  se = 0.1282
 *   t=23: n=6  d=1  S = ·5/6           = 0.448179   G += 1/(6·5)         = 0.0901844  se = 0.1346
 * (n at 7 = 21 − 3 events − 1 censored at 6; at 13 = 15 − 1 − 10+ − 11+; at 22 = 11 − 1 − 17+ 19+ 20+.)
 * Log-log 95 % limits S^exp(±1.96·√G/|ln S|), e.g. t=6: √G/|ln S| = 0.089087/0.154151 = 0.57792,
 * exp(1.95996·0.57792) = 3.1042, lower = 0.857143^3.1042 = 0.6197, upper = 0.857143^(1/3.1042) = 0.9516.
 */
const EXPECTED = [
  // t, atRisk, events, censored, S, se, lower, upper (log-log)
  [6, 21, 3, 1, 0.857143, 0.0764, 0.6197, 0.9516],
  [7, 17, 1, 0, 0.806723, 0.0869, 0.5631, 0.9228],
  [9, 16, 0, 1, 0.806723, 0.0869, 0.5631, 0.9228],
  [10, 15, 1, 1, 0.752941, 0.0963, 0.5032, 0.8894],
  [11, 13, 0, 1, 0.752941, 0.0963, 0.5032, 0.8894],
  [13, 12, 1, 0, 0.690196, 0.1068, 0.4316, 0.8491],
  [16, 11, 1, 0, 0.627451, 0.1141, 0.3675, 0.8049],
  [17, 10, 0, 1, 0.627451, 0.1141, 0.3675, 0.8049],
  [19, 9, 0, 1, 0.627451, 0.1141, 0.3675, 0.8049],
  [20, 8, 0, 1, 0.627451, 0.1141, 0.3675, 0.8049],
  [22, 7, 1, 0, 0.537815, 0.1282, 0.2678, 0.7468],
  [23, 6, 1, 0, 0.448179, 0.1346, 0.1881, 0.6801],
  [25, 5, 0, 1, 0.448179, 0.1346, 0.1881, 0.6801],
  [32, 4, 0, 2, 0.448179, 0.1346, 0.1881, 0.6801],
  [34, 2, 0, 1, 0.448179, 0.1346, 0.1881, 0.6801],
  [35, 1, 0, 1, 0.448179, 0.1346, 0.1881, 0.6801],
] as const;

describe('Kaplan–Meier on the 6-MP remission data', () => {
  const steps = computeKaplanMeier(SIX_MP);

  it.each(EXPECTED.map((e, i) => [e[0], i, e] as const))('t = %i', (_t, i, [t, n, d, c, s, se, lo, hi]) => {
    const step = steps[i]!;
    expect([step.time, step.atRisk, step.events, step.censored]).toEqual([t, n, d, c]);
    expect(step.survival).toBeCloseTo(s, 6);
    expect(step.cumulative).toBeCloseTo(1 - s, 6);
    expect(Math.sqrt(step.variance!)).toBeCloseTo(se, 4);
    expect(step.lower!).toBeCloseTo(lo, 4);
    expect(step.upper!).toBeCloseTo(hi, 4);
  });

  it('has one row per distinct time', () => {
    expect(steps).toHaveLength(EXPECTED.length);
  });

  it('gives plain limits S ± 1.96·se clipped to [0, 1]', () => {
    const plain = computeKaplanMeier(SIX_MP, { method: 'plain' });
    // t=6: 0.857143 ± 1.95996·0.076360 = [0.7075, 1.0066] → upper clipped to 1.
    expect(plain[0]!.lower!).toBeCloseTo(0.7075, 4);
    expect(plain[0]!.upper).toBe(1);
    // t=23: 0.448179 ± 1.95996·0.134594 = [0.1844, 0.7120].
    expect(plain[11]!.lower!).toBeCloseTo(0.1844, 4);
    expect(plain[11]!.upper!).toBeCloseTo(0.712, 4);
  });

  it('treats `count` as that many identical observations', () => {
    const weighted = computeKaplanMeier([
      { time: 6, event: true, count: 3 },
      { time: 6, event: false },
      ...SIX_MP.filter((o) => o.time !== 6),
    ]);
    expect(weighted).toEqual(steps);
  });
});

describe('Kaplan–Meier edge cases', () => {
  it('keeps S = 1 with limits [1, 1] before the first event', () => {
    const [first] = computeKaplanMeier([
      { time: 0, event: false },
      { time: 5, event: true },
      { time: 8, event: false },
    ]);
    expect(first).toEqual({
      time: 0,
      atRisk: 3,
      events: 0,
      censored: 1,
      survival: 1,
      cumulative: 0,
      variance: 0,
      lower: 1,
      upper: 1,
    });
  });

  it('reaches S = 0 when the last at risk all have the event, with the variance undefined from there', () => {
    // t=1: n=3, d=1 → S = 2/3; t=2: n=2, d=2 → S = 0 and Greenwood's term d/(n(n−d)) divides by zero.
    const steps = computeKaplanMeier([
      { time: 1, event: true },
      { time: 2, event: true },
      { time: 2, event: true },
    ]);
    expect(steps[0]!.survival).toBeCloseTo(2 / 3, 12);
    expect(steps[0]!.variance!).toBeCloseTo((4 / 9) * (1 / 6), 12);
    expect(steps[1]).toMatchObject({ survival: 0, cumulative: 1, variance: null, lower: null, upper: null });
  });

  it('returns no steps for no observations', () => {
    expect(computeKaplanMeier([])).toEqual([]);
  });
});
