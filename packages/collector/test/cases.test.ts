import {
  caseListSchema,
  check,
  type FollowUpCase,
  followUpCaseSchema,
  receiptViewSchema,
} from '@minyi/schema';
import { describe, expect, it } from 'vitest';
import { parseWorkCalendar } from '../src/work-calendar.js';
import {
  ADAPTERS,
  api,
  makeEvaluation,
  makeResponse,
  makeToken,
  postResponses,
  startTestCollector,
} from './helpers.js';

/** A clock the test moves: deadlines pass without waiting for them. */
function testClock(start = '2026-11-27T10:00:00+08:00') {
  let ms = Date.parse(start);
  return {
    now: () => new Date(ms),
    advanceDays(days: number) {
      ms += days * 86_400_000;
    },
  };
}

const LOW = { answers: { overall: 'very-dissatisfied' }, comment: '排队两个小时，窗口只开了一个' };

async function setUp(adapter: (typeof ADAPTERS)[number]) {
  const clock = testClock();
  const collector = await startTestCollector({ adapter, now: clock.now });
  const evaluator = await makeToken(collector.storage, 'evaluator');
  return { collector, clock, evaluator };
}

function asCase(json: unknown): FollowUpCase {
  const checked = check(followUpCaseSchema, json);
  if (!checked.ok) throw new Error(`not a case: ${JSON.stringify(checked.issues)}`);
  return checked.value;
}

