import { categoryDef } from '../domain/categories.ts';
import type { Incident, SourceRef } from '../domain/incident.ts';
import { LOCATION_PRECISION_TEXT } from '../domain/precision.ts';
import { VERIFICATION_LABEL } from '../domain/verification.ts';
import { phraseIncidentDate } from './date-phrase.ts';
import { safeHttpUrl } from '../domain/guards.ts';

/** One source as a citation line: publisher, "title", date, URL. */
export function citeSource(s: SourceRef): string {
  const parts = [s.publisher, s.title ? `“${s.title}”` : '', s.date ?? 'n.d.'].filter(Boolean);
  const url = safeHttpUrl(s.url);
  const via = s.secondary ? ` (secondary${s.via ? `, via ${s.via}` : ''})` : '';
  return `${parts.join(', ')}${url ? `, ${url}` : ''}${via}`;
}

/** A plain-text citation of an incident and all its sources, for the "Cite" button. */
export function citeIncident(inc: Incident, appName = 'Conflict Map'): string {
  const lines = [
    `${inc.title} — ${categoryDef(inc.category).label}, ${phraseIncidentDate(inc.date)}.`,
    `${inc.place.name}, ${[inc.place.township && `${inc.place.township} township`, inc.place.admin1].filter(Boolean).join(', ')} (${LOCATION_PRECISION_TEXT[inc.precision]}).`,
    `Verification: ${VERIFICATION_LABEL[inc.verification.status]}.`,
    'Sources:',
    ...inc.sources.map((s, i) => `  [${i + 1}] ${citeSource(s)}`),
    `Compiled in ${appName}, record ${inc.id}.`,
  ];
  return lines.join('\n');
}
