/**
 * Hand-checked split of rows D01–D08 of `geo/sources/incident-facts.csv` into one record per
 * area, date and measure. Numbers are copied as the sources word them and never summed.
 *
 * Area ids: ISO 3166-2 codes for states and regions, "MM" for the country, and the macro-regions
 * "north-west", "south-east" and "kayin+kayah". UNHCR splits Shan into South and North; Natural
 * Earth has one Shan unit (MM-17), so both records carry area "MM-17" and are told apart by
 * `areaName` and id. They are parts of one polygon on one date: the map stacks them, never sums.
 */
import type { CuratedDisplacement, CuratedSource, ExcludedRow } from './types.ts';

/** One source per facts row: every figure of a row comes from that row's document. */
export const DISPLACEMENT_SOURCES: Readonly<Record<string, CuratedSource>> = {
  D01: {
    publisher: 'UNHCR',
    title: 'Myanmar Emergency Update (as of 1 February 2022)',
    date: null,
    url: 'https://reliefweb.int/report/myanmar/myanmar-emergency-update-1-february-2022',
    secondary: false,
    note: 'Hosted on ReliefWeb. Figures as of 31 January 2022.',
  },
  D02: {
    publisher: 'UNHCR',
    title: 'Myanmar Emergency Update (as of 1 June 2022)',
    date: null,
    url: 'https://progressivevoicemyanmar.org/2022/06/06/myanmar-emergency-update-as-of-1-june-2022/',
    secondary: true,
    via: 'repost on progressivevoicemyanmar.org',
  },
  D03: {
    publisher: 'OCHA',
    title: 'Myanmar Humanitarian Update No. 19',
    date: '2022-06-28',
    url: 'https://progressivevoicemyanmar.org/2022/06/28/myanmar-humanitarian-update-no-19-28-june-2022/',
    secondary: true,
    via: 'repost on progressivevoicemyanmar.org',
  },
  D04: {
    publisher: 'UNHCR Regional Bureau for Asia and the Pacific',
    title: 'Myanmar Emergency – External Update, 6 July 2022',
    date: '2022-07-06',
    url: 'https://progressivevoicemyanmar.org/2022/07/13/unhcr-regional-bureau-for-asia-and-pacific-rbap-myanmar-emergency-external-update-6-july-2022/',
    secondary: true,
    via: 'repost on progressivevoicemyanmar.org',
  },
  D05: {
    publisher: 'OCHA',
    title: 'Myanmar Humanitarian Update No. 20',
    date: '2022-07-31',
    url: 'https://progressivevoicemyanmar.org/2022/07/31/myanmar-humanitarian-update-no-20-31-july-2022/',
    secondary: true,
    via: 'repost on progressivevoicemyanmar.org',
    note: 'North-West = Sagaing, Magway and Chin; the split by state is not verified.',
  },
  D06: {
    publisher: 'UNHCR',
    title: 'Myanmar Emergency Update (as of 1 August 2022)',
    date: null,
    url: 'https://progressivevoicemyanmar.org/2022/08/05/myanmar-emergency-update-as-of-1-august-2022/',
    secondary: true,
    via: 'repost on progressivevoicemyanmar.org',
  },
  D07: {
    publisher: 'UNHCR',
    // A map without a known title: the description says what it is, the title stays empty.
    title: null,
    description: 'South-East overview map, as of 8 August 2022',
    kind: 'map',
    date: null,
    url: null,
    secondary: true,
    via: 'a repost on thailandnewsline.com',
    note: 'South-East = Kayah, Kayin, Mon, southern Shan, eastern Bago and Tanintharyi. The map also notes about 1,300 IDPs returning in Demoso in June and July. The address of the repost is not known.',
    curationNote: 'The facts give neither a title for the map nor the address of the repost.',
  },
  D08: {
    publisher: 'Amnesty International',
    title: 'Myanmar: Military onslaught in eastern states amounts to collective punishment',
    date: '2022-05-31',
    url: 'https://progressivevoicemyanmar.org/2022/05/31/myanmar-military-onslaught-in-eastern-states-amounts-to-collective-punishment',
    secondary: true,
    via: 'repost on progressivevoicemyanmar.org',
    note: 'People displaced by military operations between December 2021 and March 2022, not a count of all IDPs.',
  },
};

const AS_OF_31_JULY = { precision: 'day', start: '2022-07-31', end: '2022-07-31', note: 'as of' } as const;

