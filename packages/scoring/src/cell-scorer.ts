// The per-cell core: from the responses of one (department, period) cell to its SPEC §13 cell
// object and its per-response results (SPEC §3–§10).
//
// Why cell by cell: the linearisation variance of SPEC §6 needs the mean before the residuals
// and, when post-stratifying, group totals of the residuals before the final residuals. Those
// are second and third passes over the responses of a cell, so per-cell sums alone are not
// enough. Every statistic of a cell depends only on that cell's responses, though, so holding
// one cell at a time is: memory is bounded by the largest cell, and the streaming accumulator can
// feed cells one after another (see accumulator.ts).

import { NOT_APPLICABLE_CODE } from './answers.js';
import type { CellBuffer } from './cell-buffer.js';
import type { ResolvedConfig, ResolvedDimension } from './config.js';
import { CellDesign } from './design.js';
import { estimateGroupMeans, estimateMean, type MeanEstimate } from './estimator.js';
import { indexOfMeans } from './index-of-means.js';
import { normalisedValue } from './levels.js';
import { npsContribution } from './nps.js';
import {
  type AnswerCounts,
  cellOutput,
  dimensionOutput,
  groupOutput,
  npsEstimate,
  rateEstimate,
  scoreEstimate,
} from './output.js';
import { responseScores } from './response-score.js';
import type { CellOutput, DimensionOutput, GroupOutput } from './types.js';
import { buildDesign } from './weights.js';

/**
 * Adds `key` to an output object as an own, enumerable property. Ids are arbitrary strings, and
 * plain assignment of an id such as "__proto__" would change the prototype instead.
 */
