// JSON text of a SPEC §13 output, in pieces. A million responses give four arrays of a million
// entries; writing them in chunks keeps every piece far below the engine's maximum string
// length and lets a writer respect back-pressure. Joining the pieces gives exactly
// JSON.stringify(output).

import type { ScoringOutput } from './types.js';

/** Entries of a per-response array per piece. */
const CHUNK = 65536;

function* arrayPieces(values: readonly unknown[]): Generator<string> {
  if (values.length === 0) {
    yield '[]';
    return;
  }
  for (let from = 0; from < values.length; from += CHUNK) {
    const body = JSON.stringify(values.slice(from, from + CHUNK));
    const open = from === 0 ? '[' : ',';
    const close = from + CHUNK >= values.length ? ']' : '';
    yield open + body.slice(1, -1) + close;
  }
}

/** The JSON text of `output` as a sequence of strings (no trailing newline). */
export function* serializeOutput(output: ScoringOutput): Generator<string> {
  yield `{"z":${JSON.stringify(output.z)},"cells":[`;
  for (let i = 0; i < output.cells.length; i++) {
    yield (i === 0 ? '' : ',') + JSON.stringify(output.cells[i]);
  }
  yield '],"responses":{';
  const { responses } = output;
  const keys = ['valid', 'score', 'weight', 'final_weight'] as const;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as (typeof keys)[number];
    yield `${k === 0 ? '' : ','}${JSON.stringify(key)}:`;
    yield* arrayPieces(responses[key]);
  }
  yield '}}';
}
