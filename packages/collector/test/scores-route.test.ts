import { randomUUID } from 'node:crypto';
import type { SurveyDefinition } from '@minyi/schema';
import { score } from '@minyi/scoring';
import { describe, expect, it } from 'vitest';
import { DEMO_EVALUATION } from '../src/demo.js';
import { toNewResponse } from '../src/ingest.js';
import { NO_GROUP, scoringConfig } from '../src/scores.js';
import type { StoredResponse } from '../src/storage.js';
import {
  ADAPTERS,
  type Adapter,
  api,
  makeEvaluation,
  makeToken,
  postResponses,
  startTestCollector,
} from './helpers.js';

const LEVELS = [
  'very-dissatisfied',
  'dissatisfied',
  'basically-satisfied',
  'satisfied',
  'very-satisfied',
];

/** The demo evaluation with population shares on two of its groups, as version 2. */
const WITH_SHARES: SurveyDefinition = {
  ...DEMO_EVALUATION,
  version: 2,
  groups: [
    { id: 'resident', label: { 'zh-Hans': '居民' }, weight: 1, populationShare: 0.7 },
    { id: 'respected-figure', label: { 'zh-Hans': '知名人士' }, weight: 2, populationShare: 0.3 },
    { id: 'visitor', label: { 'zh-Hans': '访客' } },
  ],
};

async function seeded(adapter: Adapter) {
  const collector = await startTestCollector({ adapter });
  const responses = [
    // Offsets differ: ordering must be by instant, not by the text of createdAt.
    makeEvaluation({ subject: 'civil-affairs', createdAt: '2026-03-31T23:30:00+08:00' }),
    makeEvaluation({
      subject: 'civil-affairs',
      createdAt: '2026-03-31T15:45:00Z',
      answers: { attitude: 'very-satisfied', efficiency: 'N/A', openness: 'N/A', outcome: 'N/A' },
    }),
    makeEvaluation({
      subject: 'civil-affairs',
      createdAt: '2026-04-02T09:00:00+08:00',
      group: 'respected-figure',
      answers: {
        attitude: 'dissatisfied',
        efficiency: 'basically-satisfied',
        openness: 'N/A',
        outcome: 'satisfied',
      },
      comment: '太慢了',
    }),
    makeEvaluation({ subject: 'housing', createdAt: '2026-03-05T09:00:00+08:00' }),
    makeEvaluation({
      subject: 'housing',
      createdAt: '2026-03-06T09:00:00-05:00',
      answers: {
        attitude: 'basically-satisfied',
        efficiency: 'satisfied',
        openness: 'very-satisfied',
        outcome: 'N/A',
      },
    }),
    makeEvaluation({ subject: 'service-hall', createdAt: '2026-05-10T09:00:00+08:00' }),
  ];
  const { results } = await postResponses(collector.url, ...responses);
  expect(results.map((r) => r.status)).toEqual(responses.map(() => 'accepted'));
  const evaluator = await makeToken(collector.storage, 'evaluator');
  return { ...collector, responses, evaluator };
}

type Cell = { department: string; period: string; n: number; score: number | null };

