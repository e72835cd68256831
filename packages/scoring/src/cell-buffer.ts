// The responses of one cell as typed columns (valid and invalid ones, in input order), plus the
// per-response results the core writes back. `score()` refills one buffer for each cell from the
// encoded input; the streaming accumulator appends responses to it as they arrive. Either way the
// memory held is proportional to the largest cell, not to the number of responses.

export class CellBuffer {
  length = 0;
  /** Index into the configuration's groups. */
  group: Int32Array;
  /** Pre-stratification weight w_i (SPEC §5.1). */
  weight: Float64Array;
  /** Level code per dimension (see answers.ts). */
  codes: Int32Array[];
  /** Written by the core: response score s_r (SPEC §3), NaN for an invalid response. */
  score: Float64Array;
  /** Written by the core: final weight w*_i (SPEC §5), NaN for an invalid response. */
  finalWeight: Float64Array;

  constructor(dimensionCount: number, capacity = 16) {
    this.group = new Int32Array(capacity);
    this.weight = new Float64Array(capacity);
    this.codes = Array.from({ length: dimensionCount }, () => new Int32Array(capacity));
    this.score = new Float64Array(capacity);
    this.finalWeight = new Float64Array(capacity);
  }

  /** A buffer over existing columns (for example slices of cell-sorted arrays), full. */
  static over(
    group: Int32Array,
    weight: Float64Array,
    codes: Int32Array[],
    score: Float64Array,
    finalWeight: Float64Array,
  ): CellBuffer {
    const buffer = new CellBuffer(0, 0);
    buffer.group = group;
    buffer.weight = weight;
    buffer.codes = codes;
    buffer.score = score;
    buffer.finalWeight = finalWeight;
    buffer.length = group.length;
    return buffer;
  }

  get capacity(): number {
    return this.group.length;
  }

  /** Makes room for `size` responses, keeping the first `length`. */
  reserve(size: number): void {
    if (size <= this.capacity) return;
    const capacity = Math.max(size, this.capacity * 2);
    const grow = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old.subarray(0, this.length));
      return next;
    };
    this.group = grow(this.group, (n) => new Int32Array(n));
    this.weight = grow(this.weight, (n) => new Float64Array(n));
    this.codes = this.codes.map((column) => grow(column, (n) => new Int32Array(n)));
    this.score = new Float64Array(capacity);
    this.finalWeight = new Float64Array(capacity);
  }

  clear(): void {
    this.length = 0;
  }
}