describe.each(ADAPTERS)('follow-up cases ($name)', (adapter) => {
  it('opens one case for a low rating, also when the answer is sent again', async () => {
    const { collector, evaluator } = await setUp(adapter);
    const low = makeResponse(LOW);
    const first = await postResponses(collector.url, low, makeResponse());
    const again = await postResponses(collector.url, low);
    expect(first.results.map((result) => result.status)).toEqual(['accepted', 'accepted']);
    expect(again.results[0]).toMatchObject({ status: 'duplicate' });

    const listed = await api(collector.url, 'GET', '/v1/cases?survey=page-feedback', {
      token: evaluator,
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('cache-control')).toBe('no-store');
    expect(check(caseListSchema, listed.json).ok).toBe(true);
    const cases = listed.json.cases as FollowUpCase[];
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      survey: 'page-feedback',
      surveyVersion: 1,
      subject: 'portal/home',
      status: 'open',
      reasons: [{ type: 'rating', dimension: 'overall', answer: 'very-dissatisfied' }],
      // Friday 27 November in Beijing + 15 working days: the end of Friday 18 December.
      deadline: '2026-12-18T16:00:00.000Z',
      overdue: false,
      response: { id: low.id, comment: LOW.comment },
    });
    expect(listed.json.counts).toEqual({ open: 1, assigned: 0, replied: 0, closed: 0, overdue: 0 });
  });

  it('is worked from open to closed, each move logged with its token', async () => {
    const { collector, evaluator } = await setUp(adapter);
    const { results } = await postResponses(collector.url, makeResponse(LOW));
    const receipt = results[0]!.receipt!;
    const listed = await api(collector.url, 'GET', '/v1/cases', { token: evaluator });
    const id = (listed.json.cases as FollowUpCase[])[0]!.id;
    const tokenId = (await collector.storage.listTokens())[0]!.id;

    const early = await api(collector.url, 'POST', `/v1/cases/${id}/close`, {
      token: evaluator,
      body: {},
    });
    expect(early.status).toBe(409);
    expect(early.json.error).toBe(`case "${id}" is open; only a replied case can be closed`);

    const assigned = await api(collector.url, 'POST', `/v1/cases/${id}/assign`, {
      token: evaluator,
      body: { assignee: '政务服务中心综合窗口' },
    });
    expect(assigned.status).toBe(200);
    expect(asCase(assigned.json)).toMatchObject({
      status: 'assigned',
      assignee: '政务服务中心综合窗口',
    });

    const text = '已增加午间窗口，感谢您的反馈。<b>不是标记</b>';
    const replied = await api(collector.url, 'POST', `/v1/cases/${id}/reply`, {
      token: evaluator,
      body: { text },
    });
    expect(asCase(replied.json)).toMatchObject({ status: 'replied', reply: { text } });
    const twice = await api(collector.url, 'POST', `/v1/cases/${id}/reply`, {
      token: evaluator,
      body: { text: '再答一次' },
    });
    expect(twice.status).toBe(409);

    // The resident sees the reply through the receipt, and nothing meant for evaluators.
    const view = await api(collector.url, 'GET', `/v1/receipts/${receipt}`);
    expect(check(receiptViewSchema, view.json).ok).toBe(true);
    expect(view.json.followUp).toEqual({
      id,
      status: 'replied',
      reply: { text, repliedAt: expect.any(String) },
      rating: { survey: 'follow-up-rating', subject: `case:${id}` },
    });
    expect(view.text).not.toContain('综合窗口');
    expect(view.text).not.toContain(tokenId);

    const closed = await api(collector.url, 'POST', `/v1/cases/${id}/close`, {
      token: evaluator,
      body: { note: '窗口已调整' },
    });
    const done = asCase(closed.json);
    expect(done.status).toBe('closed');
    expect(done.events?.map((event) => [event.action, event.by.type, event.detail])).toEqual([
      ['opened', 'collector', undefined],
      ['assigned', 'token', '政务服务中心综合窗口'],
      ['replied', 'token', text],
      ['closed', 'token', '窗口已调整'],
    ]);
    expect(done.events?.[1]?.by.id).toBe(tokenId);
    const closedView = await api(collector.url, 'GET', `/v1/receipts/${receipt}`);
    expect(closedView.json.followUp).toMatchObject({ status: 'closed', reply: { text } });
    expect(closedView.text).not.toContain('窗口已调整');
  });

  it('takes one rating of the reply, and only once there is a reply', async () => {
    const { collector, evaluator } = await setUp(adapter);
    await postResponses(collector.url, makeResponse(LOW));
    const id = (
      (await api(collector.url, 'GET', '/v1/cases', { token: evaluator })).json
        .cases as FollowUpCase[]
    )[0]!.id;
    const rating = (subject: string) =>
      makeResponse({ survey: 'follow-up-rating', subject, answers: { reply: 'satisfied' } });

    const tooEarly = await postResponses(collector.url, rating(`case:${id}`));
    expect(tooEarly.results[0]).toMatchObject({
      status: 'rejected',
      error:
        'responses[0].subject: expected "case:" and the id of a follow-up case that has a reply',
    });
    await api(collector.url, 'POST', `/v1/cases/${id}/reply`, {
      token: evaluator,
      body: { text: '已整改' },
    });
    const first = rating(`case:${id}`);
    const unknown = rating(`case:c${'2'.repeat(16)}`);
    const { results } = await postResponses(collector.url, first, unknown);
    expect(results[0]).toMatchObject({ status: 'accepted' });
    expect(results[1]).toMatchObject({ status: 'rejected' });
    const retry = await postResponses(collector.url, first);
    expect(retry.results[0]).toMatchObject({ status: 'duplicate' });
    const second = await postResponses(collector.url, rating(`case:${id}`));
    expect(second.results[0]).toMatchObject({
      status: 'rejected',
      error: 'responses[0].subject: the reply to this case was already rated',
    });

    const read = asCase(
      (await api(collector.url, 'GET', `/v1/cases/${id}`, { token: evaluator })).json,
    );
    expect(read.rating?.response).toMatchObject({ id: first.id, answers: { reply: 'satisfied' } });
    expect(read.events?.at(-1)).toMatchObject({ action: 'rated', by: { type: 'resident' } });
    // Rating a reply opens no case of its own, however low.
    expect((await collector.storage.countCases({ nowMs: Date.now() })).open).toBe(0);
  });

  it('flags a case overdue once its deadline passes without a reply', async () => {
    const { collector, clock, evaluator } = await setUp(adapter);
    await postResponses(
      collector.url,
      makeResponse(LOW),
      makeResponse({ ...LOW, subject: 'portal/tax' }),
    );
    const ids = (
      (await api(collector.url, 'GET', '/v1/cases', { token: evaluator })).json
        .cases as FollowUpCase[]
    ).map((item) => item.id);
    await api(collector.url, 'POST', `/v1/cases/${ids[1]}/reply`, {
      token: evaluator,
      body: { text: '已答复' },
    });
    // Fifteen working days from Friday 27 November end with Friday 18 December.
    clock.advanceDays(21);
    const onTheDay = await api(collector.url, 'GET', '/v1/cases?overdue=true', {
      token: evaluator,
    });
    expect(onTheDay.json.cases).toEqual([]);
    clock.advanceDays(1);
    const overdue = await api(collector.url, 'GET', '/v1/cases?overdue=true', { token: evaluator });
    expect((overdue.json.cases as FollowUpCase[]).map((item) => [item.id, item.overdue])).toEqual([
      [ids[0], true],
    ]);
    expect(overdue.json.counts).toMatchObject({ open: 1, replied: 1, overdue: 1 });
    const others = await api(collector.url, 'GET', '/v1/cases?overdue=false', { token: evaluator });
    expect((others.json.cases as FollowUpCase[]).map((item) => item.id)).toEqual([ids[1]]);
  });

  it('pages and filters, and refuses a query it cannot read', async () => {
    const { collector, evaluator } = await setUp(adapter);
    await postResponses(
      collector.url,
      ...Array.from({ length: 5 }, (_, k) => makeResponse({ ...LOW, subject: `portal/${k}` })),
    );
    const seen: string[] = [];
    let path = '/v1/cases?limit=2&status=open,assigned';
    for (let pages = 0; pages < 5; pages++) {
      const page = await api(collector.url, 'GET', path, { token: evaluator });
      const cases = page.json.cases as FollowUpCase[];
      seen.push(...cases.map((item) => item.subject));
      if (page.json.next === undefined) break;
      path = `/v1/cases?limit=2&status=open,assigned&after=${page.json.next as string}`;
    }
    expect(seen).toEqual(['portal/0', 'portal/1', 'portal/2', 'portal/3', 'portal/4']);
    const subject = await api(collector.url, 'GET', '/v1/cases?subject=portal%2F3', {
      token: evaluator,
    });
    expect((subject.json.cases as FollowUpCase[]).map((item) => item.subject)).toEqual([
      'portal/3',
    ]);
    const bad = await api(collector.url, 'GET', '/v1/cases?status=done&limit=0&sort=deadline', {
      token: evaluator,
    });
    expect(bad.status).toBe(400);
    expect((bad.json.issues as { path: string }[]).map((issue) => issue.path)).toEqual([
      'sort',
      'status',
      'limit',
    ]);
  });

  it('shows a scoped token only its cases, and needs a token at all', async () => {
    const { collector } = await setUp(adapter);
    await postResponses(
      collector.url,
      makeResponse(LOW),
      makeEvaluation({
        answers: {
          attitude: 'dissatisfied',
          efficiency: 'satisfied',
          openness: 'satisfied',
          outcome: 'N/A',
        },
        comment: '态度不好',
      }),
    ).then(({ results }) =>
      expect(results.map((result) => result.status)).toEqual(['accepted', 'accepted']),
    );
    const scoped = await makeToken(collector.storage, 'evaluator', {
      surveys: ['department-evaluation'],
    });
    const listed = await api(collector.url, 'GET', '/v1/cases', { token: scoped });
    const cases = listed.json.cases as FollowUpCase[];
    expect(cases.map((item) => item.survey)).toEqual(['department-evaluation']);
    expect(listed.json.counts).toMatchObject({ open: 1 });
    const admin = await makeToken(collector.storage, 'admin');
    const all = await api(collector.url, 'GET', '/v1/cases', { token: admin });
    const other = (all.json.cases as FollowUpCase[]).find(
      (item) => item.survey === 'page-feedback',
    )!;
    for (const [method, path] of [
      ['GET', `/v1/cases/${other.id}`],
      ['POST', `/v1/cases/${other.id}/assign`],
      ['GET', '/v1/cases?survey=page-feedback'],
    ] as const) {
      const answer = await api(collector.url, method, path, {
        token: scoped,
        ...(method === 'POST' ? { body: { assignee: '某科室' } } : {}),
      });
      expect(answer.status, path).toBe(404);
    }
    expect((await api(collector.url, 'GET', '/v1/cases')).status).toBe(401);
    const bad = await api(collector.url, 'POST', `/v1/cases/${cases[0]!.id}/assign`, {
      token: scoped,
      body: { assignee: '', owner: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toEqual([
      { path: 'owner', message: 'unknown field; expected "assignee"' },
      { path: 'assignee', message: 'expected text of 1 to 200 characters' },
    ]);
  });

  it('counts the working days of the calendar it is given', async () => {
    const clock = testClock('2026-09-25T10:00:00+08:00');
    const calendar = parseWorkCalendar({
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
      workdays: ['2026-09-27', '2026-10-10'],
    });
    if (!calendar.ok) throw new Error('the test calendar is invalid');
    const collector = await startTestCollector({
      adapter,
      now: clock.now,
      calendar: calendar.calendar,
    });
    const evaluator = await makeToken(collector.storage, 'evaluator');
    await postResponses(collector.url, makeResponse(LOW));
    const listed = await api(collector.url, 'GET', '/v1/cases', { token: evaluator });
    // Fifteen working days from Friday 25 September, past the National Day week: Wednesday 21
    // October (Friday 16 October without the calendar).
    expect((listed.json.cases as FollowUpCase[])[0]?.deadline).toBe('2026-10-21T16:00:00.000Z');
  });

  it('follows the survey policy: opens nothing when follow-up is off', async () => {
    const { collector, evaluator } = await setUp(adapter);
    const admin = await makeToken(collector.storage, 'admin');
    const put = await api(collector.url, 'POST', '/v1/surveys', {
      token: admin,
      body: {
        id: 'quiet',
        version: 1,
        kind: 'satisfaction',
        title: { 'zh-Hans': '无需回访' },
        dimensions: [{ id: 'overall', label: { 'zh-Hans': '满意吗' }, scale: 'hcp5' }],
        followUp: { enabled: false },
      },
    });
    expect(put.status).toBe(201);
    await postResponses(
      collector.url,
      makeResponse({ survey: 'quiet', answers: { overall: 'very-dissatisfied' } }),
    );
    const listed = await api(collector.url, 'GET', '/v1/cases?survey=quiet', { token: evaluator });
    expect(listed.json.cases).toEqual([]);
  });
});
