// Where a response's values live in the input, for issue paths (SPEC §1 errors are reported one
// by one): `responses[3].answers.attitude` in row form, `responses_columnar.answers.attitude[3]`
// in columnar form. Paths are only built when an issue is found.

import { childPath, indexPath } from './json-path.js';

export interface ResponsePaths {
  /** Path of a top-level field of response `index` (department, period, group, base_weight, ...). */
  field(index: number, name: string): string;
  /** Path of the answer of response `index` to dimension `dimensionId`. */
  answer(index: number, dimensionId: string): string;
}

export const rowPaths: ResponsePaths = {
  field: (index, name) => childPath(indexPath('responses', index), name),
  answer: (index, dimensionId) =>
    childPath(childPath(indexPath('responses', index), 'answers'), dimensionId),
};

export const columnarPaths: ResponsePaths = {
  field: (index, name) => indexPath(childPath('responses_columnar', name), index),
  answer: (index, dimensionId) =>
    indexPath(childPath('responses_columnar.answers', dimensionId), index),
};
