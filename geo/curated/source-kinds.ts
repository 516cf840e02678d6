/**
 * What kind of document each curated publisher's item is, so citations file it honestly
 * (a news article, a report or press release, a map, an encyclopedia entry, a web page).
 * A source may set its own `kind` (a UNHCR map); otherwise its publisher's entry applies,
 * and the derivation fails for a publisher missing here rather than guess.
 */
import type { SourceKind } from '../../src/lib/domain/incident.ts';

export const SOURCE_KIND_BY_PUBLISHER: Readonly<Record<string, SourceKind>> = {
  'The Irrawaddy': 'news',
  'Myanmar Now': 'news',
  'Radio Free Asia': 'news',
  'Development Media Group (DMG)': 'news',
  Mizzima: 'news',
  'Karen News': 'news',
  'Bangkok Post': 'news',
  'The Nation (Thailand)': 'news',
  Tribunnews: 'news',
  Reuters: 'news',
  // Field reports published on the group's own site.
  'Free Burma Rangers': 'report',
  'Norwegian Refugee Council (NRC)': 'report',
  'Amnesty International': 'report',
  UNHCR: 'report',
  'UNHCR Regional Bureau for Asia and the Pacific': 'report',
  OCHA: 'report',
  Wikipedia: 'encyclopedia',
  // An entry of an online conflict timeline.
  'Myanmar Witness': 'webpage',
};
