/** The map's source and layer ids, named once so no other module spells them as bare strings. */
export const SOURCE = {
  countries: 'countries',
  countryLabels: 'country-labels',
  admin1: 'admin1',
  admin1Labels: 'admin1-labels',
  places: 'places',
  incidents: 'incidents',
  incidentsLive: 'incidents-live',
  displacement: 'displacement',
} as const;

export const LAYER = {
  background: 'sea',
  countries: 'countries-fill',
  countriesLine: 'countries-line',
  countryLabels: 'country-label-text',
  admin1Fill: 'admin1-fill',
  admin1Line: 'admin1-line',
  focusLine: 'focus-line',
  admin1LabelsEn: 'admin1-labels',
  places: 'places-dot',
  placeLabels: 'places-label',
  uncertainty: 'incident-uncertainty',
  incidentHalo: 'incident-halo',
  datasetOutline: 'dataset-outline',
  incidents: 'incident-markers',
  incidentAreaMarkers: 'incident-area-markers',
  clusters: 'incident-clusters',
  clusterCount: 'incident-cluster-count',
  displacementCircles: 'displacement-circles',
  displacementLabels: 'displacement-labels',
} as const;