export const CURATED_DISPLACEMENT: readonly CuratedDisplacement[] = [
  { id: 'D01-MM', factsId: 'D01', area: 'MM', areaName: 'Myanmar', measure: 'since_coup', text: '441,500' },
  { id: 'D01-MM-12', factsId: 'D01', area: 'MM-12', areaName: 'Kayah', measure: 'since_coup', text: '91,900' },
  { id: 'D01-MM-13', factsId: 'D01', area: 'MM-13', areaName: 'Kayin', measure: 'since_coup', text: '81,400' },
  { id: 'D01-MM-17-S', factsId: 'D01', area: 'MM-17', areaName: 'Shan (South)', measure: 'since_coup', text: '48,700' },
  { id: 'D01-MM-17-N', factsId: 'D01', area: 'MM-17', areaName: 'Shan (North)', measure: 'since_coup', text: '7,100' },
  { id: 'D01-MM-15', factsId: 'D01', area: 'MM-15', areaName: 'Mon', measure: 'since_coup', text: '7,100' },
  { id: 'D01-MM-05', factsId: 'D01', area: 'MM-05', areaName: 'Tanintharyi', measure: 'since_coup', text: '2,600' },
  { id: 'D01-MM-02', factsId: 'D01', area: 'MM-02', areaName: 'Bago', measure: 'since_coup', text: '800' },
  { id: 'D01-MM-01', factsId: 'D01', area: 'MM-01', areaName: 'Sagaing', measure: 'since_coup', text: '136,300' },
  { id: 'D01-MM-14', factsId: 'D01', area: 'MM-14', areaName: 'Chin', measure: 'since_coup', text: '33,800' },
  { id: 'D01-MM-03', factsId: 'D01', area: 'MM-03', areaName: 'Magway', measure: 'since_coup', text: '21,400' },
  { id: 'D02-MM-total', factsId: 'D02', area: 'MM', areaName: 'Myanmar', measure: 'total', text: '1,037,800' },
  { id: 'D02-MM-since-coup', factsId: 'D02', area: 'MM', areaName: 'Myanmar', measure: 'since_coup', text: '691,200' },
  { id: 'D03-MM-total', factsId: 'D03', area: 'MM', areaName: 'Myanmar', measure: 'total', text: '>1 million' },
  { id: 'D03-MM-since-coup', factsId: 'D03', area: 'MM', areaName: 'Myanmar', measure: 'since_coup', text: '~760,000' },
  { id: 'D04-MM-total', factsId: 'D04', area: 'MM', areaName: 'Myanmar', measure: 'total', text: '1,116,000' },
  { id: 'D04-MM-since-coup', factsId: 'D04', area: 'MM', areaName: 'Myanmar', measure: 'since_coup', text: '~769,000' },
  { id: 'D05-north-west', factsId: 'D05', area: 'north-west', areaName: 'North-West (Sagaing, Magway, Chin)', measure: 'since_coup', text: '583,100' },
  { id: 'D05-MM-since-coup', factsId: 'D05', area: 'MM', areaName: 'Myanmar', measure: 'since_coup', text: '~866,400', asOf: AS_OF_31_JULY },
  { id: 'D05-MM-total', factsId: 'D05', area: 'MM', areaName: 'Myanmar', measure: 'total', text: '>1.2 million', asOf: AS_OF_31_JULY },
  { id: 'D06-MM-total', factsId: 'D06', area: 'MM', areaName: 'Myanmar', measure: 'total', text: '1,244,000' },
  { id: 'D06-MM-since-coup', factsId: 'D06', area: 'MM', areaName: 'Myanmar', measure: 'since_coup', text: '897,000' },
  { id: 'D07-south-east', factsId: 'D07', area: 'south-east', areaName: 'South-East', measure: 'since_coup', text: '277,500 (previous figure 273,100)' },
  // Displaced during Dec 2021–Mar 2022: a flow after the coup, so "since_coup" is the honest one of the two measures.
  { id: 'D08-kayin-kayah', factsId: 'D08', area: 'kayin+kayah', areaName: 'Kayin and Kayah', measure: 'since_coup', text: '>150,000' },
];

/** Displacement rows of the facts file that are deliberately left out. None at present. */
export const EXCLUDED_DISPLACEMENT: readonly ExcludedRow[] = [];
