// The `minyi-score` command: reads a SPEC §1 input (a file or stdin), writes the SPEC §13 output
// as one JSON document on stdout. Everything else (usage, errors) goes to stderr, so stdout can
// be piped straight into another tool. This is the only module of the package that uses Node.

import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { ScoringValidationError } from './issues.js';
import { score } from './score.js';
import { serializeOutput } from './serialize.js';
import type { ScoringInput } from './types.js';

export const USAGE = `Usage: minyi-score INPUT.json
       minyi-score -            (read the input from stdin)

Scores a Minyi survey input (scoring SPEC v1.0, §1) and writes the result (§13) as one JSON
document on stdout. Responses may be given as "responses" (rows) or "responses_columnar".

Exit status: 0 on success, 1 if the input cannot be read, is not JSON or breaks the SPEC (every
problem is listed on stderr with its JSON path), 2 on wrong usage.

Options:
  -h, --help   show this help
`;

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes `text` and resolves once the stream has taken it (respecting back-pressure). */
function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** Runs the command with `args` (without node and script); resolves to the exit status. */
export async function main(args: readonly string[], io: CliIo = process): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  if (args.includes('-h') || args.includes('--help')) {
    await write(io.stdout, USAGE);
    return 0;
  }
  if (args.length !== 1 || (args[0]?.startsWith('-') && args[0] !== '-')) {
    say(
      args.length === 0
        ? 'minyi-score: missing INPUT.json'
        : `minyi-score: bad arguments: ${args.join(' ')}`,
    );
    await write(io.stderr, USAGE);
    return 2;
  }
  const source = args[0] as string;
  const name = source === '-' ? 'stdin' : source;

  let text: string;
  try {
    text = source === '-' ? await readAll(io.stdin) : await readFile(source, 'utf8');
  } catch (error) {
    say(`minyi-score: cannot read ${name}: ${(error as Error).message}`);
    return 1;
  }
  let input: unknown;
  try {
    // A UTF-8 byte order mark is not JSON but is common in files saved on Windows.
    input = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    say(`minyi-score: ${name} is not valid JSON: ${(error as Error).message}`);
    return 1;
  }

  let output: ReturnType<typeof score>;
  try {
    output = score(input as ScoringInput);
  } catch (error) {
    if (error instanceof ScoringValidationError) {
      say(`minyi-score: ${name} breaks the scoring SPEC (${error.issues.length} problem(s)):`);
      for (const issue of error.issues) say(`  ${issue.path}: ${issue.message}`);
      return 1;
    }
    throw error;
  }

  // Write piece by piece and wait for each write, so a large document is complete even when
  // stdout is a pipe (asynchronous in Node) and the process exits right after.
  for (const piece of serializeOutput(output)) await write(io.stdout, piece);
  await write(io.stdout, '\n');
  return 0;
}