describe.each(ADAPTERS)('GET /v1/scores ($name)', (adapter) => {
  it('scores every cell as the scoring package does on the same input', async () => {
    const { url, responses, evaluator } = await seeded(adapter);
    const reply = await api(url, 'GET', '/v1/scores?survey=department-evaluation&period=month', {
      token: evaluator,
    });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const month = (createdAt: string) =>
      new Date(Date.parse(createdAt) + 8 * 3600_000).toISOString().slice(0, 7);
    const expected = score({
      ...scoringConfig(DEMO_EVALUATION, false),
      responses: responses.map((r) => ({
        department: r.subject as string,
        period: month(r.createdAt as string),
        group: (r.group as string | undefined) ?? NO_GROUP,
        answers: r.answers as Record<string, string>,
      })),
    });
    expect(reply.json.cells).toEqual(expected.cells);
    const cells = reply.json.cells as Cell[];
    expect(cells.map((c) => [c.period, c.department, c.n])).toEqual([
      ['2026-03', 'civil-affairs', 2],
      ['2026-03', 'housing', 2],
      ['2026-04', 'civil-affairs', 1],
      ['2026-05', 'service-hall', 1],
    ]);
    expect(reply.json.survey).toMatchObject({ id: 'department-evaluation', version: 1 });
    expect(reply.json.period).toBe('month');
    expect(reply.json.from).toBeNull();
  });

  it('counts quarters and years in the survey time zone', async () => {
    const { url, evaluator } = await seeded(adapter);
    const quarter = await api(
      url,
      'GET',
      '/v1/scores?survey=department-evaluation&period=quarter',
      {
        token: evaluator,
      },
    );
    expect((quarter.json.cells as Cell[]).map((c) => [c.period, c.department, c.n])).toEqual([
      ['2026-Q1', 'civil-affairs', 2],
      ['2026-Q1', 'housing', 2],
      ['2026-Q2', 'civil-affairs', 1],
      ['2026-Q2', 'service-hall', 1],
    ]);
    const year = await api(url, 'GET', '/v1/scores?survey=department-evaluation&period=year', {
      token: evaluator,
    });
    expect((year.json.cells as Cell[]).map((c) => [c.period, c.department, c.n])).toEqual([
      ['2026', 'civil-affairs', 3],
      ['2026', 'housing', 2],
      ['2026', 'service-hall', 1],
    ]);
  });

  it('filters by from and to, both days included, in the survey time zone', async () => {
    const { url, evaluator } = await seeded(adapter);
    const reply = await api(
      url,
      'GET',
      '/v1/scores?survey=department-evaluation&period=month&from=2026-03-06&to=2026-03-31',
      { token: evaluator },
    );
    expect(reply.status).toBe(200);
    // housing's second answer is 2026-03-06 22:00 in Shanghai; civil-affairs's two March 31st
    // answers (23:30 and 23:45 Shanghai) are on the last day included, its April one is not.
    expect((reply.json.cells as Cell[]).map((c) => [c.period, c.department, c.n])).toEqual([
      ['2026-03', 'civil-affairs', 2],
      ['2026-03', 'housing', 1],
    ]);
    expect(reply.json.from).toBe('2026-03-06');
    expect(reply.json.to).toBe('2026-03-31');
  });

  it('shows a subject-scoped token only its subjects and hides other surveys', async () => {
    const { url, storage } = await seeded(adapter);
    const scoped = await makeToken(storage, 'evaluator', {
      surveys: ['department-evaluation'],
      subjects: ['housing'],
    });
    const reply = await api(url, 'GET', '/v1/scores?survey=department-evaluation&period=year', {
      token: scoped,
    });
    expect((reply.json.cells as Cell[]).map((c) => c.department)).toEqual(['housing']);
    const other = await api(url, 'GET', '/v1/scores?survey=page-feedback&period=year', {
      token: scoped,
    });
    expect(other.status).toBe(404);
    const unknown = await api(url, 'GET', '/v1/scores?survey=no-such&period=year', {
      token: scoped,
    });
    expect(unknown.status).toBe(404);
    expect(other.json).toEqual({ error: 'unknown survey "page-feedback"' });
    const admin = await makeToken(storage, 'admin');
    const all = await api(url, 'GET', '/v1/scores?survey=department-evaluation&period=year', {
      token: admin,
    });
    expect((all.json.cells as Cell[]).map((c) => c.department)).toEqual([
      'civil-affairs',
      'housing',
      'service-hall',
    ]);
  });

  it('answers 401 without a valid token and 400 naming a bad parameter', async () => {
    const { url, evaluator } = await seeded(adapter);
    const none = await api(url, 'GET', '/v1/scores?survey=department-evaluation&period=month');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="minyi"');
    const bad = await api(url, 'GET', '/v1/scores?survey=department-evaluation&period=month', {
      token: 'minyi_ev_nope',
    });
    expect(bad.status).toBe(401);
    for (const [query, path] of [
      ['survey=department-evaluation', 'period'],
      ['survey=department-evaluation&period=week', 'period'],
      ['period=month', 'survey'],
      ['survey=department-evaluation&period=month&from=2026-02-30', 'from'],
      ['survey=department-evaluation&period=month&to=yesterday', 'to'],
      ['survey=department-evaluation&period=month&from=2026-03-02&to=2026-03-01', 'to'],
      ['survey=department-evaluation&period=month&poststratify=yes', 'poststratify'],
      ['survey=department-evaluation&period=month&subject=housing', 'subject'],
      ['survey=department-evaluation&period=month&period=year', 'period'],
    ] as const) {
      const reply = await api(url, 'GET', `/v1/scores?${query}`, { token: evaluator });
      expect(reply.status, query).toBe(400);
      expect(
        (reply.json.issues as { path: string }[]).map((i) => i.path),
        query,
      ).toContain(path);
    }
  });

  it('refuses to post-stratify with 422 naming the groups without a share', async () => {
    const { url, storage, evaluator } = await seeded(adapter);
    await storage.putSurvey(WITH_SHARES);
    // Version 1 answers from residents and respected figures have shares; a visitor has none.
    const visitor = makeEvaluation({
      surveyVersion: 2,
      group: 'visitor',
      createdAt: '2026-03-07T09:00:00+08:00',
    });
    await postResponses(url, visitor);
    const refused = await api(
      url,
      'GET',
      '/v1/scores?survey=department-evaluation&period=month&poststratify=true',
      { token: evaluator },
    );
    expect(refused.status, refused.text).toBe(422);
    expect(refused.json.groups).toEqual(['visitor']);
    expect(refused.json.error).toContain('"visitor"');
    // Without the visitor's answer in range, the same request is scored.
    const scored = await api(
      url,
      'GET',
      '/v1/scores?survey=department-evaluation&period=month&poststratify=true&from=2026-03-31',
      { token: evaluator },
    );
    expect(scored.status, scored.text).toBe(200);
    expect(scored.json.survey).toMatchObject({ version: 2 });
    expect((scored.json.options as { poststratify: boolean }).poststratify).toBe(true);
  });

  it('uses the newest version and ignores answers to dimensions it no longer has', async () => {
    const { url, storage, evaluator } = await seeded(adapter);
    await storage.putSurvey({
      ...DEMO_EVALUATION,
      version: 2,
      dimensions: DEMO_EVALUATION.dimensions.filter((d) => d.id !== 'outcome'),
    });
    const reply = await api(url, 'GET', '/v1/scores?survey=department-evaluation&period=year', {
      token: evaluator,
    });
    expect(reply.status, reply.text).toBe(200);
    const cell = (reply.json.cells as (Cell & { dimensions: Record<string, unknown> })[])[0]!;
    expect(Object.keys(cell.dimensions).sort()).toEqual(['attitude', 'efficiency', 'openness']);
  });

  it('streams 20,000 responses page by page rather than loading them all', async () => {
    const collector = await startTestCollector({ adapter });
    const { storage, url } = collector;
    const subjects = ['civil-affairs', 'housing', 'service-hall'];
    const base = Date.parse('2026-01-01T00:00:00+08:00');
    for (let batch = 0; batch < 20; batch++) {
      const items = Array.from({ length: 1000 }, (_, i) => {
        const index = batch * 1000 + i;
        const response = makeEvaluation({
          id: randomUUID(),
          subject: subjects[index % 3],
          createdAt: new Date(base + index * 600_000).toISOString(),
          answers: {
            attitude: LEVELS[index % 5],
            efficiency: LEVELS[(index * 7) % 5],
            openness: 'N/A',
            outcome: LEVELS[(index * 3) % 5],
          },
        });
        return toNewResponse(response as never, response);
      });
      await storage.storeBatch(items);
    }
    // A spy between the route and the adapter: the rows are pulled one at a time, and the
    // adapter reads them in pages of a thousand.
    let pulled = 0;
    const pages: number[] = [];
    const original = storage.streamSurveyResponses.bind(storage);
    (storage as { streamSurveyResponses: typeof original }).streamSurveyResponses = (
      survey,
      filter,
      pageSize,
    ) => {
      pages.push(pageSize ?? 1000);
      return (async function* () {
        for await (const row of original(
          survey,
          filter,
          pageSize,
        ) as AsyncIterable<StoredResponse>) {
          pulled++;
          yield row;
        }
      })();
    };
    const token = await makeToken(storage, 'evaluator');
    const reply = await api(url, 'GET', '/v1/scores?survey=department-evaluation&period=month', {
      token,
    });
    expect(reply.status, reply.text.slice(0, 300)).toBe(200);
    expect(pulled).toBe(20_000);
    expect(pages).toEqual([1000]);
    const cells = reply.json.cells as Cell[];
    expect(cells.reduce((sum, c) => sum + c.n, 0)).toBe(20_000);
  }, 120_000);
});

