/**
 * Hand-checked decisions for rows E01–E16 of `geo/sources/incident-facts.csv`. Titles and
 * summaries are our own words. Sources are split from the facts' `sources` cell by hand; a
 * title the facts do not give is `null` (never a placeholder), and a source reached through
 * UCDP's source field or a repost is `secondary` with `via`. No Burmese place names: none of the
 * village names has been checked against a public reference.
 *
 * Every text here except `curationNote` and `precisionOverride.reason` is public: readers see,
 * cite and export it, so it is written for them and never mentions our own files.
 */
import type { CuratedIncident, ExcludedRow } from './types.ts';

export const CURATED_INCIDENTS: readonly CuratedIncident[] = [
  {
    id: 'E01',
    category: 'air_strike',
    title: 'Air strike on Loikaw town',
    summary:
      'Military aircraft bombed Loikaw, the capital of Kayah State. UCDP, citing The Irrawaddy and Myanmar Now, counts six civilians among eight people killed. We have not read the two articles ourselves, and none of the reports cited here names the aircraft type.',
    verificationText: '',
    curationNote: 'Facts verification: "UCDP-cited; text not read".',
    place: { name: 'Loikaw town', admin1: 'Kayah', township: 'Loikaw' },
    placement: { kind: 'facts_coordinates' },
    weapons: [],
    killed: [['6 civilians (8 people in total)', 'UCDP GED 426904']],
    displaced: [],
    sources: [
      { publisher: 'The Irrawaddy', title: 'Myanmar Military Regime Bombs Kayah State Capital From the Air', date: '2022-01-10', url: null, secondary: true, via: 'UCDP GED 426904' },
      { publisher: 'Myanmar Now', title: null, date: '2022-01-08', url: null, secondary: true, via: 'UCDP GED 426904' },
    ],
  },
  {
    id: 'E02',
    category: 'air_strike',
    title: 'Air strike near Shwe Naing Bin, Hpapun Township',
    summary:
      'Free Burma Rangers reported that an air strike killed three villagers and wounded two near Shwe Naing Bin, close to the border between the Papun and Nyaunglebin districts. The place is known to township level only. Whether this strike is among the eight that Amnesty International documented is not confirmed.',
    verificationText: 'Whether Amnesty International\'s report covers this strike could not be checked.',
    curationNote: 'Facts verification: "UCDP-cited; Amnesty inclusion UNVERIFIED".',
    place: { name: 'near Shwe Naing Bin, Hpapun Township', admin1: 'Kayin', township: 'Hpapun' },
    placement: { kind: 'township_area' },
    weapons: [],
    killed: [['3 (and 2 wounded)', 'Free Burma Rangers (via UCDP GED 428086)']],
    displaced: [],
    sources: [
      {
        publisher: 'Free Burma Rangers',
        title: 'Burma airstrike killed three villagers…',
        date: '2022-01-13',
        url: null,
        secondary: true,
        via: 'UCDP GED 428086',
        note: 'Only the beginning of the title is known.',
      },
    ],
  },
  {
    id: 'E03',
    category: 'air_strike',
    title: 'Air strike at Nam Maekhong, western Demoso Township',
    summary:
      'UCDP, citing Radio Free Asia, records three civilians killed by an air strike at Nam Maekhong in the west of Demoso Township. The six deaths in the RFA headline may cover more than this one strike. The place is known to township level only.',
    verificationText: '',
    place: { name: 'Nam Maekhong, western Demoso Township', admin1: 'Kayah', township: 'Demoso' },
    placement: { kind: 'township_area' },
    weapons: [],
    killed: [['3', 'UCDP GED 426958 (citing Radio Free Asia)']],
    displaced: [],
    sources: [
      { publisher: 'Radio Free Asia', title: 'Six Myanmar civilians killed in junta airstrikes', date: '2022-01-18', url: null, secondary: true, via: 'UCDP GED 426958' },
    ],
  },
  {
    id: 'E04',
    category: 'air_strike',
    title: 'Air strike on displacement camps near Ree Khee Bu, Hpruso Township',
    summary:
      'At about 1 a.m., camps sheltering people displaced from Mo So were struck near Ree Khee Bu village in Hpruso Township. Two girls aged 12 and 15 and a 51-year-old man were killed, and about 700 camp residents fled. The sources disagree about the aircraft: Myanmar Now reports an attack helicopter, while DVB and Kantarawaddy Times report fighter jets. The village\'s coordinates are not verified, so the map shows the whole township.',
    verificationText: 'UCDP also lists an Amnesty International press release as a source for this event.',
    dateNote: 'at about 1 a.m.',
    curationNote: 'Facts verification: "verified (multiple); Amnesty-cited per UCDP source field". Date precision "day (~01:00)".',
    place: { name: 'camps near Ree Khee Bu village, Hpruso Township', admin1: 'Kayah', township: 'Hpruso' },
    placement: {
      kind: 'township_area',
      sourceCoordinatesNote: 'A point at the centre of Hpruso Township, given for this event in place of the camps\' own coordinates, which are not verified. The map shows the whole township instead.',
    },
    weapons: [
      { text: 'attack helicopter', source: 'Myanmar Now' },
      { text: 'fighter jets', source: 'DVB; Kantarawaddy Times' },
    ],
    killed: [['3 (girls aged 12 and 15, a man aged 51)', 'Myanmar Now; NRC; Amnesty International']],
    displaced: [['~700 (residents of the camp who fled)', 'Myanmar Now; NRC; Amnesty International']],
    sources: [
      {
        publisher: 'Myanmar Now',
        title: 'Nowhere is safe – two children among six killed as junta bombs camps sheltering civilians in Karenni',
        date: '2022-01-17',
        url: 'https://ndburma.org/nowhere-is-safe-two-children-among-six-killed-as-junta-bombs-camps-sheltering-civilians-in-karenni',
        secondary: true,
        via: 'mirror on ndburma.org',
      },
      { publisher: 'Norwegian Refugee Council (NRC)', title: null, date: '2022-01-18', url: null, secondary: false, note: 'Statement.' },
      {
        publisher: 'Amnesty International',
        title: null,
        date: '2022-05-31',
        url: null,
        secondary: true,
        via: 'UCDP GED 426957',
        note: 'Press release; UCDP lists it as a source for this event.',
      },
    ],
  },
  {
    id: 'E05',
    category: 'helicopter_attack',
    title: 'Helicopter strikes on Hopheit village, Demoso Township',
    summary:
      'DMG reported three strikes by military helicopters on Hopheit (Ho Pheit) village and on the 6th-Mile and Ngar Myaung areas of Demoso Township. More than 200 people fled and at least ten homes were damaged; no deaths were reported. This rests on a single source. The villages\' coordinates are not verified, so the map shows the whole township; the coordinates reported for the event are those of Demoso town.',
    verificationText: '',
    place: { name: 'Hopheit (Ho Pheit) village and nearby areas, Demoso Township', admin1: 'Kayah', township: 'Demoso' },
    placement: {
      kind: 'township_area',
      sourceCoordinatesNote: 'Demoso town, near the villages; the villages\' own coordinates are not verified. The map shows the whole township instead.',
    },
    weapons: [{ text: 'military helicopters (type not reported)', source: 'DMG' }],
    killed: [['none reported', 'DMG']],
    displaced: [['>200', 'DMG']],
    sources: [
      {
        publisher: 'Development Media Group (DMG)',
        title: 'Military helicopter attack uproots more civilians in Kayah State',
        date: '2022-01-25',
        url: 'https://dmediag.com/news/dms.html',
        secondary: false,
        note: 'This link may lead to the outlet\'s news page rather than to the article.',
        curationNote: 'URL exactly as in the facts file; not checked.',
      },
    ],
  },
  {
    id: 'E06',
    category: 'air_strike',
    title: 'Air strike near Dung Ka Mee and Si Li Dung, Demoso Township',
    summary:
      'An air strike hit a civilian area around Dung Ka Mee and Si Li Dung villages, less than 10 km from Nan Mei Khon in Demoso Township, and Myanmar Now reported three people killed. UCDP locates it only to within about 25 km, so it is shown at township level.',
    verificationText: 'UCDP also lists an Amnesty International press release as a source for this event.',
    curationNote: 'Facts verification: "UCDP-cited; Amnesty-cited per UCDP source field"; location "village-approx (UCDP prec 2)".',
    place: { name: 'around Dung Ka Mee and Si Li Dung villages, Demoso Township', admin1: 'Kayah', township: 'Demoso' },
    placement: {
      kind: 'township_area',
      sourceCoordinatesNote: 'The coordinates reported for this event, which UCDP locates only to within about 25 km. The map shows the whole township instead.',
    },
    weapons: [],
    killed: [['3', 'Myanmar Now (headline, via UCDP GED 430522)']],
    displaced: [],
    sources: [
      {
        publisher: 'Myanmar Now',
        title: "Military bombs civilian area in Karenni State's Demoso Township, killing three people",
        date: '2022-02-24',
        url: null,
        secondary: true,
        via: 'UCDP GED 430522',
      },
      { publisher: 'Free Burma Rangers', title: null, date: '2022-02-26', url: null, secondary: true, via: 'UCDP GED 430522' },
      { publisher: 'Amnesty International', title: null, date: '2022-05-31', url: null, secondary: true, via: 'UCDP GED 430522', note: 'Press release.' },
    ],
  },
  {
    id: 'E07',
    category: 'helicopter_attack',
    precisionOverride: {
      precision: 'township',
      reason:
        'The facts say "township" and give no coordinates. Yinmarbin is MIMU\'s Yinmabin (MMR005016), so the record is drawn as that township, its marker at the township\'s MIMU label point. The village file covers 14 other Sagaing townships, not Yinmabin, so Thapyay Aye village cannot be located.',
    },
    title: 'Helicopter attack and burning of Thapyay Aye village, Yinmarbin Township',
    summary:
      'Mizzima reported that four military helicopters, two of them firing, attacked Thapyay Aye village in Yinmarbin Township and set it on fire. One person was wounded; more than 200 households fled, as did the people of three neighbouring villages. This rests on a single source. The village\'s coordinates could not be verified, so the map shows Yinmarbin (Yinmabin) Township as a whole, not a point.',
    verificationText: '',
    place: { name: 'Yinmarbin Township', admin1: 'Sagaing', township: 'Yinmarbin' },
    placement: { kind: 'township_area' },
    weapons: [{ text: '4 helicopters, 2 of them firing', source: 'Mizzima' }],
    killed: [['none reported (1 wounded)', 'Mizzima']],
    displaced: [['>200 households, and the people of 3 neighbouring villages', 'Mizzima']],
    sources: [
      {
        publisher: 'Mizzima',
        title: "Thapyay Aye Village in Sagaing's Yinmarbin Township set on fire by military helicopters",
        date: '2022-03-01',
        url: 'http://www.mizzima.com/article/thapyay-aye-village-sagaings-yinmarbin-township-set-fire-military-helicopters',
        secondary: false,
      },
    ],
  },
  {
    id: 'E08',
    category: 'shelling',
    title: 'Artillery shelling of Ka Law Day village, Hpapun area',
    summary:
      'Artillery fire hit Ka Law Day (Klaw Day) village in the evening, killing seven people, among them a woman eight months pregnant, and injuring three, as documented by Amnesty International. This was shelling from the ground, not an air strike. The village\'s coordinates are not verified: the marker stands at Hpapun town, the main town of the district, and the location is known to district level only.',
    verificationText: '',
    dateNote: 'in the evening',
    place: { name: 'Hpapun (Bu Tho) district', admin1: 'Kayin', township: 'Hpapun' },
    placement: { kind: 'facts_coordinates' },
    weapons: [{ text: 'artillery (ground-launched, not aircraft)', source: 'Amnesty International' }],
    killed: [['7, including a woman eight months pregnant (and 3 injured)', 'Amnesty International']],
    displaced: [],
    sources: [
      {
        publisher: 'Amnesty International',
        title: "'Bullets rained from the sky': War crimes and displacement in eastern Myanmar",
        date: '2022-05-31',
        url: 'https://progressivevoicemyanmar.org/2022/05/31/bullets-rained-from-the-sky-war-crimes-and-displacement-in-eastern-myanmar/',
        secondary: true,
        via: 'repost on progressivevoicemyanmar.org',
        note: 'Report ASA 16/5629/2022; the executive summary was read.',
      },
      { publisher: 'Myanmar Now', title: null, date: '2022-03-08', url: null, secondary: true, via: 'UCDP GED 433084' },
    ],
  },
  {
    id: 'E09',
    category: 'air_strike',
    title: 'Air strike on a Buddhist monastery in a village near Loikaw',
    summary:
      'Myanmar Now reported the bombing of a Buddhist monastery sheltering civilians in a village near Loikaw, and called it the second such bombing that day: the monastery was bombed twice. UCDP records three deaths. The reports cited here do not name the village, so the incident is shown as Loikaw Township as a whole.',
    verificationText: '',
    place: { name: 'a village near Loikaw', admin1: 'Kayah', township: 'Loikaw' },
    placement: {
      kind: 'township_area',
      sourceCoordinatesNote: 'The coordinates reported for this event are those of Loikaw town, near the unnamed village. The map shows the whole township instead.',
    },
    weapons: [],
    killed: [['3', 'UCDP GED 433113 (citing Myanmar Now)']],
    displaced: [],
    sources: [
      {
        publisher: 'Myanmar Now',
        title: 'For the second time in one day, Myanmar junta bombs a Buddhist monastery full of civilians',
        date: '2022-03-09',
        url: null,
        secondary: true,
        via: 'UCDP GED 433113',
      },
    ],
  },
  {
    id: 'E10',
    category: 'air_strike',
    title: 'Air strike at Mae Htaw Talay near Lay Kay Kaw',
    summary:
      'Myanmar Now reported an air strike that followed an ultimatum from the KNU, at Mae Htaw Talay village near Lay Kay Kaw. UCDP counts ten dead, none of them civilians. The village\'s coordinates are approximate, so it is shown at township level.',
    verificationText: '',
    place: { name: 'Mae Htaw Talay village near Lay Kay Kaw, Myawaddy Township', admin1: 'Kayin', township: 'Myawaddy' },
    placement: { kind: 'township_area' },
    weapons: [],
    killed: [['0 civilians (10 people in total)', 'UCDP GED 433136']],
    displaced: [],
    sources: [
      { publisher: 'Myanmar Now', title: 'Myanmar military follows KNU ultimatum with airstrike', date: '2022-03-10', url: null, secondary: true, via: 'UCDP GED 433136' },
    ],
  },
  {
    id: 'E11',
    category: 'air_strike',
    title: 'Air strikes at Lay Kay Kaw',
    summary:
      'The Bangkok Post reported air strikes by the Myanmar army on armed groups at Lay Kay Kaw, near the Thai border. UCDP records no civilian deaths.',
    verificationText: '',
    place: { name: 'Lay Kay Kaw', admin1: 'Kayin', township: 'Myawaddy' },
    placement: { kind: 'facts_coordinates' },
    weapons: [],
    killed: [['0 civilians', 'UCDP GED 435234']],
    displaced: [],
    sources: [
      { publisher: 'Bangkok Post', title: 'Myanmar army launches air strikes against rebels near Thai border', date: '2022-04-11', url: null, secondary: true, via: 'UCDP GED 435234' },
    ],
  },
  {
    id: 'E12',
    category: 'air_strike',
    title: 'Air strike on Tagundaing village, Kyainseikgyi Township',
    summary:
      'An air strike on Tagundaing village killed a mother, and Karen News\' headline reports her daughter wounded; UCDP counts two dead. UNHCR recorded about 500 people fleeing within the township that week. The village\'s coordinates are not verified, so the map shows the whole township.',
    verificationText: '',
    place: { name: 'Tagundaing village, Kyainseikgyi Township', admin1: 'Kayin', township: 'Kyainseikgyi' },
    placement: {
      kind: 'township_area',
      sourceCoordinatesNote:
        "The coordinates reported for this event. A place in the GeoNames gazetteer, Tagondaing (16.067, 97.907), may be this village, but the match could not be verified. The map shows the whole township instead.",
    },
    weapons: [],
    killed: [
      ['2', 'UCDP GED 442073'],
      ['1 (the mother; her daughter was wounded)', 'Karen News (headline, via UCDP GED 442073)'],
    ],
    displaced: [['~500 (fled within the township that week, not only from this strike)', 'UNHCR South-East overview map (as of 25 April 2022)']],
    sources: [
      { publisher: 'Karen News', title: 'Mother Killed by Airstrike…', date: '2022-06-03', url: null, secondary: true, via: 'UCDP GED 442073', note: 'Only the beginning of the title is known.' },
      { publisher: 'UNHCR', title: null, description: 'South-East overview map, as of 25 April 2022', kind: 'map', date: null, url: null, secondary: false, curationNote: 'The facts give no title for this map.' },
    ],
  },
  {
    id: 'E13',
    category: 'air_strike',
    title: 'Bombing of Thay Baw Boe village near the Thai border',
    summary:
      'Bombing of Thay Baw Boe (Thibabo) village killed two or three people according to the reports UCDP cites; the Bangkok Post headline says two. Mizzima\'s report mentions an intruding fighter jet; the aircraft type is not verified.',
    verificationText: '',
    place: { name: 'Thay Baw Boe (Thibabo) village', admin1: 'Kayin', township: 'Myawaddy' },
    placement: { kind: 'facts_coordinates' },
    weapons: [{ text: 'fighter jet (type not verified)', source: 'Mizzima' }],
    killed: [
      ['2', 'Bangkok Post (headline)'],
      ['2-3', 'Bangkok Post; The Nation; Mizzima (via UCDP GED 442380)'],
    ],
    displaced: [],
    sources: [
      { publisher: 'Bangkok Post', title: 'Two killed as Myanmar forces bomb border village', date: '2022-07-02', url: null, secondary: true, via: 'UCDP GED 442380' },
      { publisher: 'The Nation (Thailand)', title: null, date: '2022-07-02', url: null, secondary: true, via: 'UCDP GED 442380' },
      { publisher: 'Mizzima', title: null, date: '2022-07-10', url: null, secondary: true, via: 'UCDP GED 442380' },
    ],
  },
  {
    id: 'E14',
    category: 'helicopter_attack',
    title: 'Helicopter attack on villages in eastern Tabayin Township',
    summary:
      'Four military helicopters attacked villages in the east of Tabayin Township, among them Namyar, Mayakan, Nyaung Hla, Yin Kyay and Nyaungbintha: two fired on the area and two brought in troops. The marker is at Namyar. The sources give different numbers of people who fled: thousands (Myanmar Now), more than 10,000 (The Irrawaddy) and 4,000 from 15 villages (RFA, as quoted in a July 2022 news report). UCDP counts two dead; RFA reports one killed and two injured. The day, a Thursday, is inferred.',
    verificationText:
      'This is probably the attack for which RFA reported 4,000 people fleeing 15 villages. The RFA report\'s exact wording could not be checked.',
    dateNote: 'a Thursday; the day is inferred',
    curationNote: 'Facts verification: "likely = the RFA item in the brief; exact RFA text UNVERIFIED" (the brief = the July 2022 news report in shared/reference).',
    place: { name: 'Namyar and nearby villages, eastern Tabayin Township', admin1: 'Sagaing', township: 'Tabayin' },
    placement: { kind: 'facts_coordinates' },
    weapons: [{ text: '4 helicopters: 2 carrying troops, 2 firing (type not verified)', source: 'The Irrawaddy; RFA; Myanmar Now' }],
    killed: [
      ['2', 'UCDP GED 443293'],
      ['1 killed, 2 injured', 'Radio Free Asia (headline, via UCDP GED 443293)'],
    ],
    displaced: [
      ['thousands', 'Myanmar Now'],
      ['>10,000', 'The Irrawaddy'],
      ['4,000 from 15 villages', 'Radio Free Asia, as cited by a July 2022 news report'],
    ],
    sources: [
      { publisher: 'The Irrawaddy', title: 'Over 10,000 Civilians Flee Myanmar Junta Airstrikes in Sagaing', date: '2022-07-15', url: null, secondary: true, via: 'UCDP GED 443293' },
      {
        publisher: 'Radio Free Asia',
        title: 'Thousands forced to flee Sagaing airstrikes that killed one and injured two',
        date: '2022-07-15',
        url: null,
        secondary: true,
        via: 'UCDP GED 443293',
        note: 'A July 2022 news report and Tribunnews attribute the figure of 4,000 people from 15 villages to this RFA report.',
      },
      {
        publisher: 'Myanmar Now',
        title: 'Military launches airstrikes after soldiers defect to resistance',
        date: null,
        url: 'https://myanmar-now.org/en/news/military-launches-airstrikes-after-soldiers-defect-to-resistance/',
        secondary: false,
        note: 'The article\'s date could not be checked.',
      },
      {
        publisher: 'Tribunnews',
        title: null,
        date: '2022-07-18',
        url: null,
        secondary: false,
        note: 'In Indonesian; quotes the RFA figure of 4,000 people from 15 villages.',
      },
    ],
  },
  {
    id: 'E15',
    category: 'helicopter_attack',
    precisionOverride: {
      precision: 'village',
      reason:
        'The facts say "township": UCDP (where_prec 5) gives a point for Tabayin Township as a whole. The MIMU village file has one Kaing Kan in Tabayin Township, so the marker stands there, with the file named as the location source; the sources\' own point is kept as sourceCoordinates.',
    },
    title: 'Helicopter fire kills women in rice fields near Kaingkan, Tabayin Township',
    summary:
      'Fire from a military helicopter killed four women working in rice fields around Kaingkan in Tabayin Township, as reported by The Irrawaddy and RFA. The marker stands at Kaing Kan village as MIMU\'s village points locate it; the sources themselves locate the event only to the township.',
    verificationText: '',
    place: { name: 'rice fields around Kaingkan, Tabayin Township', admin1: 'Sagaing', township: 'Tabayin' },
    placement: {
      kind: 'mimu_village',
      village: 'Kaing Kan',
      sourceCoordinatesNote: 'The coordinates reported for this event, which stand for Tabayin Township as a whole. The marker stands at Kaing Kan village, located with MIMU\'s village points, instead.',
    },
    weapons: [{ text: 'military helicopter (type not verified)', source: 'The Irrawaddy (headline)' }],
    killed: [['4 (women farm workers)', 'The Irrawaddy; RFA (via UCDP GED 444655)']],
    displaced: [],
    sources: [
      { publisher: 'The Irrawaddy', title: 'Women Working in Rice Field Shot Dead by Myanmar Junta Helicopter', date: '2022-08-08', url: null, secondary: true, via: 'UCDP GED 444655' },
      { publisher: 'Radio Free Asia', title: null, date: '2022-08-08', url: null, secondary: true, via: 'UCDP GED 444655' },
    ],
  },
  {
    id: 'E16',
    category: 'helicopter_attack',
    title: 'Helicopter attack on the monastery school at Let Yet Kone',
    summary:
      'At about 1 p.m., two Mi-35 helicopters out of a group of four fired on the school of the Maha Dhammayanthi monastery in Let Yet Kone village; troops then landed from the helicopters, raided the village and detained about 20 people. Counts of the dead differ: 13 including 7 children (AP, as cited by Wikipedia; UCDP\'s best estimate is also 13, its high estimate 18), at least 11 children (UNICEF), and 11 to 14 including at least 6 children (Myanmar Witness).',
    verificationText: '',
    dateNote: 'at about 1 p.m. local time',
    place: { name: 'Let Yet Kone village', admin1: 'Sagaing', township: 'Tabayin' },
    placement: { kind: 'facts_coordinates' },
    weapons: [
      { text: '2 Mi-35 helicopters (of 4); about 80 troops landed', source: 'Wikipedia; RFA; Myanmar Now; Reuters' },
      { text: 'S-5 rockets', source: 'Myanmar Witness' },
    ],
    killed: [
      ['13, including 7 children', 'AP (as cited by Wikipedia)'],
      ['13 (best estimate; high estimate 18)', 'UCDP GED 448773'],
      ['at least 11 children', 'UNICEF'],
      ['11-14, including at least 6 children', 'Myanmar Witness'],
    ],
    displaced: [],
    sources: [
      { publisher: 'Wikipedia', title: 'Let Yet Kone massacre', date: null, url: 'https://en.wikipedia.org/wiki/Let_Yet_Kone_massacre', secondary: false },
      { publisher: 'Myanmar Witness', title: null, date: null, url: 'https://www.myanmarwitness.org/conflict-timeline/tabayin-school-attack', secondary: false, note: 'Conflict timeline entry.' },
      { publisher: 'Radio Free Asia', title: null, date: null, url: 'https://ndburma.org/blog/blog-multi-author/page/79', secondary: true, via: 'mirror on ndburma.org' },
      { publisher: 'Myanmar Now', title: null, date: '2022-09-19', url: null, secondary: true, via: 'UCDP GED 448773' },
      { publisher: 'Reuters', title: null, date: null, url: null, secondary: true, via: 'UCDP GED 448773', note: 'Dated 19 or 20 September 2022; the exact day could not be checked.' },
    ],
  },
];

/** Incident rows of the facts file that are deliberately left out. None at present. */
export const EXCLUDED_INCIDENTS: readonly ExcludedRow[] = [];