function setEntry<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export class CellScorer {
  private readonly config: ResolvedConfig;
  private readonly design = new CellDesign();
  private readonly shares: Float64Array;
  private readonly slotOf: Int32Array;
  private readonly dimensionWeights: Float64Array;
  private readonly dimensionMeans: Float64Array;
  /** Design row i → position in the cell buffer. */
  private rows = new Int32Array(16);
  /** Response score of design row i. */
  private s = new Float64Array(16);
  /** The variable being estimated, NaN outside its domain. */
  private y = new Float64Array(16);
  /** Level codes of one dimension, per design row. */
  private k = new Int32Array(16);

  constructor(config: ResolvedConfig) {
    this.config = config;
    this.shares = Float64Array.from(config.groups, (group) => group.share);
    this.slotOf = new Int32Array(config.groups.length).fill(-1);
    this.dimensionWeights = Float64Array.from(config.dimensions, (dim) => dim.weight);
    this.dimensionMeans = new Float64Array(config.dimensions.length);
  }

  /**
   * Scores the responses in `buffer` as one cell. Writes each response's score and final weight
   * into the buffer and returns the cell (with `rank` null: ranks need every cell of the period).
   */
  scoreCell(buffer: CellBuffer, department: string, period: string): CellOutput {
    const { config, design } = this;
    const count = buffer.length;
    const n = responseScores(config.dimensions, buffer.codes, count, buffer.score);
    this.reserve(n);
    const { rows, s } = this;
    for (let r = 0, i = 0; r < count; r++) {
      const score = buffer.score[r] as number;
      if (!Number.isNaN(score)) {
        rows[i] = r;
        s[i] = score;
        i++;
      }
    }
    buffer.finalWeight.fill(Number.NaN, 0, count);
    if (n > 0) {
      buildDesign(
        design,
        n,
        rows,
        buffer.group,
        buffer.weight,
        config.poststratify,
        this.shares,
        this.slotOf,
        buffer.finalWeight,
      );
    } else {
      design.n = 0;
      design.slotCount = 0;
    }

    // SPEC §7: the cell score, y = s over all design rows.
    const score = estimateMean(design, s);

    const dimensions: Record<string, DimensionOutput> = {};
    config.dimensions.forEach((dimension, d) => {
      const mean = this.dimensionMean(buffer.codes[d] as Int32Array, dimension);
      this.dimensionMeans[d] = mean.estimate.mean;
      setEntry(dimensions, dimension.id, this.dimensionStatistics(dimension, mean));
    });

    return cellOutput(
      department,
      period,
      n,
      count - n,
      score.sumW,
      scoreEstimate(score, config.z, config.lowNThreshold),
      indexOfMeans(this.dimensionMeans, this.dimensionWeights),
      dimensions,
      this.groupBreakdown(),
    );
  }

  private reserve(n: number): void {
    if (this.rows.length < n) {
      const size = Math.max(n, this.rows.length * 2);
      this.rows = new Int32Array(size);
      this.s = new Float64Array(size);
      this.y = new Float64Array(size);
      this.k = new Int32Array(size);
    }
  }

  /**
   * SPEC §8 counts and mean of a dimension: y = v on the answered rows. Leaves the dimension's
   * level codes per design row in `k` for the rate and NPS.
   */
  private dimensionMean(
    codes: Int32Array,
    dimension: ResolvedDimension,
  ): { counts: AnswerCounts; estimate: MeanEstimate } {
    const n = this.design.n;
    const { rows, y, k } = this;
    const { values, levelCount, scores } = dimension.scale;
    const counts: AnswerCounts = { answered: 0, notApplicable: 0, missing: 0 };
    for (let i = 0; i < n; i++) {
      const code = codes[rows[i] as number] as number;
      k[i] = code;
      if (code >= 0) {
        counts.answered++;
        y[i] =
          values !== null ? (values[code] as number) : normalisedValue(code, levelCount, scores);
      } else {
        if (code === NOT_APPLICABLE_CODE) counts.notApplicable++;
        else counts.missing++;
        y[i] = Number.NaN;
      }
    }
    return { counts, estimate: estimateMean(this.design, y) };
  }

  /** SPEC §8 satisfaction rate and NPS of a dimension (from the codes left in `k`). */
  private dimensionStatistics(
    dimension: ResolvedDimension,
    mean: { counts: AnswerCounts; estimate: MeanEstimate },
  ): DimensionOutput {
    const { config, design, y, k } = this;
    const n = design.n;
    const threshold = dimension.scale.levelCount - dimension.topK;
    for (let i = 0; i < n; i++) {
      const code = k[i] as number;
      y[i] = code < 0 ? Number.NaN : code >= threshold ? 1 : 0;
    }
    const rate = rateEstimate(dimension.topK, estimateMean(design, y), config.z);

    let nps = null;
    if (dimension.nps) {
      const min = dimension.scale.min;
      for (let i = 0; i < n; i++) {
        const code = k[i] as number;
        y[i] = code < 0 ? Number.NaN : npsContribution(code + min);
      }
      nps = npsEstimate(estimateMean(design, y), config.z);
    }
    return dimensionOutput(mean.counts, mean.estimate, rate, nps, config.z, config.lowNThreshold);
  }

  /** SPEC §9: y = s on the domain of each group present, inside the cell design. */
  private groupBreakdown(): Record<string, GroupOutput> {
    const { config, design, s, slotOf } = this;
    const groups: Record<string, GroupOutput> = {};
    const { slotGroup, slotCount } = design;
    if (design.n === 0) return groups;
    const estimates = estimateGroupMeans(design, s);
    for (let g = 0; g < slotCount; g++) slotOf[slotGroup[g] as number] = g;
    for (const g of config.groupOutputOrder) {
      const slot = slotOf[g] as number;
      if (slot < 0) continue;
      const id = (config.groups[g] as { id: string }).id;
      setEntry(groups, id, groupOutput(estimates[slot] as MeanEstimate, config.z));
    }
    for (let g = 0; g < slotCount; g++) slotOf[slotGroup[g] as number] = -1;
    return groups;
  }
}
