/**
 * Exactly-once storage under chaos: answers submitted through the widgets in two tabs, across
 * offline spells and reloads (some while a request is open), against a collector behind a proxy
 * that fails 35 % of deliveries in four ways. CI runs one seed; `pnpm chaos --seed N --answers M`
 * runs any other through the environment variables read here.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { FAULT_KINDS } from '../chaos/fault-proxy.js';
import { type ChaosOutcome, runChaos } from '../chaos/scenario.js';

const CI_SEED = 20_261_127;
const CI_ANSWERS = 300;

function positiveInteger(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`${name} must be an integer from 0 to ${max}, not ${JSON.stringify(raw)}`);
  }
  return value;
}

const seed = positiveInteger('MINYI_CHAOS_SEED', CI_SEED, 0xffff_ffff);
const answers = Math.max(1, positiveInteger('MINYI_CHAOS_ANSWERS', CI_ANSWERS, 1_000_000));
/** About 0.3 s per answer on a 2-core machine, plus the drain; generous for slow CI hosts. */
const timeoutMs = 240_000 + answers * 1_000;

describe('chaos', () => {
  test(
    `${answers} answers (seed ${seed}) are stored exactly once, byte for byte`,
    async () => {
      let outcome: ChaosOutcome | undefined;
      try {
        outcome = await runChaos({
          seed,
          answers,
          progress: process.env.MINYI_CHAOS_PROGRESS ? (line) => console.log(line) : undefined,
        });
      } finally {
        const reportFile = process.env.MINYI_CHAOS_REPORT;
        if (reportFile && outcome) writeFileSync(reportFile, JSON.stringify(outcome.summary));
      }
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
        // Only the client's short timeout ends a hang before the proxy drops it: proof that the
        // page's request timeout is in force, so hangs cost 1.5 s and not the default 15 s.
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