describe.each(ADAPTERS)('streaming a survey for scores ($name)', (adapter) => {
  it('orders by subject then instant, and reads later pages only when asked', async () => {
    const { storage, url } = await startTestCollector({ adapter });
    const made = [
      makeEvaluation({ subject: 'housing', createdAt: '2026-03-01T10:00:00+08:00' }),
      makeEvaluation({ subject: 'civil-affairs', createdAt: '2026-03-01T03:00:00Z' }),
      makeEvaluation({ subject: 'civil-affairs', createdAt: '2026-03-01T10:30:00+08:00' }),
      makeEvaluation({ subject: 'housing', createdAt: '2026-03-01T01:00:00Z' }),
    ];
    await postResponses(url, ...made);
    const stream = storage.streamSurveyResponses('department-evaluation', {}, 2);
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect((first.value as StoredResponse).id).toBe(made[2]!.id);
    // Stored after the first page was read: a stream that had loaded everything would miss it.
    const late = makeEvaluation({
      subject: 'service-hall',
      createdAt: '2026-03-02T10:00:00+08:00',
    });
    await postResponses(url, late);
    const rest: string[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      rest.push(next.value.id);
    }
    expect(rest).toEqual([made[1]!.id, made[3]!.id, made[0]!.id, late.id]);
  });
});

describe('scores from an intranet page on another origin', () => {
  it('allow the Authorization header in the preflight of a configured origin', async () => {
    const { url } = await startTestCollector({ allowOrigins: ['https://intranet.example.gov.cn'] });
    const preflight = await fetch(`${url}/v1/scores?survey=department-evaluation&period=month`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://intranet.example.gov.cn',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(
      'https://intranet.example.gov.cn',
    );
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
    const other = await fetch(`${url}/v1/scores`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
