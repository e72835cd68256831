// Benchmark: score 1,000,000 responses (4 dimensions, 8 groups, 50 departments, 4 periods) from
// the columnar form with the built package (run `pnpm --filter @minyi/scoring build` first).
// Targets: under 1.5 s (median of 3 runs after a warm-up) and under 1 GB peak RSS.
//
//   node packages/scoring/bench/score-bench.mjs
//
// Also importable: `run()` returns { name: 'scoring', results: [...] }.
import { fileURLToPath } from 'node:url';
import { score } from '../dist/index.js';

const RESPONSES = 1_000_000;
const DEPARTMENTS = 50;
const PERIODS = 4;
const TARGET_SECONDS = 1.5;
const TARGET_RSS_MB = 1024;

/** Deterministic PRNG (mulberry32), so every run scores the same data. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HCP5 = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'];
const GROUPS = [
  { id: 'PARTY', label: '党组织代表', weight: 1, population_share: 0.05 },
  { id: 'RC', label: '居委会代表', weight: 1.2, population_share: 0.08 },
  { id: 'SUPV', label: '居务监督委员会代表', weight: 1, population_share: 0.05 },
  { id: 'RES', label: '居民代表', weight: 1.5, population_share: 0.4 },
  { id: 'WOMEN', label: '妇女代表', weight: 1.2, population_share: 0.1 },
  { id: 'SOCORG', label: '社会组织代表', weight: 1, population_share: 0.07 },
  { id: 'SAGE', label: '乡贤代表', weight: 1, population_share: 0.05 },
  { id: 'OTHER', label: '其他利益相关方(X)', weight: 1, population_share: 0.2 },
];

/** The benchmark input: SPEC §1 with `responses_columnar`. */
export function generateInput(count = RESPONSES, seed = 20240101) {
  const random = prng(seed);
  const departments = Array.from(
    { length: DEPARTMENTS },
    (_, d) => `D${String(d + 1).padStart(2, '0')}`,
  );
  const periods = Array.from({ length: PERIODS }, (_, p) => `2024Q${p + 1}`);
  const groupIds = GROUPS.map((group) => group.id);
  const pick = (values) => values[Math.floor(random() * values.length)];
  // Answers: mostly levels, some N/A and some skipped, as in real surveys.
  const answer = (level) => {
    const u = random();
    if (u < 0.03) return null;
    if (u < 0.05) return 'N/A';
    return level();
  };
  const columns = {
    id: new Array(count),
    department: new Array(count),
    period: new Array(count),
    group: new Array(count),
    base_weight: new Float64Array(count),
    answers: {
      attitude: new Array(count),
      efficiency: new Array(count),
      transparency: new Array(count),
      outcome: new Array(count),
    },
  };
  for (let i = 0; i < count; i++) {
    columns.id[i] = `r${i}`;
    columns.department[i] = pick(departments);
    columns.period[i] = pick(periods);
    columns.group[i] = pick(groupIds);
    columns.base_weight[i] = 0.5 + random();
    columns.answers.attitude[i] = answer(() => pick(HCP5));
    columns.answers.efficiency[i] = answer(() => 1 + Math.floor(random() * 5));
    columns.answers.transparency[i] = answer(() => 1 + Math.floor(random() * 10));
    columns.answers.outcome[i] = answer(() => Math.floor(random() * 11));
  }
  return {
    scales: {
      hcp5: { type: 'ordinal', levels: HCP5 },
      stars5: { type: 'numeric', min: 1, max: 5 },
      acsi10: { type: 'numeric', min: 1, max: 10 },
      nps11: { type: 'numeric', min: 0, max: 10 },
    },
    dimensions: [
      { id: 'attitude', scale: 'hcp5', weight: 0.3, top_k: 2 },
      { id: 'efficiency', scale: 'stars5', weight: 0.3, top_k: 2 },
      { id: 'transparency', scale: 'acsi10', weight: 0.2, top_k: 3 },
      { id: 'outcome', scale: 'nps11', weight: 0.2, top_k: 2, nps: true },
    ],
    groups: GROUPS,
    options: { poststratify: true, confidence_level: 0.95, low_n_threshold: 30 },
    responses_columnar: columns,
  };
}

function peakRssMb() {
  // resourceUsage().maxRSS is in kilobytes and covers the whole life of the process.
  return process.resourceUsage().maxRSS / 1024;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall time of 3 runs of `score(input)` after one warm-up run. */
function time(input) {
  let output = score(input); // warm-up
  const cells = output.cells.length;
  const seconds = [];
  for (let i = 0; i < 3; i++) {
    output = null; // let the previous result go before the next run
    const started = process.hrtime.bigint();
    output = score(input);
    seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  if (output.responses.valid.length !== input.responses_columnar.department.length) {
    throw new Error('unexpected output size');
  }
  return { seconds, median: median(seconds), cells };
}

/** Runs the benchmark; returns { name: 'scoring', results }. */
export async function run({ log = () => {} } = {}) {
  const input = generateInput();
  log(`generated ${RESPONSES.toLocaleString('en')} responses`);
  const results = [];
  for (const poststratify of [false, true]) {
    input.options.poststratify = poststratify;
    const { seconds, median: medianSeconds, cells } = time(input);
    const label = poststratify ? 'post-stratified' : 'pre-weights only';
    log(`${label}: ${seconds.map((s) => s.toFixed(3)).join(' s, ')} s`);
    results.push({
      name: `score ${RESPONSES.toLocaleString('en')} responses, columnar, ${label}: median`,
      value: medianSeconds,
      unit: 's',
      target: TARGET_SECONDS,
      pass: medianSeconds < TARGET_SECONDS,
      runs: seconds,
      responses: RESPONSES,
      cells,
      throughput: RESPONSES / medianSeconds,
    });
  }
  const rss = peakRssMb();
  results.push({
    name: 'peak RSS',
    value: rss,
    unit: 'MB',
    target: TARGET_RSS_MB,
    pass: rss < TARGET_RSS_MB,
  });
  return { name: 'scoring', results };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { results } = await run({ log: (line) => console.log(line) });
  const verdict = (result) => (result.pass ? 'PASS' : 'MISS');
  const rss = results[results.length - 1];
  for (const result of results.slice(0, -1)) {
    console.log(result.name);
    console.log(`  responses:  ${result.responses.toLocaleString('en')} in ${result.cells} cells`);
    console.log(
      `  median:     ${result.value.toFixed(3)} s  (target < ${TARGET_SECONDS} s: ${verdict(result)})`,
    );
    console.log(`  throughput: ${Math.round(result.throughput).toLocaleString('en')} responses/s`);
  }
  console.log(
    `peak RSS:     ${rss.value.toFixed(0)} MB  (target < ${TARGET_RSS_MB} MB: ${verdict(rss)})`,
  );
  console.log(`total time:   ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (results.some((result) => result.pass === false)) process.exitCode = 1;
}
