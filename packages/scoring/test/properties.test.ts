// Properties that must hold for every valid input (fast-check).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type CellResponses,
  type ResponseRow,
  ScoringAccumulator,
  type ScoringConfig,
  score,
  serializeOutput,
  wilsonInterval,
} from '../src/index.js';
import { differences, eachNumber, HCP5, input, SCALES, toColumnar } from './helpers.js';

const GROUP_IDS = ['RES', 'OTHER', 'WOMEN'];

function config(poststratify: boolean, groupWeights: number[]): ScoringConfig {
  return {
    scales: SCALES,
    dimensions: [
      { id: 'attitude', scale: 'hcp5', weight: 0.3 },
      { id: 'efficiency', scale: 'stars5', weight: 0.3, top_k: 1 },
      { id: 'outcome', scale: 'nps11', weight: 0.4, nps: true },
    ],
    groups: GROUP_IDS.map((id, i) => ({
      id,
      weight: groupWeights[i] ?? 1,
      population_share: [0.5, 0.3, 0.2][i] as number,
    })),
    options: { poststratify, rank: { min_n: 2 }, low_n_threshold: 3 },
  };
}

const answer = <T>(level: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant('N/A') },
    { weight: 6, arbitrary: level },
  );

const response: fc.Arbitrary<ResponseRow> = fc.record({
  department: fc.constantFrom('D1', 'D2', '部门'),
  period: fc.constantFrom('2024Q1', '2024Q2'),
  group: fc.constantFrom(...GROUP_IDS),
  base_weight: fc.option(fc.double({ min: 0.05, max: 20, noNaN: true }), { nil: null }),
  answers: fc.record({
    attitude: answer(fc.constantFrom(...HCP5)),
    efficiency: answer(fc.integer({ min: 1, max: 5 })),
    outcome: answer(fc.integer({ min: 0, max: 10 })),
  }),
});

const scenario = fc.record({
  poststratify: fc.boolean(),
  groupWeights: fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), {
    minLength: 3,
    maxLength: 3,
  }),
  responses: fc.array(response, { minLength: 0, maxLength: 40 }),
});

function cellKey(r: ResponseRow): string {
  return `${r.period}\u0000${r.department}`;
}

