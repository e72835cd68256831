import { describe, expect, it } from 'vitest';
import {
  ADAPTERS,
  type Adapter,
  api,
  makeEvaluation,
  makeOpinion,
  makeResponse,
  makeToken,
  postResponses,
  startTestCollector,
} from './helpers.js';

async function seeded(adapter: Adapter) {
  const collector = await startTestCollector({ adapter });
  const responses = [
    makeResponse({ subject: 'portal/home', createdAt: '2026-03-01T09:00:00+08:00' }),
    makeEvaluation({ subject: 'housing', createdAt: '2026-03-05T09:00:00+08:00' }),
    makeEvaluation({
      subject: 'civil-affairs',
      createdAt: '2026-04-02T09:00:00+08:00',
      comment: '=HYPERLINK("http://evil.example/","点这里") 和 "引号", 逗号',
    }),
    makeEvaluation({ subject: 'civil-affairs', createdAt: '2026-02-27T23:30:00+08:00' }),
    makeOpinion({ createdAt: '2026-03-10T09:00:00+08:00', group: 'resident' }),
  ];
  const { results } = await postResponses(collector.url, ...responses);
  expect(results.every((r) => r.status === 'accepted')).toBe(true);
  const admin = await makeToken(collector.storage, 'admin');
  const evaluator = await makeToken(collector.storage, 'evaluator');
  return { ...collector, responses, admin, evaluator };
}

describe.each(ADAPTERS)('evaluator reads ($name)', (adapter) => {
  it('stream every response as a JSON array, as stored, in the order received', async () => {
    const { url, responses, evaluator } = await seeded(adapter);
    const reply = await api(url, 'GET', '/v1/responses', { token: evaluator });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const records = JSON.parse(reply.text) as { receivedAt: string; response: unknown }[];
    expect(records.map((r) => r.response)).toEqual(responses);
    expect(Date.parse(records[0]!.receivedAt)).not.toBeNaN();
  });

  it('filter by survey, subject and period; NDJSON and counts agree', async () => {
    const { url, responses, evaluator } = await seeded(adapter);
    const read = async (query: string) => {
      const reply = await api(url, 'GET', `/v1/responses?format=ndjson&${query}`, {
        token: evaluator,
      });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
      const lines = reply.text.split('\n').filter(Boolean);
      const count = await api(url, 'GET', `/v1/responses/count?${query}`, { token: evaluator });
      expect(count.json).toEqual({ count: lines.length });
      return lines.map((line) => (JSON.parse(line) as { response: { id: string } }).response.id);
    };
    const ids = (...indexes: number[]) => indexes.map((i) => responses[i]!.id);
    expect(await read('survey=department-evaluation')).toEqual(ids(1, 2, 3));
    expect(await read('survey=department-evaluation&subject=civil-affairs')).toEqual(ids(2, 3));
    // A bare date is a day in China Standard Time.
    expect(await read('from=2026-03-01&to=2026-04-01')).toEqual(ids(0, 1, 4));
    expect(await read('from=2026-02-27T15:30:00Z&to=2026-02-27T15:30:00.001Z')).toEqual(ids(3));
    expect(await read('survey=elevator-retrofit')).toEqual(ids(4));
    expect(await read('subject=nobody')).toEqual([]);
  });

  it('write CSV with a column per dimension and formulas neutralised', async () => {
    const { url, responses, evaluator } = await seeded(adapter);
    const reply = await api(url, 'GET', '/v1/responses?format=csv&survey=department-evaluation', {
      token: evaluator,
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toBe('attachment; filename="responses.csv"');
    expect(reply.text.startsWith('\uFEFF')).toBe(true);
    const lines = reply.text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'id,survey,surveyVersion,kind,subject,group,createdAt,receivedAt,locale,page,sdk,answers.attitude,answers.efficiency,answers.openness,answers.outcome,comment',
    );
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain(responses[2]!.id as string);
    expect(lines[2]).toMatch(
      /,satisfied,very-satisfied,basically-satisfied,N\/A,"'=HYPERLINK\(""http:\/\/evil\.example\/"",""点这里""\) 和 ""引号"", 逗号"$/,
    );
    const all = await api(url, 'GET', '/v1/responses?format=csv', { token: evaluator });
    expect(all.text.slice(1).split('\r\n')[0]).toBe(
      'id,survey,surveyVersion,kind,subject,group,createdAt,receivedAt,locale,page,sdk,answers,comment',
    );
    expect(all.text).toContain('"{""overall"":""satisfied""}"');
  });

  it('stream more responses than fit in one page', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const token = await makeToken(storage, 'evaluator');
    const batches = Array.from({ length: 12 }, () =>
      Array.from({ length: 100 }, () => makeResponse()),
    );
    for (const batch of batches) await postResponses(url, ...batch);
    const reply = await api(url, 'GET', '/v1/responses?survey=page-feedback', { token });
    const records = JSON.parse(reply.text) as { response: { id: string } }[];
    expect(records.map((r) => r.response.id)).toEqual(batches.flat().map((r) => r.id));
    const csv = await api(url, 'GET', '/v1/responses?format=csv', { token });
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(1201);
  });

  it('let a scoped token see only its surveys and subjects, and answer 404 for the rest', async () => {
    const { url, storage, responses } = await seeded(adapter);
    const token = await makeToken(storage, 'evaluator', {
      surveys: ['department-evaluation'],
      subjects: ['civil-affairs'],
    });
    const all = await api(url, 'GET', '/v1/responses', { token });
    expect(
      (JSON.parse(all.text) as { response: { id: string } }[]).map((r) => r.response.id),
    ).toEqual([responses[2]!.id, responses[3]!.id]);
    expect((await api(url, 'GET', '/v1/responses/count', { token })).json).toEqual({ count: 2 });
    for (const query of ['survey=page-feedback', 'subject=housing', 'survey=no-such-survey']) {
      for (const path of ['/v1/responses', '/v1/responses/count']) {
        const reply = await api(url, 'GET', `${path}?${query}`, { token });
        expect(reply.status, `${path}?${query}`).toBe(404);
        expect(reply.json.error).toMatch(/^unknown (survey|subject) "/);
      }
    }
    // Out of scope and not there at all look the same.
    const missing = await api(url, 'GET', '/v1/responses?survey=no-such-survey', { token });
    const hidden = await api(url, 'GET', '/v1/responses?survey=page-feedback', { token });
    expect(hidden.json.error).toBe('unknown survey "page-feedback"');
    expect(missing.json.error).toBe('unknown survey "no-such-survey"');
  });

  it('refuse unknown or malformed query parameters', async () => {
    const { url, evaluator } = await seeded(adapter);
    const reply = await api(url, 'GET', '/v1/responses?surevy=x&from=yesterday&format=xlsx', {
      token: evaluator,
    });
    expect(reply.status).toBe(400);
    expect((reply.json.issues as { path: string }[]).map((i) => i.path)).toEqual([
      'surevy',
      'from',
      'format',
    ]);
    const repeated = await api(url, 'GET', '/v1/responses/count?survey=a&survey=b', {
      token: evaluator,
    });
    expect(repeated.status).toBe(400);
  });
});
