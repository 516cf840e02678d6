/**
 * Structured references from curated records to the UCDP GED events they rest on (issue #13).
 * The sources of these records name UCDP only in free text (`via: 'UCDP GED 448773'`); this table
 * states the same ids as data, so the app links each record to the UCDP row when both are
 * loaded, and the validator checks them. `geo/derive-incidents.ts` carries them into
 * `public/data/incidents.json` as `Incident.refs`.
 *
 * Derived by hand from the `via` texts of `incidents.ts` (every UCDP id cited there is here, and
 * the validator warns if one is missing), then checked by hand against
 * `shared/samples/ucdp_ged_myanmar_1989_2023.csv`: the same day, the same state or region, and
 * UCDP's point at the record's marker or at its kept source coordinates. The comment on each
 * line is what UCDP says. E05 (DMG) and E07 (Mizzima) cite no UCDP event.
 */
import type { ExternalRef } from '../../src/lib/domain/event-link.ts';

const ucdp = (id: string): readonly ExternalRef[] => [{ dataset: 'ucdp-ged', id }];

export const CURATED_EXTERNAL_REFS: Readonly<Record<string, readonly ExternalRef[]>> = {
  E01: ucdp('426904'), // 2022-01-07, Loikaw town (where_prec 2), Kayah: at the marker
  E02: ucdp('428086'), // 2022-01-13, Papun township (5), Kayin: at the source coordinates
  E03: ucdp('426958'), // 2022-01-16, Demoso township (5), Kayah: at the source coordinates
  E04: ucdp('426957'), // 2022-01-17, Hpruso township (5), Kayah: at the marker
  E06: ucdp('430522'), // 2022-02-23, Nan Mei Khon village (2), Kayah: at the source coordinates
  E08: ucdp('433084'), // 2022-03-05, Hpapun district (3), Kayin: at the marker
  E09: ucdp('433113'), // 2022-03-08, Loikaw town (2), Kayah: at the source coordinates
  E10: ucdp('433136'), // 2022-03-09, Mae Htaw Talay village (2), Kayin: at the source coordinates
  E11: ucdp('435234'), // 2022-04-10, Lay Kay Kaw town (2), Kayin: 0.1 km from the marker
  E12: ucdp('442073'), // 2022-04-23, Kya In Seik Gyi township (5), Kayin: at the source coordinates
  E13: ucdp('442380'), // 2022-07-01, Thay Baw Boe village (1), Kayin: at the marker
  E14: ucdp('443293'), // 2022-07-14, Namyar village (1), Sagaing: at the marker
  E15: ucdp('444655'), // 2022-08-04, Tabayin township (5), Sagaing: at the source coordinates
  E16: ucdp('448773'), // 2022-09-16, Letyetkone village (1), Sagaing: at the marker
};