describe('properties', () => {
  test('row form and columnar form give identical output', () => {
    fc.assert(
      fc.property(scenario, ({ poststratify, groupWeights, responses }) => {
        const c = config(poststratify, groupWeights);
        const rows = score(input(c, responses));
        const columns = score({ ...c, responses_columnar: toColumnar(responses, c.dimensions) });
        expect(columns).toEqual(rows);
      }),
    );
  });

  test('no NaN or Infinity anywhere in the output', () => {
    fc.assert(
      fc.property(scenario, ({ poststratify, groupWeights, responses }) => {
        eachNumber(score(input(config(poststratify, groupWeights), responses)), (n, path) => {
          expect(Number.isFinite(n), path).toBe(true);
        });
      }),
    );
  });

  test('permuting responses (within and across cells) leaves the cells unchanged', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        ({ poststratify, groupWeights, responses }, keys) => {
          const c = config(poststratify, groupWeights);
          const order = responses
            .map((_, i) => i)
            .sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b);
          const shuffled = order.map((i) => responses[i] as ResponseRow);
          const a = score(input(c, responses));
          const b = score(input(c, shuffled));
          expect(differences(a.cells, b.cells, 1e-9)).toEqual([]);
          // Per-response results move with their response.
          order.forEach((from, to) => {
            expect(b.responses.score[to]).toBe(a.responses.score[from]);
          });
        },
      ),
    );
  });

  test('scaling every base weight by a constant changes no estimate', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        ({ poststratify, groupWeights, responses }, factor) => {
          const c = config(poststratify, groupWeights);
          const scaled = responses.map((r) => ({
            ...r,
            base_weight: (r.base_weight ?? 1) * factor,
          }));
          const a = score(input(c, responses));
          const b = score(input(c, scaled));
          const strip = (out: typeof a) =>
            out.cells.map((cell) => ({
              ...cell,
              sum_w: null,
              groups: Object.fromEntries(
                Object.entries(cell.groups).map(([id, g]) => [id, { ...g, sum_w: null }]),
              ),
            }));
          expect(differences(strip(a), strip(b), 1e-9)).toEqual([]);
          if (!poststratify) {
            a.cells.forEach((cell, i) => {
              const other = b.cells[i]?.sum_w ?? null;
              if (cell.sum_w !== null)
                expect(differences(cell.sum_w * factor, other, 1e-9)).toEqual([]);
            });
          }
        },
      ),
    );
  });

  test('the streaming accumulator gives the same cells and per-response results', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ poststratify, groupWeights, responses }, chunked) => {
        const c = config(poststratify, groupWeights);
        const expected = score(input(c, responses));
        // The accumulator needs responses grouped by cell: a stable sort by cell does that.
        const grouped = responses
          .map((r, i) => ({ r, i }))
          .sort((a, b) =>
            cellKey(a.r) < cellKey(b.r) ? -1 : cellKey(a.r) > cellKey(b.r) ? 1 : a.i - b.i,
          );
        const seen: CellResponses[] = [];
        const accumulator = new ScoringAccumulator(c, { onCell: (cell) => seen.push(cell) });
        if (chunked) {
          const rows = grouped.map(({ r }) => r);
          const half = Math.floor(rows.length / 2);
          accumulator.addColumns(toColumnar(rows.slice(0, half), c.dimensions));
          accumulator.addColumns(toColumnar(rows.slice(half), c.dimensions));
        } else {
          for (const { r } of grouped) accumulator.add(r);
        }
        const streamed = accumulator.finish();
        expect(streamed.z).toBe(expected.z);
        expect(streamed.cells).toEqual(expected.cells);
        const scores = seen.flatMap((cell) => cell.score);
        expect(scores).toEqual(grouped.map(({ i }) => expected.responses.score[i]));
        const finals = seen.flatMap((cell) => cell.final_weight);
        expect(finals).toEqual(grouped.map(({ i }) => expected.responses.final_weight[i]));
      }),
    );
  });

  test('the serialized pieces join to JSON.stringify(output)', () => {
    fc.assert(
      fc.property(scenario, ({ poststratify, groupWeights, responses }) => {
        const out = score(input(config(poststratify, groupWeights), responses));
        expect([...serializeOutput(out)].join('')).toBe(JSON.stringify(out));
      }),
      { numRuns: 30 },
    );
  });

  test('the Wilson interval lies in [0, 1] and contains p', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 1e6, noNaN: true }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        (p, m, z) => {
          const { low, high } = wilsonInterval(p, m, z);
          expect(low).toBeGreaterThanOrEqual(0);
          expect(high).toBeLessThanOrEqual(1);
          expect(low).toBeLessThanOrEqual(p + 1e-12);
          expect(high).toBeGreaterThanOrEqual(p - 1e-12);
        },
      ),
    );
  });
});

describe('internal equivalences', () => {
  test('the one-sweep group breakdown equals SPEC §6 applied to each group domain', async () => {
    const { CellDesign } = await import('../src/design.js');
    const { buildDesign } = await import('../src/weights.js');
    const { estimateGroupMeans, estimateMean } = await import('../src/estimator.js');
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(
          fc.record({
            group: fc.integer({ min: 0, max: 3 }),
            weight: fc.double({ min: 0.01, max: 50, noNaN: true }),
            y: fc.double({ min: -100, max: 100, noNaN: true }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (poststratify, rows) => {
          const n = rows.length;
          const design = new CellDesign();
          const index = Int32Array.from(rows, (_, i) => i);
          buildDesign(
            design,
            n,
            index,
            Int32Array.from(rows, (r) => r.group),
            Float64Array.from(rows, (r) => r.weight),
            poststratify,
            Float64Array.of(0.1, 0.2, 0.3, 0.4),
            new Int32Array(4).fill(-1),
            new Float64Array(n),
          );
          const y = Float64Array.from(rows, (r) => r.y);
          const together = estimateGroupMeans(design, y);
          for (let slot = 0; slot < design.slotCount; slot++) {
            const domain = Float64Array.from(rows, (r, i) =>
              design.slot[i] === slot ? r.y : Number.NaN,
            );
            expect(differences(estimateMean(design, domain), together[slot], 1e-9)).toEqual([]);
          }
        },
      ),
    );
  });
});
