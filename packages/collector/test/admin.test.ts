import { check, consultationTopicSchema } from '@minyi/schema';
import { describe, expect, it } from 'vitest';
import { DEMO_EVALUATION, DEMO_TOPIC } from '../src/index.js';
import {
  ADAPTERS,
  api,
  makeOpinion,
  makeToken,
  postResponses,
  startTestCollector,
} from './helpers.js';

const NEW_SURVEY = {
  id: 'hall-feedback',
  kind: 'satisfaction',
  title: { 'zh-Hans': '您对办事大厅满意吗？' },
  dimensions: [{ id: 'overall', label: { 'zh-Hans': '总体' }, scale: 'hcp5' }],
};

describe.each(ADAPTERS)('survey administration ($name)', (adapter) => {
  it('creates a survey as version 1, publishes new versions, and serves the newest', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const token = await makeToken(storage, 'admin');
    const created = await api(url, 'POST', '/v1/surveys', { token, body: NEW_SURVEY });
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/surveys/hall-feedback');
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.json).toEqual({ ...NEW_SURVEY, version: 1 });

    const again = await api(url, 'POST', '/v1/surveys', { token, body: NEW_SURVEY });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatch(/exists; publish a new version with PUT/);

    const changed = { ...NEW_SURVEY, period: 'month', title: { 'zh-Hans': '办事大厅评价' } };
    const v2 = await api(url, 'PUT', '/v1/surveys/hall-feedback', { token, body: changed });
    expect(v2.status).toBe(201);
    expect(v2.json.version).toBe(2);
    // Publishing the same content again (a deployment run twice) makes no version 3.
    const same = await api(url, 'PUT', '/v1/surveys/hall-feedback', { token, body: changed });
    expect(same.status).toBe(200);
    expect(same.json.version).toBe(2);
    const stale = await api(url, 'PUT', '/v1/surveys/hall-feedback', {
      token,
      body: { ...changed, version: 2, period: 'week' },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatch(/can only get version 3 now/);

    const served = await api(url, 'GET', '/v1/surveys/hall-feedback');
    expect(served.json).toMatchObject({ version: 2, period: 'month' });
    expect(served.headers.get('cache-control')).toBe('public, max-age=300');
    // Version 1 stays a valid target for answers made while it was current.
    const { results } = await postResponses(
      url,
      ...[1, 2].map((surveyVersion) => ({
        ...makeOpinion(),
        survey: 'hall-feedback',
        surveyVersion,
        kind: 'satisfaction',
        answers: { overall: 'satisfied' },
      })),
    );
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });

  it('refuses invalid definitions naming every path, and mismatched ids', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const token = await makeToken(storage, 'admin');
    const invalid = await api(url, 'POST', '/v1/surveys', {
      token,
      body: { ...NEW_SURVEY, kind: 'poll', title: {} },
    });
    expect(invalid.status).toBe(400);
    expect((invalid.json.issues as { path: string }[]).map((i) => i.path).sort()).toEqual([
      'kind',
      'title',
    ]);
    const scale = await api(url, 'POST', '/v1/surveys', {
      token,
      body: { ...NEW_SURVEY, dimensions: [{ id: 'x', label: { en: 'X' }, scale: 'hcp7' }] },
    });
    expect(scale.json.issues).toEqual([
      { path: 'dimensions[0].scale', message: expect.stringContaining('built-in scale') },
    ]);
    const zone = await api(url, 'POST', '/v1/surveys', {
      token,
      body: { ...NEW_SURVEY, timeZone: 'Nowhere/City' },
    });
    expect(zone.json.issues).toEqual([
      { path: 'timeZone', message: expect.stringContaining('IANA time zone') },
    ]);
    const wrongId = await api(url, 'PUT', '/v1/surveys/page-feedback', {
      token,
      body: { ...NEW_SURVEY },
    });
    expect(wrongId.status).toBe(400);
    expect(wrongId.json.issues).toEqual([{ path: 'id', message: 'expected "page-feedback"' }]);
    const unknown = await api(url, 'PUT', '/v1/surveys/nothing', { token, body: NEW_SURVEY });
    expect(unknown.status).toBe(404);
    for (const body of ['[]', 'not json', '{"__proto__": {"x": 1}}']) {
      const reply = await api(url, 'POST', '/v1/surveys', { token, body });
      expect(reply.status, body).toBe(400);
    }
    const form = await api(url, 'POST', '/v1/surveys', {
      token,
      body: JSON.stringify(NEW_SURVEY),
      headers: { 'content-type': 'text/plain' },
    });
    expect(form.status).toBe(415);
  });

  it('retires a survey: no longer served, no more answers, no new versions', async () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const { url, storage } = await startTestCollector({ adapter, now: () => now });
    const token = await makeToken(storage, 'admin');
    const retired = await api(url, 'POST', '/v1/surveys/department-evaluation/retire', { token });
    expect(retired.status).toBe(200);
    expect(retired.json).toEqual({ id: 'department-evaluation', retiredAt: now.toISOString() });
    const twice = await api(url, 'POST', '/v1/surveys/department-evaluation/retire', { token });
    expect(twice.json).toEqual(retired.json);
    expect((await api(url, 'GET', '/v1/surveys/department-evaluation')).status).toBe(404);
    const update = await api(url, 'PUT', '/v1/surveys/department-evaluation', {
      token,
      body: DEMO_EVALUATION,
    });
    expect(update.status).toBe(409);
    expect((await api(url, 'POST', '/v1/surveys/nothing/retire', { token })).status).toBe(404);
  });
});

