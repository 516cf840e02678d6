/**
 * Spellings of township and state/region names that event datasets use and that normalisation
 * (case, spaces, hyphens, "township" suffixes, transliteration variants) does not reach. Each
 * entry names the MIMU place code it means and why; add one only with a source that uses it.
 * Read by `township-match.ts`.
 */

/** Another name for one township. */
export interface TownshipAlias {
  /** The spelling as a dataset writes it (without "township"). */
  readonly alias: string;
  /** MIMU place code of the township it means (2014 boundaries). */
  readonly pcode: string;
  /** Why this alias is right, and which dataset uses it. */
  readonly reason: string;
}

/**
 * Township aliases; an alias applies only within the state/region of its township. Spellings that
 * normalisation already folds are not listed (Kalay/Kale, Kun-Hing, Lai-Kha, Htigyaing, Papun,
 * Murng Nai, Magwe...; see `looseKey` in township-match.ts).
 */
export const TOWNSHIP_ALIASES: readonly TownshipAlias[] = [
  { alias: 'Depayin', pcode: 'MMR005010', reason: 'common English spelling of Tabayin; the project gazetteer lists "Depayin (Tabayin) town" in MMR005010' },
  { alias: 'Dipeyin', pcode: 'MMR005010', reason: 'alternative name of Depayin (Tabayin) in the project gazetteer' },
  { alias: 'Dabayin', pcode: 'MMR005010', reason: 'alternative name of Depayin (Tabayin) in the project gazetteer' },
  { alias: 'Debayin', pcode: 'MMR005010', reason: 'alternative name of Depayin (Tabayin) in the project gazetteer' },
  { alias: 'Yinmarbin', pcode: 'MMR005016', reason: 'Mizzima (project facts row E07) writes "Yinmarbin Township" for MIMU Yinmabin, Sagaing' },
  { alias: 'Dimawso', pcode: 'MMR002002', reason: 'GeoNames name of Demoso town (project gazetteer alt_names), Kayah' },
  { alias: 'Demawso', pcode: 'MMR002002', reason: 'alternative name of Demoso in the project gazetteer (also written Demawhso)' },
  { alias: 'Mong Keung', pcode: 'MMR014016', reason: 'UCDP GED writes Mong Keung (Mong Kung, Loilen district) for MIMU Mongkaing' },
  { alias: 'Murng Kerng', pcode: 'MMR014016', reason: 'UCDP GED writes Murng-Kerng (Shan spelling, Loilen district) for MIMU Mongkaing' },
  { alias: 'Namsang', pcode: 'MMR014013', reason: 'UCDP GED writes Namsang (Loilen district) for MIMU Nansang' },
  { alias: 'Namkham', pcode: 'MMR015010', reason: 'UCDP GED writes Namkham (Muse district) for MIMU Namhkan' },
  { alias: 'Hsenwi', pcode: 'MMR015002', reason: 'UCDP GED writes Hsenwi (Lashio district) for MIMU Hseni' },
  { alias: 'Loilem', pcode: 'MMR014011', reason: 'UCDP GED writes Loilem (Loilen district) for MIMU Loilen' },
  { alias: 'Thayatchaung', pcode: 'MMR006003', reason: 'UCDP GED writes Thayatchaung (Dawei district) for MIMU Thayetchaung' },
  { alias: 'Thanglang', pcode: 'MMR004003', reason: 'UCDP GED writes Thanglang (Falam district) for MIMU Thantlang' },
  { alias: 'Wutho', pcode: 'MMR005025', reason: 'UCDP GED writes Wutho (Katha district) for MIMU Wuntho' },
  { alias: 'Wudwin', pcode: 'MMR010031', reason: 'UCDP GED writes Wudwin (Meiktila district) for MIMU Wundwin' },
  { alias: 'Kaukpadaung', pcode: 'MMR010020', reason: 'UCDP GED writes Kaukpadaung (Myingyan district, a dropped y) for MIMU Kyaukpadaung' },
  { alias: 'Mawlamyaingkyun', pcode: 'MMR017018', reason: 'UCDP GED writes Mawlamyaingkyun (older romanisation) for MIMU Mawlamyinegyun' },
  { alias: 'Tavoy', pcode: 'MMR006001', reason: 'Tavoy is the colonial name of Dawei; UCDP GED uses it once (Dawei district)' },
  {
    alias: 'Kamaing',
    pcode: 'MMR001009',
    reason: 'Kamaing is a sub-township of Hpakant: MIMU places Kamaing Town (MMR001009702) in Hpakant township; UCDP GED names it once',
  },
];

