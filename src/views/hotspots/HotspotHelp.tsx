import { HelpPopover } from '../shared/HelpPopover';
import type { HotspotTranslate } from './messages';

/*
 * The plain-words explanations of the hot spot view's statistics, each a HelpPopover placed where its
 * term appears.
 */

type HelpProps = { t: HotspotTranslate };

/** Gi*, z, p and the confidence classes: beside the map's title. */
export function MethodHelp({ t }: HelpProps) {
  return (
    <HelpPopover topic={t('hotspots.help.method.title')} testId="hs-help-method">
      <p>{t('hotspots.help.gi')}</p>
      <p>{t('hotspots.help.z')}</p>
      <p>{t('hotspots.help.p')}</p>
      <p>{t('hotspots.help.classes')}</p>
    </HelpPopover>
  );
}

/** z alone (a column of the ranking). */
export function ZHelp({ t }: HelpProps) {
  return (
    <HelpPopover topic={t('hotspots.csv.z')} testId="hs-help-z">
      <p>{t('hotspots.help.z')}</p>
    </HelpPopover>
  );
}

/** p alone (a column of the ranking). */
export function PHelp({ t }: HelpProps) {
  return (
    <HelpPopover topic={t('hotspots.csv.p')} testId="hs-help-p">
      <p>{t('hotspots.help.p')}</p>
      <p>{t('hotspots.help.classes')}</p>
    </HelpPopover>
  );
}

export function FdrHelp({ t }: HelpProps) {
  return (
    <HelpPopover topic={t('hotspots.help.fdr.title')} testId="hs-help-fdr">
      <p>{t('hotspots.help.fdr')}</p>
    </HelpPopover>
  );
}

/** queen contiguity and the distance band. */
export function NeighbourhoodHelp({ t }: HelpProps) {
  return (
    <HelpPopover topic={t('hotspots.help.hood.title')} testId="hs-help-hood">
      <p>{t('hotspots.help.queen')}</p>
      <p>{t('hotspots.help.band')}</p>
    </HelpPopover>
  );
}

export function StudyAreaHelp({ t }: HelpProps) {
  return (
    <HelpPopover topic={t('hotspots.help.area.title')} testId="hs-help-area">
      <p>{t('hotspots.help.area')}</p>
    </HelpPopover>
  );
}

/** Every emerging category with its rule, in the order the rules are tried, and the trend test. */
export function EmergingHelp({ t }: HelpProps) {
  const inRuleOrder = [
    ...EMERGING_RULE_ORDER.map((c) => `${c}_hot` as const),
    ...EMERGING_RULE_ORDER.map((c) => `${c}_cold` as const),
    'none' as const,
  ];
  return (
    <HelpPopover topic={t('hotspots.help.emerging.title')} testId="hs-help-emerging">
      <p>{t('hotspots.help.emerging.intro')}</p>
      <ul>
        {inRuleOrder.map((c) => (
          <li key={c}>
            <strong>{t(`hotspots.emerging.${c}`)}</strong>
            {t('hotspots.help.colon')}
            {t(`hotspots.help.emerging.${c}`)}
          </li>
        ))}
      </ul>
      <p>{t('hotspots.help.trend')}</p>
    </HelpPopover>
  );
}

/** metrics.md, Hotspots: the rules for a hot (or cold) last slice, in the order they are tried. */
const EMERGING_RULE_ORDER = [
  'intensifying',
  'persistent',
  'diminishing',
  'oscillating',
  'new',
  'consecutive',
  'sporadic',
  'historical',
] as const;

export function DensityHelp({ t }: HelpProps) {
  return (
    <HelpPopover topic={t('hotspots.help.density.title')} testId="hs-help-density">
      <p>{t('hotspots.help.density')}</p>
    </HelpPopover>
  );
}

/** How the ranked list is ordered, and the cells without finds. */
export function RankingHelp({ t }: HelpProps) {
  return (
    <HelpPopover topic={t('hotspots.help.list.title')} testId="hs-help-list">
      <p>{t('hotspots.help.list')}</p>
    </HelpPopover>
  );
}
