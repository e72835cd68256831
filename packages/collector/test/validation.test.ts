import { describe, expect, it } from 'vitest';
import { DEMO_EVALUATION, DEMO_TOPIC } from '../src/index.js';
import {
  ADAPTERS,
  makeEvaluation,
  makeOpinion,
  makeResponse,
  post,
  postResponses,
  startTestCollector,
} from './helpers.js';

const DEVICE = 'device_0123456789abcdef';

describe.each(ADAPTERS)('responses are checked against what they name ($name)', (adapter) => {
  it('rejects each broken rule of an evaluation by path, and stores the rest of the batch', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const good = makeEvaluation();
    const { results } = await postResponses(
      url,
      good,
      makeEvaluation({ surveyVersion: 7 }),
      makeEvaluation({ answers: { ...(good.answers as object), attitude: 'great' } }),
      makeEvaluation({ answers: { attitude: 'satisfied' } }),
      makeEvaluation({ subject: 'zoo' }),
      makeEvaluation({ group: undefined }),
      makeEvaluation({ group: 'martian' }),
      makeEvaluation({ comment: 'x'.repeat(501) }),
      makeEvaluation({ kind: 'satisfaction' }),
      makeResponse({ answers: { overall: 'N/A' } }),
    );
    expect(results.map((r) => r.status)).toEqual([
      'accepted',
      ...Array.from({ length: 9 }, () => 'rejected'),
    ]);
    expect(results.slice(1).map((r) => r.error)).toEqual([
      'responses[1].surveyVersion: survey "department-evaluation" has no version 7 on this collector',
      'responses[2].answers.attitude: expected one of very-dissatisfied, dissatisfied, basically-satisfied, satisfied, very-satisfied, N/A',
      'responses[3].answers.efficiency: an answer is required; responses[3].answers.openness: an answer is required; responses[3].answers.outcome: an answer is required',
      'responses[4].subject: expected one of civil-affairs, housing, service-hall',
      'responses[5].group: a respondent group is required',
      expect.stringMatching(/^responses\[6\]\.group: expected one of party-organisation, /),
      'responses[7].comment: expected at most 500 characters',
      'responses[8].kind: expected "evaluation", the kind of survey "department-evaluation"',
      'responses[9].answers.overall: "N/A" is not offered for this dimension',
    ]);
    expect((await storage.listResponses()).map((r) => r.id)).toEqual([good.id]);
  });

  it('scrubs ID numbers, phone numbers and e-mail addresses from comments before storing', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const response = makeResponse({
      comment: '身份证 11010519491231002X，电话 +86 138-0013-8000，邮箱 zhang.san@example.com。',
    });
    const first = await postResponses(url, response);
    expect(first.results[0]?.status).toBe('accepted');
    const [stored] = await storage.listResponses();
    expect(JSON.parse(stored!.json).comment).toBe(
      '身份证 [已隐去]，电话 [已隐去]，邮箱 [已隐去]。',
    );
    expect(stored!.json).not.toContain('13800138000');
    // The same response again is still recognised as a retry.
    const again = await postResponses(url, response);
    expect(again.results[0]).toEqual({ ...first.results[0], status: 'duplicate' });
  });

  it('takes one answer per device, subject and month, counted in Asia/Shanghai', async () => {
    const now = new Date('2026-04-01T01:00:00+08:00'); // still March 31st in UTC
    const { url, storage } = await startTestCollector({ adapter, now: () => now });
    const envelope = (...responses: unknown[]) => ({ responses, device: DEVICE });
    const march = makeEvaluation({ createdAt: '2026-03-31T23:59:00+08:00' });
    const first = await post(url, envelope(march));
    expect(first.json.results?.[0]?.status).toBe('accepted');

    const second = await post(
      url,
      envelope(
        makeEvaluation({ createdAt: '2026-03-02T09:00:00+08:00' }),
        makeEvaluation({ subject: 'housing', createdAt: '2026-03-02T09:00:00+08:00' }),
        makeEvaluation({ createdAt: '2026-04-01T00:30:00+08:00' }),
        // Older than an outbox keeps answers: counted when received, in April, already taken.
        makeEvaluation({ createdAt: '2025-01-01T09:00:00+08:00' }),
      ),
    );
    expect(second.json.results?.map((r) => r.status)).toEqual([
      'rejected',
      'accepted',
      'accepted',
      'rejected',
    ]);
    expect(second.json.results?.[0]?.error).toBe(
      'responses[0].subject: this device already answered survey "department-evaluation" about "civil-affairs" this month (2026-03); the survey takes one answer per device and subject each month',
    );
    expect(second.json.results?.[3]?.error).toContain('this month (2026-04)');
    // A retry of the stored answer is a duplicate, not a second answer.
    const retry = await post(url, envelope(march));
    expect(retry.json.results?.[0]?.status).toBe('duplicate');
    // Another device, or none (pages that post without the widgets), is not capped by this one.
    const other = await post(url, { responses: [makeEvaluation()], device: 'another-device-01' });
    expect(other.json.results?.[0]?.status).toBe('accepted');
    expect((await postResponses(url, makeEvaluation())).results[0]?.status).toBe('accepted');
    // Surveys without a period take any number of answers from one device.
    const pages = await post(url, envelope(makeResponse(), makeResponse()));
    expect(pages.json.results?.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(await storage.countResponses()).toBe(7);
  });

  it('rejects a createdAt that names no instant, such as a leap second', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const { results } = await postResponses(
      url,
      makeResponse({ createdAt: '2016-12-31T23:59:60Z' }),
      makeResponse(),
    );
    expect(results.map((r) => r.error ?? r.status)).toEqual([
      'responses[0].createdAt: expected a date and time that exists',
      'accepted',
    ]);
    expect(await storage.countResponses()).toBe(1);
  });

  it('refuses a bad device key for the whole request', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const reply = await post(url, { responses: [makeResponse()], device: 'no' });
    expect(reply.status).toBe(400);
    expect(reply.json.issues).toEqual([
      { path: 'device', message: 'expected a device key of 8 to 64 letters, digits, "_" or "-"' },
    ]);
    expect(await storage.countResponses()).toBe(0);
  });

  it('takes no more answers for a retired survey', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    await storage.retireSurvey('department-evaluation', '2026-03-01T00:00:00.000Z');
    const { results } = await postResponses(url, makeEvaluation());
    expect(results[0]?.error).toBe(
      'responses[0].survey: survey "department-evaluation" was retired at 2026-03-01T00:00:00.000Z and takes no more answers',
    );
  });

  it('checks opinions against the consultation topic and takes them only while it is open', async () => {
    let now = new Date('2026-03-01T00:00:00Z');
    const { url, storage } = await startTestCollector({ adapter, now: () => now });
    const { results } = await postResponses(
      url,
      makeOpinion({ comment: '建议优先考虑低楼层住户的意见' }),
      makeOpinion({ answers: { position: 'maybe' } }),
      makeOpinion({ surveyVersion: 2 }),
      makeOpinion({ group: 'respected-figure', comment: '意'.repeat(2001) }),
    );
    expect(results.map((r) => r.error ?? r.status)).toEqual([
      'accepted',
      'responses[1].answers.position: expected one of support, oppose, neutral',
      'responses[2].surveyVersion: consultation "elevator-retrofit" has no version 2 on this collector',
      'responses[3].comment: expected at most 2000 characters',
    ]);

    // An edit makes version 2; answers queued against version 1 are still taken while open.
    await storage.addTopicVersion(
      { ...DEMO_TOPIC, closesAt: '2026-03-10T00:00:00+08:00' },
      1,
      'open',
      now.toISOString(),
    );
    const both = await postResponses(url, makeOpinion(), makeOpinion({ surveyVersion: 2 }));
    expect(both.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);

    // Past the current version's closing time nothing is taken, whatever version it names.
    now = new Date('2026-03-10T00:00:00+08:00');
    const late = await postResponses(url, makeOpinion(), makeOpinion({ surveyVersion: 2 }));
    expect(late.results.map((r) => r.error)).toEqual([
      'responses[0].survey: the consultation is not open: it closed at 2026-03-10T00:00:00+08:00',
      'responses[1].survey: the consultation is not open: it closed at 2026-03-10T00:00:00+08:00',
    ]);
    expect(await storage.countResponses()).toBe(3);
  });

  it('treats responses of another kind to a survey id that is also a topic by the survey', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    await storage.putSurvey({ ...DEMO_EVALUATION, id: 'elevator-retrofit' });
    const { results } = await postResponses(
      url,
      makeEvaluation({ survey: 'elevator-retrofit' }),
      makeOpinion(),
    );
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });
});