/** Another name for one of the app's states/regions (the names in `admin1-labels.geojson`). */
export interface Admin1Alias {
  readonly alias: string;
  readonly admin1: string;
  readonly reason: string;
}

/**
 * State/region spellings, compared after removing "state", "region", "division", "union
 * territory" and "district" and any "(North)"-style part (MIMU splits Shan and Bago; the app does not).
 */
export const ADMIN1_ALIASES: readonly Admin1Alias[] = [
  { alias: 'Karen', admin1: 'Kayin', reason: 'UCDP GED adm_1 "Karen state"; Karen is the older English name of Kayin' },
  { alias: 'Karenni', admin1: 'Kayah', reason: 'older English name of Kayah State' },
  { alias: 'Arakan', admin1: 'Rakhine', reason: 'older English name of Rakhine State' },
  { alias: 'Magwe', admin1: 'Magway', reason: 'UCDP GED adm_1 "Magwe division"' },
  { alias: 'Irrawaddy', admin1: 'Ayeyarwady', reason: 'older English name of Ayeyarwady Region' },
  { alias: 'Tenasserim', admin1: 'Tanintharyi', reason: 'older English name of Tanintharyi Region' },
  { alias: 'Pegu', admin1: 'Bago', reason: 'older English name of Bago Region' },
  { alias: 'Rangoon', admin1: 'Yangon', reason: 'older English name of Yangon Region' },
  { alias: 'Naypyidaw', admin1: 'Mandalay', reason: 'UCDP GED adm_1 "Naypyidaw Union territory": the app (Natural Earth) has Nay Pyi Taw inside Mandalay' },
  { alias: 'Nay Pyi Taw', admin1: 'Mandalay', reason: 'ACLED and MIMU spelling of the union territory, inside Mandalay in the app' },
  { alias: 'Naypyitaw', admin1: 'Mandalay', reason: 'spelling in the MIMU district file ("Naypyitaw Council")' },
];

/** Another name for one district. */
export interface DistrictAlias {
  /** The spelling as a dataset writes it (without "district"). */
  readonly alias: string;
  /** MIMU place code of the district it means (districts dissolved from the 2014 townships). */
  readonly pcode: string;
  readonly reason: string;
}

/**
 * District aliases (UCDP GED `adm_2`, read for `where_prec` 3 rows); an alias applies only within
 * the state/region of its district. Spellings that normalisation folds (Papun, Putao, Toungoo,
 * Pa-an, Tachilek...) are not listed.
 */
export const DISTRICT_ALIASES: readonly DistrictAlias[] = [
  { alias: 'Dawai', pcode: 'MMR006D001', reason: 'UCDP GED adm_2 "Dawai district" (Tanintharyi) for MIMU Dawei district' },
  { alias: 'Mergui', pcode: 'MMR006D002', reason: 'Mergui is the colonial name of Myeik; UCDP GED adm_2 "Mergui district"' },
  { alias: 'Kengtong', pcode: 'MMR016D001', reason: 'UCDP GED adm_2 "Kengtong district" (Shan) for MIMU Kengtung district' },
  {
    alias: 'Kokang Self-Administered Zone',
    pcode: 'MMR015D005',
    reason: 'the Kokang Self-Administered Zone is Laukkaing and Konkyan townships (2008 Constitution, section 56), exactly MIMU Laukkaing district; UCDP GED adm_2 names it',
  },
  {
    alias: 'Det Khi Na',
    pcode: 'MMR018D002',
    reason: 'Dekkhina district of Nay Pyi Taw is Dekkhina Thiri, Lewe, Pyinmana and Zabu Thiri townships, exactly MIMU Nay Pyi Taw (South); UCDP GED adm_2 "Det Khi Na district"',
  },
  { alias: 'Dekkhina', pcode: 'MMR018D002', reason: 'usual romanisation of Det Khi Na (see above): MIMU Nay Pyi Taw (South)' },
];
