/**
 * Checks for structured values read from untrusted files (our own exports' JSON columns,
 * GeoJSON properties). Each reader returns the value rebuilt from known fields only, or null
 * when it does not have the right shape, so nothing unexpected rides along into the app.
 */
import { isRecord, safeHttpUrl } from '../../domain/guards.ts';
import { isCategoryId, type CategoryId } from '../../domain/categories.ts';
import { isIsoDay } from '../../domain/calendar.ts';
import { isSourceKind, type Figure, type FigureQualifier, type IncidentDate, type Place, type SourceRef, type WeaponClaim } from '../../domain/incident.ts';
import { DATE_PRECISIONS, isLocationPrecision, type DatePrecision, type LocationPrecision } from '../../domain/precision.ts';
import { isVerificationStatus, type VerificationStatus } from '../../domain/verification.ts';
import { isCalendarMonth, isIsoWeek } from './dates.ts';
import { externalRefProblem, type ExternalRef } from '../../domain/event-link.ts';

type ExtraValue = string | number | boolean | null;

const QUALIFIERS: readonly FigureQualifier[] = ['exact', 'at_least', 'more_than', 'about', 'range', 'unspecified'];

/**
 * Sets an own property even for the key "__proto__", which plain assignment would treat as
 * the object's prototype; keys come from untrusted files.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function optString(o: Record<string, unknown>, key: string): string | undefined | false {
  const v = o[key];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : false;
}

function numOrNull(v: unknown): number | null | false {
  if (v === null) return null;
  return typeof v === 'number' && Number.isFinite(v) ? v : false;
}

/** A Figure rebuilt from untrusted JSON, or null. */
export function readFigure(v: unknown): Figure | null {
  if (!isRecord(v)) return null;
  const low = numOrNull(v.low);
  const high = numOrNull(v.high);
  if (low === false || high === false) return null;
  if (typeof v.qualifier !== 'string' || !(QUALIFIERS as readonly string[]).includes(v.qualifier)) return null;
  if (typeof v.text !== 'string' || typeof v.source !== 'string') return null;
  return { low, high, qualifier: v.qualifier as FigureQualifier, text: v.text, source: v.source };
}

/**
 * A SourceRef rebuilt from untrusted JSON, or null. A non-http(s) URL becomes null; a title
 * may be null (not known); an unknown `kind` is dropped, since a newer file may know more kinds.
 */
export function readSource(v: unknown): SourceRef | null {
  if (!isRecord(v)) return null;
  if (typeof v.publisher !== 'string' || (typeof v.title !== 'string' && v.title !== null)) return null;
  const date = v.date === null || v.date === undefined ? null : isIsoDay(v.date) ? v.date : false;
  if (date === false) return null;
  if (v.secondary !== undefined && typeof v.secondary !== 'boolean') return null;
  const via = optString(v, 'via');
  const note = optString(v, 'note');
  const description = optString(v, 'description');
  if (via === false || note === false || description === false) return null;
  return {
    publisher: v.publisher,
    title: v.title,
    ...(description === undefined ? {} : { description }),
    ...(isSourceKind(v.kind) ? { kind: v.kind } : {}),
    date,
    url: safeHttpUrl(v.url),
    secondary: v.secondary === true,
    ...(via === undefined ? {} : { via }),
    ...(note === undefined ? {} : { note }),
  };
}

/** A WeaponClaim rebuilt from untrusted JSON, or null. */
export function readWeapon(v: unknown): WeaponClaim | null {
  if (!isRecord(v) || typeof v.text !== 'string' || typeof v.source !== 'string') return null;
  return { text: v.text, source: v.source };
}

/** Every item of a list through `read`, or null when it is not a list or any item fails. */
export function readList<T>(v: unknown, read: (item: unknown) => T | null): T[] | null {
  if (!Array.isArray(v)) return null;
  const out: T[] = [];
  for (const item of v) {
    const t = read(item);
    if (t === null) return null;
    out.push(t);
  }
  return out;
}

