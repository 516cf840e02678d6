import type { IncidentRecord } from '../domain/incident.ts';
import { isAreaPrecision } from '../domain/precision.ts';
import { isWeakEvidence } from '../domain/verification.ts';
import type { MarkerStyle } from './table.ts';

/** The marker style the map gives an incident: an area marker when its place is too coarse for a pin, else solid or hollow by evidence. */
export function incidentMarkerStyle(inc: Pick<IncidentRecord, 'verification' | 'precision'>): MarkerStyle {
  if (isAreaPrecision(inc.precision)) return 'area';
  return isWeakEvidence(inc.verification.status) ? 'hollow' : 'solid';
}
