/** How far a record was checked. Curated rows take it from the facts' `verification` column. */
export const VERIFICATION_STATUSES = [
  'verified_multiple',
  'verified',
  'dataset_cited',
  'single_source',
  'unverified',
  'imported',
] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const VERIFICATION_LABEL: Record<VerificationStatus, string> = {
  verified_multiple: 'Verified by several sources',
  verified: 'Verified',
  dataset_cited: 'Cited by a dataset (UCDP); article not read by us',
  single_source: 'Single source',
  unverified: 'Unverified',
  imported: 'As reported in the imported dataset (not checked by us)',
};

/** Statuses drawn with a hollow marker so a reader sees the weaker evidence. */
export const WEAK_VERIFICATION: readonly VerificationStatus[] = ['single_source', 'unverified'];

/** True when a status is weaker evidence (single source, unverified). */
export function isWeakEvidence(status: VerificationStatus): boolean {
  return WEAK_VERIFICATION.includes(status);
}

/** Type guard for verification statuses. */
export function isVerificationStatus(v: unknown): v is VerificationStatus {
  return typeof v === 'string' && (VERIFICATION_STATUSES as readonly string[]).includes(v);
}
