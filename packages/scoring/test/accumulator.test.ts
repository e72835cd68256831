// The streaming accumulator (cell by cell) and the chunked serializer.
import { describe, expect, test } from 'vitest';
import {
  type CellResponses,
  ScoringAccumulator,
  ScoringValidationError,
  score,
  serializeOutput,
} from '../src/index.js';
import { input, row, starsConfig, toColumnar } from './helpers.js';

describe('ScoringAccumulator', () => {
  const config = starsConfig({ rank: { min_n: 1 } });

  test('scores each cell when the next one starts and reports its responses', () => {
    const seen: CellResponses[] = [];
    const accumulator = new ScoringAccumulator(config, { onCell: (cell) => seen.push(cell) });
    accumulator.add(row({ q: 5 }, { department: 'D2' }));
    accumulator.add(row({ q: 1 }, { department: 'D2', base_weight: 3 }));
    expect(seen).toEqual([]);
    accumulator.add(row({ q: null }, { department: 'D1' }));
    expect(seen).toEqual([
      {
        department: 'D2',
        period: 'P1',
        valid: [true, true],
        score: [100, 0],
        weight: [1, 3],
        final_weight: [1, 3],
      },
    ]);
    const out = accumulator.finish();
    expect(seen[1]).toMatchObject({ department: 'D1', valid: [false], score: [null] });
    // Cells come out sorted (D1 before D2) and ranked; (100 + 0·3)/4 = 25.
    expect(out.cells.map((c) => [c.department, c.n, c.score.mean, c.rank])).toEqual([
      ['D1', 0, null, null],
      ['D2', 2, 25, 1],
    ]);
    expect(() => accumulator.add(row({ q: 1 }))).toThrow(/finish/);
  });

  test('a cell that comes back after being closed is an error, and nothing is added', () => {
    const accumulator = new ScoringAccumulator(config);
    accumulator.add(row({ q: 5 }, { department: 'D1' }));
    accumulator.add(row({ q: 4 }, { department: 'D2' }));
    let error: unknown;
    try {
      accumulator.add(row({ q: 3 }, { department: 'D1' }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScoringValidationError);
    expect((error as ScoringValidationError).issues).toEqual([
      expect.objectContaining({ path: 'responses[2]', code: 'cell_not_contiguous' }),
    ]);
    const out = accumulator.finish();
    expect(out.cells.map((c) => c.n)).toEqual([1, 1]);
  });

  test('a columnar chunk that reopens a cell is rejected whole', () => {
    const accumulator = new ScoringAccumulator(config);
    accumulator.addColumns(
      toColumnar(
        [row({ q: 5 }, { department: 'D1' }), row({ q: 4 }, { department: 'D2' })],
        config.dimensions,
      ),
    );
    // D2 continues (allowed), then D1 comes back (not allowed).
    const bad = [row({ q: 1 }, { department: 'D2' }), row({ q: 1 }, { department: 'D1' })];
    expect(() => accumulator.addColumns(toColumnar(bad, config.dimensions))).toThrow(
      ScoringValidationError,
    );
    accumulator.addColumns(toColumnar([row({ q: 2 }, { department: 'D2' })], config.dimensions));
    const out = accumulator.finish();
    expect(out.cells.map((c) => [c.department, c.n])).toEqual([
      ['D1', 1],
      ['D2', 2],
    ]);
  });

  test('invalid responses are rejected with their stream position', () => {
    const accumulator = new ScoringAccumulator(config);
    accumulator.add(row({ q: 5 }));
    expect(() => accumulator.add(row({ q: 9 }))).toThrow(/responses\[1\]\.answers\.q/);
    expect(() => accumulator.add(row({ q: 2 }, { group: 'X' }))).toThrow(/responses\[2\]\.group/);
  });

  test('an invalid configuration throws at construction', () => {
    expect(
      () => new ScoringAccumulator({ ...config, dimensions: [{ id: 'q', scale: 'x', weight: 1 }] }),
    ).toThrow(ScoringValidationError);
  });

  test('memory does not grow with the stream: one cell at a time', () => {
    // 200 cells of 50 responses: every cell's responses are dropped once it is scored.
    let responses = 0;
    const accumulator = new ScoringAccumulator(config, {
      onCell: (cell) => {
        responses += cell.valid.length;
      },
    });
    for (let c = 0; c < 200; c++) {
      for (let i = 0; i < 50; i++)
        accumulator.add(row({ q: 1 + ((c + i) % 5) }, { department: `D${c}` }));
    }
    const out = accumulator.finish();
    expect(out.cells).toHaveLength(200);
    expect(responses).toBe(10_000);
  });
});

describe('serializeOutput', () => {
  test('joins to JSON.stringify across chunk boundaries (more than 65,536 responses)', () => {
    const responses = Array.from({ length: 70_000 }, (_, i) =>
      row({ q: i % 7 === 0 ? null : 1 + (i % 5) }, { department: `D${i % 3}` }),
    );
    const out = score(input(starsConfig(), responses));
    const pieces = [...serializeOutput(out)];
    expect(pieces.length).toBeGreaterThan(8);
    expect(pieces.join('')).toBe(JSON.stringify(out));
  });

  test('an empty output', () => {
    const out = score(input(starsConfig(), []));
    expect([...serializeOutput(out)].join('')).toBe(JSON.stringify(out));
  });
});