/** An `extra` record (primitive values only), or null. */
export function readExtra(v: unknown): Record<string, ExtraValue> | null {
  if (!isRecord(v)) return null;
  const out: Record<string, ExtraValue> = {};
  for (const [k, value] of Object.entries(v)) {
    if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      setOwn(out, k, value);
    } else {
      return null;
    }
  }
  return out;
}

/**
 * An IncidentDate rebuilt from untrusted JSON, or null (bad days, end before start, unknown
 * precision, or days that do not fit the precision: a day is one day, a week runs Monday to
 * Sunday, a month is one whole calendar month, as the curated data's validator requires).
 */
export function readIncidentDate(v: unknown): IncidentDate | null {
  if (!isRecord(v)) return null;
  if (typeof v.precision !== 'string' || !(DATE_PRECISIONS as readonly string[]).includes(v.precision)) return null;
  if (!isIsoDay(v.start) || !isIsoDay(v.end) || v.end < v.start) return null;
  const note = optString(v, 'note');
  if (note === false) return null;
  const precision = v.precision as DatePrecision;
  // An edited file could say "month" over 35 years; the popup would then name one month.
  if (precision === 'day' && v.start !== v.end) return null;
  if (precision === 'week' && !isIsoWeek(v.start, v.end)) return null;
  if (precision === 'month' && !isCalendarMonth(v.start, v.end)) return null;
  return note === undefined ? { precision, start: v.start, end: v.end } : { precision, start: v.start, end: v.end, note };
}

/** A Place rebuilt from untrusted JSON, or null. */
export function readPlace(v: unknown): Place | null {
  if (!isRecord(v) || typeof v.name !== 'string' || typeof v.admin1 !== 'string') return null;
  const nameMy = optString(v, 'nameMy');
  const township = optString(v, 'township');
  const townshipCode = optString(v, 'townshipCode');
  const areaCode = optString(v, 'areaCode');
  const locationSource = optString(v, 'locationSource');
  if (nameMy === false || township === false || townshipCode === false || areaCode === false || locationSource === false) return null;
  return {
    name: v.name,
    ...(nameMy === undefined ? {} : { nameMy }),
    admin1: v.admin1,
    ...(township === undefined ? {} : { township }),
    ...(townshipCode === undefined ? {} : { townshipCode }),
    ...(areaCode === undefined ? {} : { areaCode }),
    ...(locationSource === undefined ? {} : { locationSource }),
  };
}

/** `sourceCoordinates` rebuilt: the object, null, or `false` when malformed. */
export function readSourceCoordinates(v: unknown): { lon: number; lat: number; note: string } | null | false {
  if (v === null) return null;
  if (!isRecord(v) || typeof v.note !== 'string') return false;
  const lon = numOrNull(v.lon);
  const lat = numOrNull(v.lat);
  if (lon === false || lat === false || lon === null || lat === null) return false;
  return { lon, lat, note: v.note };
}

/** A non-empty list of well-formed external references (see `externalRefProblem`), rebuilt; null when anything is off. */
export function readExternalRefs(v: unknown): ExternalRef[] | null {
  if (!Array.isArray(v) || v.length === 0) return null;
  const out: ExternalRef[] = [];
  for (const item of v) {
    if (externalRefProblem(item) !== null) return null;
    const ref = item as ExternalRef;
    out.push({ dataset: ref.dataset, id: ref.id });
  }
  return out;
}

/** A verification record rebuilt, or null. */
export function readVerification(v: unknown): { status: VerificationStatus; text: string } | null {
  if (!isRecord(v) || !isVerificationStatus(v.status) || typeof v.text !== 'string') return null;
  return { status: v.status, text: v.text };
}

/** The category id when valid, else null. */
export function readCategory(v: unknown): CategoryId | null {
  return isCategoryId(v) ? v : null;
}

/** The location precision when valid, else null. */
export function readPrecision(v: unknown): LocationPrecision | null {
  return isLocationPrecision(v) ? v : null;
}
