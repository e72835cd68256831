/**
 * Exactly-once storage under chaos: answers submitted through the widgets in two tabs, across
 * offline spells and reloads (some while a request is open), against a collector behind a proxy
 * that fails 35 % of deliveries in four ways. CI runs one seed; `pnpm chaos --seed N --answers M`
 * runs any other through the environment variables read here.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { FAULT_KINDS } from '../chaos/fault-proxy.js';
import { runChaos } from '../chaos/scenario.js';

const CI_SEED = 20_261_127;
const CI_ANSWERS = 300;

function integerFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  }
  return value;
}

const seed = integerFromEnv('MINYI_CHAOS_SEED', CI_SEED, 0, 0xffff_ffff);
const answers = integerFromEnv('MINYI_CHAOS_ANSWERS', CI_ANSWERS, 1, 1_000_000);
/** Answers take about 0.15 s each on a 2-core machine; this leaves room for a slow CI host. */
const timeoutMs = 120_000 + answers * 500;

describe('chaos', () => {
  test(
    `${answers} answers (seed ${seed}) are stored exactly once, byte for byte`,
    async () => {
      const outcome = await runChaos({
        seed,
        answers,
        progress: process.env.MINYI_CHAOS_PROGRESS ? (line) => console.log(line) : undefined,
      });
      // Written before the verdict, so that `pnpm chaos` can summarise a failing run too.
      const reportFile = process.env.MINYI_CHAOS_REPORT;
      if (reportFile) writeFileSync(reportFile, JSON.stringify(outcome.summary));
      const { summary, submitted, rows, chosen } = outcome;
      console.log(`chaos summary: ${JSON.stringify(summary)}`);

      // The run did what it claims to test.
      expect(submitted.size, 'answers recorded from minyi-submit').toBe(answers);
      expect(outcome.conflictingSubmissions).toEqual([]);
      if (answers >= 40) {
        expect(
          summary.answersByTab.every((count) => count > 0),
          'both tabs answered',
        ).toBe(true);
        expect(summary.offlineSpells).toBeGreaterThanOrEqual(3);
        expect(summary.reloads).toBeGreaterThanOrEqual(4);
      }
      if (summary.proxy.fates.hang > 0) {
        // The proxy drops a hang after 3x the page's request timeout; only the page (its timeout,
        // or a reload) ends one sooner. Proof that the short timeout is in force: with the
        // outbox's default of 15 s, no hang would end from the page's side between reloads.
        expect(summary.proxy.hangsAbandoned, 'hangs the client gave up on').toBeGreaterThan(0);
      }
      if (summary.proxy.ingestRequests >= 200) {
        // At 5 % a kind is missing from 200 draws with probability 0.0035 %.
        for (const kind of FAULT_KINDS) {
          expect(summary.proxy.fates[kind], `requests that met "${kind}"`).toBeGreaterThan(0);
        }
      }

      // Nothing left behind on the device, nothing refused, nothing broken on the page.
      expect(outcome.pendingAtEnd, 'answers still queued after the drain').toEqual(
        outcome.pendingAtEnd.map(() => 0),
      );
      expect(outcome.deadLetters, 'dead letters').toEqual([]);
      expect(outcome.widgetErrors, 'minyi-error events').toEqual([]);
      expect(outcome.pageErrors, 'page errors').toEqual([]);

      // Exactly one row per answer, byte-identical, and nothing the test did not submit.
      const ids = rows.map((row) => row.id);
      const stored = new Set(ids);
      expect(stored.size, 'distinct ids among the stored rows').toBe(rows.length);
      const unknown = ids.filter((id) => !submitted.has(id));
      expect(unknown, 'rows that were never submitted').toEqual([]);
      const missing = [...submitted.keys()].filter((id) => !stored.has(id));
      expect(missing, 'submitted answers that were not stored').toEqual([]);
      const altered = rows.filter((row) => row.json !== submitted.get(row.id)).map((row) => row.id);
      expect(altered, 'rows whose JSON differs from what was submitted').toEqual([]);
      expect(rows).toHaveLength(answers);

      // Each stored answer is the level the scenario chose for that widget.
      const wrong = rows.filter((row) => {
        const response = JSON.parse(row.json) as { subject: string; answers: { overall: string } };
        return chosen.get(response.subject) !== response.answers.overall;
      });
      expect(
        wrong.map((row) => row.id),
        'rows with another level than the one chosen',
      ).toEqual([]);
    },
    timeoutMs,
  );
});
