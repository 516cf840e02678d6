import type { Incident } from '../domain/incident.ts';
import { isAreaPrecision } from '../domain/precision.ts';
import { WEAK_VERIFICATION } from '../domain/verification.ts';
import type { MarkerStyle } from './table.ts';

/** True when the incident's evidence is weaker (single source, unverified), so its marker is hollow. */
export function hasWeakEvidence(inc: Pick<Incident, 'verification'>): boolean {
  return WEAK_VERIFICATION.includes(inc.verification.status);
}

/** The marker style the map gives an incident: an area marker when its place is too coarse for a pin, else solid or hollow by evidence. */
export function incidentMarkerStyle(inc: Pick<Incident, 'verification' | 'precision'>): MarkerStyle {
  if (isAreaPrecision(inc.precision)) return 'area';
  return hasWeakEvidence(inc) ? 'hollow' : 'solid';
}
