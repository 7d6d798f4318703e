/** Lunar New Year's Day (春节, 正月初一) 2015–2035, from the Hong Kong Observatory's Gregorian–lunar tables. */
export const SPRING_FESTIVAL: Readonly<Record<number, string>> = {
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
};

export const SPRING_FESTIVAL_HALF_WINDOW_DAYS = 15;

/** The Spring Festival window (春节前后): lunar new year's day ± 15 days, or null outside 2015–2035. */
export function springFestivalWindow(year: number): { from: string; to: string } | null {
  const day = SPRING_FESTIVAL[year];
  if (!day) return null;
  return {
    from: shiftDay(day, -SPRING_FESTIVAL_HALF_WINDOW_DAYS),
    to: shiftDay(day, SPRING_FESTIVAL_HALF_WINDOW_DAYS),
  };
}

export function shiftDay(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
