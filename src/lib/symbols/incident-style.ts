import type { IncidentRecord } from '../domain/incident.ts';
import { isAreaPrecision } from '../domain/precision.ts';
import { isWeakEvidence } from '../domain/verification.ts';
import type { MarkerStyle } from './table.ts';

/**
 * The marker style the map gives an incident: an area marker when its place is too coarse for a
 * pin (a district or wider, or a township the map draws as its polygon), else solid or hollow by
 * evidence.
 */
export function incidentMarkerStyle(inc: Pick<IncidentRecord, 'verification' | 'precision'> & { readonly place?: { readonly areaCode?: string } }): MarkerStyle {
  if (isAreaPrecision(inc.precision)) return 'area';
  if (inc.precision === 'township' && inc.place?.areaCode) return 'area';
  return isWeakEvidence(inc.verification.status) ? 'hollow' : 'solid';
}
