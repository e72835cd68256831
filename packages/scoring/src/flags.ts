// SPEC §12: the low-n flag. NCHS presentation standards ask for an effective sample size of at
// least 30 before a proportion is shown without a caveat; the threshold is an option. The 1e-9
// margin keeps an n_eff that is 30 up to rounding from being flagged. Flags never suppress values.

/** low_n = n_eff < threshold − 1e-9, or null when n_eff is undefined (NaN). */
export function lowN(nEff: number, threshold: number): boolean | null {
  if (Number.isNaN(nEff)) return null;
  return nEff < threshold - 1e-9;
}