describe.each(ADAPTERS)('consultation administration ($name)', (adapter) => {
  const TOPIC = {
    id: 'park-renovation',
    title: { 'zh-Hans': '社区公园改造方案' },
    options: [
      { id: 'plan-a', label: { 'zh-Hans': '方案一' } },
      { id: 'plan-b', label: { 'zh-Hans': '方案二' } },
    ],
    askGroup: 'optional',
    groups: [
      { id: 'resident', label: { 'zh-Hans': '居民' }, weight: 1 },
      { id: 'resident-representative', label: { 'zh-Hans': '居民代表' }, weight: 3 },
    ],
  };

  it('runs a topic from draft to published outcome with the tally (公示)', async () => {
    let now = new Date('2026-03-01T00:00:00Z');
    const { url, storage } = await startTestCollector({ adapter, now: () => now });
    const token = await makeToken(storage, 'admin');
    const created = await api(url, 'POST', '/v1/consultations', { token, body: TOPIC });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toEqual({ ...TOPIC, version: 1, status: 'draft' });
    // A draft is not public, and takes no answers.
    expect((await api(url, 'GET', '/v1/consultations/park-renovation')).status).toBe(404);
    const opinion = (position: string, group?: string) => ({
      ...makeOpinion({ survey: 'park-renovation', subject: 'park-renovation' }),
      answers: { position },
      ...(group ? { group } : {}),
    });
    const early = await postResponses(url, opinion('plan-a'));
    expect(early.results[0]?.error).toMatch(/the consultation is not open/);

    const skip = await api(url, 'POST', '/v1/consultations/park-renovation/status', {
      token,
      body: { status: 'closed' },
    });
    expect(skip.status).toBe(409);
    expect(skip.json.error).toBe('a draft consultation can only move to "open", not "closed"');
    const opened = await api(url, 'POST', '/v1/consultations/park-renovation/status', {
      token,
      body: { status: 'open' },
    });
    expect(opened.json.status).toBe('open');

    const edited = await api(url, 'PUT', '/v1/consultations/park-renovation', {
      token,
      body: { ...TOPIC, description: { 'zh-Hans': '增加了方案说明。' } },
    });
    expect(edited.status).toBe(201);
    expect(edited.json).toMatchObject({ version: 2, status: 'open' });
    const statusInEdit = await api(url, 'PUT', '/v1/consultations/park-renovation', {
      token,
      body: { ...TOPIC, status: 'closed' },
    });
    expect(statusInEdit.status).toBe(400);

    const served = await api(url, 'GET', '/v1/consultations/park-renovation');
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toBe('public, max-age=300');
    expect(check(consultationTopicSchema, served.json).ok).toBe(true);
    const cached = await api(url, 'GET', '/v1/consultations/park-renovation', {
      headers: { 'if-none-match': served.headers.get('etag')! },
    });
    expect(cached.status).toBe(304);

    const answers = await postResponses(
      url,
      opinion('plan-a', 'resident'),
      opinion('plan-a', 'resident-representative'),
      opinion('plan-b', 'resident'),
      opinion('plan-b'),
      { ...opinion('plan-b'), surveyVersion: 1 },
    );
    expect(answers.results.every((r) => r.status === 'accepted')).toBe(true);

    now = new Date('2026-03-20T00:00:00Z');
    await api(url, 'POST', '/v1/consultations/park-renovation/status', {
      token,
      body: { status: 'closed' },
    });
    const late = await postResponses(url, opinion('plan-a'));
    expect(late.results[0]?.error).toBe(
      'responses[0].survey: the consultation is not open: it is closed',
    );
    const noText = await api(url, 'POST', '/v1/consultations/park-renovation/status', {
      token,
      body: { status: 'published' },
    });
    expect(noText.status).toBe(400);
    expect(noText.json.issues).toEqual([{ path: 'outcome.text', message: expect.any(String) }]);

    const published = await api(url, 'POST', '/v1/consultations/park-renovation/status', {
      token,
      body: { status: 'published', outcome: { text: { 'zh-Hans': '采纳方案二。' } } },
    });
    expect(published.status, published.text).toBe(200);
    expect(published.json).toMatchObject({
      status: 'published',
      version: 2,
      outcome: {
        text: { 'zh-Hans': '采纳方案二。' },
        publishedAt: now.toISOString(),
        tally: {
          byOption: { 'plan-a': 2, 'plan-b': 3 },
          byGroup: {
            resident: { 'plan-a': 1, 'plan-b': 1 },
            'resident-representative': { 'plan-a': 1 },
          },
          weighted: { 'plan-a': 4, 'plan-b': 3 },
        },
      },
    });
    const publicView = await api(url, 'GET', '/v1/consultations/park-renovation');
    expect(publicView.json).toEqual(published.json);
    const frozen = await api(url, 'PUT', '/v1/consultations/park-renovation', {
      token,
      body: TOPIC,
    });
    expect(frozen.status).toBe(409);
    const further = await api(url, 'POST', '/v1/consultations/park-renovation/status', {
      token,
      body: { status: 'open' },
    });
    expect(further.json.error).toBe('a published consultation does not change status any more');
  });

  it('refuses invalid topics, duplicates and unknown ids', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const token = await makeToken(storage, 'admin');
    const invalid = await api(url, 'POST', '/v1/consultations', {
      token,
      body: { ...TOPIC, options: [{ id: 'only', label: { en: 'Only' } }], opensAt: 'soon' },
    });
    expect(invalid.status).toBe(400);
    expect((invalid.json.issues as { path: string }[]).map((i) => i.path).sort()).toEqual([
      'opensAt',
      'options',
    ]);
    const backwards = await api(url, 'POST', '/v1/consultations', {
      token,
      body: { ...TOPIC, opensAt: '2026-03-02T00:00:00Z', closesAt: '2026-03-01T00:00:00Z' },
    });
    expect(backwards.json.issues).toEqual([
      { path: 'closesAt', message: 'expected a time after "opensAt"' },
    ]);
    const published = await api(url, 'POST', '/v1/consultations', {
      token,
      body: { ...TOPIC, status: 'published' },
    });
    expect(published.status).toBe(400);
    const exists = await api(url, 'POST', '/v1/consultations', { token, body: DEMO_TOPIC });
    expect(exists.status).toBe(409);
    expect(
      (await api(url, 'PUT', '/v1/consultations/nothing', { token, body: TOPIC })).status,
    ).toBe(404);
    expect(
      (
        await api(url, 'POST', '/v1/consultations/nothing/status', {
          token,
          body: { status: 'open' },
        })
      ).status,
    ).toBe(404);
    const extra = await api(url, 'POST', '/v1/consultations/elevator-retrofit/status', {
      token,
      body: { status: 'closed', outcome: { text: { en: 'x' } } },
    });
    expect(extra.status).toBe(400);
  });

  it('serves the demo topic the consultation widget shows', async () => {
    const { url } = await startTestCollector({ adapter });
    const reply = await api(url, 'GET', '/v1/consultations/elevator-retrofit');
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ ...DEMO_TOPIC, status: 'open' });
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await api(url, 'GET', '/v1/consultations/nothing')).json).toEqual({
      error: 'unknown consultation "nothing"',
    });
  });
});
