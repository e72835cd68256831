// The design of one cell (SPEC §4–§6): its design rows (the valid responses, in input order)
// with their final weights and respondent groups. The arrays are reused from cell to cell and
// only grow, so scoring many cells allocates nothing per response.

export class CellDesign {
  /** Number of design rows n. */
  n = 0;
  /** Final weights w*_i times `scale` (SPEC §6 is invariant to the scale of the weights). */
  w: Float64Array = new Float64Array(0);
  /** w_i / Ŵ_{g(i)}, the post-stratification residual factor of SPEC §6 (unused otherwise). */
  ratio: Float64Array = new Float64Array(0);
  /** Cell-local slot of each row's group; slots are numbered by first appearance. */
  slot: Int32Array = new Int32Array(0);
  /** Number of groups present in the cell, and the group index of each slot. */
  slotCount = 0;
  slotGroup: Int32Array = new Int32Array(0);
  poststratified = false;
  /** Power of two the final weights were multiplied by: `w[i] / scale` is w*_i exactly. */
  scale = 1;
  /** Scratch for the estimator: u_i, and U_g per slot. */
  u: Float64Array = new Float64Array(0);
  slotU: Float64Array = new Float64Array(0);

  /** Makes room for `rows` design rows and `groups` groups, keeping nothing. */
  reserve(rows: number, groups: number): void {
    if (this.w.length < rows) {
      const size = Math.max(rows, this.w.length * 2, 16);
      this.w = new Float64Array(size);
      this.ratio = new Float64Array(size);
      this.slot = new Int32Array(size);
      this.u = new Float64Array(size);
    }
    if (this.slotGroup.length < groups) {
      this.slotGroup = new Int32Array(groups);
      this.slotU = new Float64Array(groups);
    }
  }
}
