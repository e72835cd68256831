import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { expect } from 'chai';
import { bypass, HttpResponse, http } from 'msw';
import {
  type CaseChangedEventDetail,
  type CasesErrorEventDetail,
  type CasesLoadedEventDetail,
  defineElements,
  type MinyiCases,
} from '../../src/index.js';
import {
  caseText,
  collectorCall,
  collectorToken,
  freshSubject,
  listed,
  logRows,
  mountCases,
  openRow,
  pageFeedback,
  postResponses,
  replyRating,
  rows,
  signIn,
  submit,
} from './cases-helpers.js';
import { $, expectAccessible, faultWorker, nextEvent, shadow, textOf, waitFor } from './helpers.js';

defineElements();

// The cases below are opened, listed and worked on the real collector behind /collector/. msw only
// injects what a healthy collector cannot be made to do on demand: failures, malformed answers,
// and the passing of a deadline.
const worker = faultWorker();
const requests: Request[] = [];
before(() => {
  worker.events.on('request:start', ({ request }) => {
    if (new URL(request.url).pathname.startsWith('/collector/v1/cases')) {
      requests.push(request.clone());
    }
  });
});
/** Lets a held request go, so that no request outlives its test. */
let release = () => {};
afterEach(async () => {
  release();
  worker.resetHandlers();
  requests.length = 0;
  document.body.replaceChildren();
  sessionStorage.clear();
  await setViewport({ width: 800, height: 600 });
  await emulateMedia({ forcedColors: 'none' });
});

/** The requests this test's element made: a request of an earlier test may still be arriving. */
const requestsFor = (subject: string) =>
  requests.filter((request) => new URL(request.url).searchParams.get('subject') === subject);

const QUESTION = '您对本页面的内容和服务满意吗？';

/** A page of its own with `answers` on it (level ids of page-feedback), and a token for it. */
async function casesFor(
  ...answers: Array<[overall: string, comment?: string]>
): Promise<{ subject: string; token: string }> {
  const subject = freshSubject();
  await postResponses(answers.map(([overall, comment]) => pageFeedback(subject, overall, comment)));
  const token = await collectorToken({ surveys: ['page-feedback'], note: '区政务办' });
  return { subject, token };
}

async function mounted(subject: string, token: string, attributes: Record<string, string> = {}) {
  const element = await mountCases({ survey: 'page-feedback', subject, ...attributes });
  await listed(element, token);
  return element;
}

const counts = (element: MinyiCases) =>
  [...shadow(element).querySelectorAll('[part=counts] div')].map((item) =>
    (item.textContent ?? '').replace(/\s+/g, ''),
  );

describe('<minyi-cases>: the cases bad ratings opened', () => {
  it('lists them oldest first with counts, reasons in words and deadlines; good ratings open none', async () => {
    const { subject, token } = await casesFor(
      ['very-dissatisfied', '排队两个小时'],
      ['satisfied'],
      ['dissatisfied'],
    );
    const element = await mountCases({ survey: 'page-feedback', subject });
    const loaded = nextEvent<CasesLoadedEventDetail>(element, 'minyi-cases-loaded');
    await signIn(element, token);
    const { detail } = await loaded;
    expect(detail).to.deep.include({
      survey: 'page-feedback',
      subject,
      status: null,
      overdue: false,
      cases: 2,
      more: false,
    });
    expect(detail.counts).to.deep.equal({
      open: 2,
      assigned: 0,
      replied: 0,
      closed: 0,
      overdue: 0,
    });
    await waitFor(() => (rows(element)[1]?.[2] ?? '').includes(QUESTION), 'the survey’s labels');
    const table = rows(element);
    expect(table[0]).to.deep.equal(['受理日期', '评价对象', '差评原因', '状态', '办理期限']);
    expect(table.slice(1).map((row) => row.slice(1, 4))).to.deep.equal([
      [subject, `${QUESTION}：非常不满意`, '待处理'],
      [subject, `${QUESTION}：不满意`, '待处理'],
    ]);
    const today = new Intl.DateTimeFormat('zh-Hans-CN', { dateStyle: 'medium' }).format(new Date());
    expect(table[1]![0]).to.equal(today);
    expect(table[1]![4]).to.match(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(table[1]![4]).not.to.contain('逾期');
    expect(counts(element)).to.deep.equal(['待处理2', '已交办0', '已答复0', '已办结0', '逾期0']);
    expect(textOf(element, '#status')).to.equal('已显示 2 件案件。');
    expect(shadow(element).querySelector('button[part=more]')).to.equal(null);
  });

  it('asks the collector with the token in a header only, and the filters in the query', async () => {
    const { subject, token } = await casesFor(['very-dissatisfied']);
    const page = location.href;
    const element = await mounted(subject, token);
    expect(requestsFor(subject)).to.have.length(1);
    const [request] = requestsFor(subject);
    const url = new URL(request!.url);
    expect(url.pathname).to.equal('/collector/v1/cases');
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({
      survey: 'page-feedback',
      subject,
      limit: '50',
    });
    expect(request!.headers.get('authorization')).to.equal(`Bearer ${token}`);
    expect(request!.credentials).to.equal('omit');
    expect(request!.url).not.to.contain(token);
    expect(location.href).to.equal(page);
    expect(JSON.stringify({ ...sessionStorage, ...localStorage })).not.to.contain(token);
    expect(element.outerHTML + shadow(element).innerHTML).not.to.contain(token);
  });

  it('filters by status and overdue, and pages with "more"', async () => {
    const { subject, token } = await casesFor(
      ['very-dissatisfied'],
      ['dissatisfied'],
      ['very-dissatisfied'],
    );
    const element = await mounted(subject, token, { 'page-size': '2' });
    expect(rows(element)).to.have.length(3);
    expect(textOf(element, '#status')).to.contain('还有更多');
    expect(counts(element)[0]).to.equal('待处理3');

    const more = nextEvent<CasesLoadedEventDetail>(element, 'minyi-cases-loaded');
    $<HTMLButtonElement>(element, 'button[part=more]').click();
    expect((await more).detail).to.deep.include({ cases: 3, more: false });
    await element.updateComplete;
    expect(rows(element)).to.have.length(4);
    expect(shadow(element).querySelector('button[part=more]')).to.equal(null);
    // Focus goes to the first case of the new page, not back to the top.
    const third = shadow(element).querySelectorAll('button[part=case-button]')[2];
    expect(shadow(element).activeElement).to.equal(third);
    expect(new URL(requestsFor(subject)[1]!.url).searchParams.get('after')).to.match(/^\S+$/);

    // Another desk assigns the second case; the filter finds it there.
    const second = (await collectorCall(token, `v1/cases?subject=${encodeURIComponent(subject)}`))
      .json.cases as Array<{ id: string }>;
    expect(
      (await collectorCall(token, `v1/cases/${second[1]!.id}/assign`, { assignee: '综合窗口' }))
        .status,
    ).to.equal(200);
    const filtered = nextEvent<CasesLoadedEventDetail>(element, 'minyi-cases-loaded');
    const status = $<HTMLSelectElement>(element, '#status-filter');
    status.value = 'assigned';
    status.dispatchEvent(new Event('change'));
    expect((await filtered).detail).to.deep.include({ status: 'assigned', cases: 1 });
    await element.updateComplete;
    expect(
      rows(element)
        .slice(1)
        .map((row) => row[3]),
    ).to.deep.equal(['已交办']);
    expect(counts(element).slice(0, 2)).to.deep.equal(['待处理2', '已交办1']);
    expect(new URL(requestsFor(subject).at(-1)!.url).searchParams.get('status')).to.equal(
      'assigned',
    );

    const overdue = nextEvent<CasesLoadedEventDetail>(element, 'minyi-cases-loaded');
    $<HTMLInputElement>(element, '#overdue-only').click();
    expect((await overdue).detail).to.deep.include({ overdue: true, cases: 0 });
    await element.updateComplete;
    expect(new URL(requestsFor(subject).at(-1)!.url).searchParams.get('overdue')).to.equal('true');
    expect(textOf(element, '#status')).to.equal('没有符合筛选条件的案件。');
  });

  it('marks an overdue case in words, in its row and when opened', async () => {
    const { subject, token } = await casesFor(['very-dissatisfied'], ['dissatisfied']);
    // A deadline cannot pass during a test: the real answer is passed on with the first case
    // fifteen working days older.
    const past = (item: Record<string, unknown>) => ({
      ...item,
      openedAt: '2026-01-05T01:00:00.000Z',
      deadline: '2026-01-26T16:00:00.000Z',
      overdue: true,
    });
    worker.use(
      http.get('*/collector/v1/cases', async ({ request }) => {
        const real = (await (await fetch(bypass(request))).json()) as {
          cases: Array<Record<string, unknown>>;
          counts: Record<string, number>;
        };
        return HttpResponse.json({
          ...real,
          cases: real.cases.map((item, index) => (index === 0 ? past(item) : item)),
          counts: { ...real.counts, overdue: 1 },
        });
      }),
      http.get('*/collector/v1/cases/:id', async ({ request }) => {
        const real = (await (await fetch(bypass(request))).json()) as Record<string, unknown>;
        return HttpResponse.json(past(real));
      }),
    );
    const element = await mounted(subject, token);
    const [, first, second] = rows(element);
    expect(first![4]).to.equal('2026年1月26日已逾期');
    expect(second![4]).not.to.contain('逾期');
    expect(counts(element)[4]).to.equal('逾期1');
    const flag = $(element, 'tbody [part=overdue]');
    expect(getComputedStyle(flag).borderStyle).to.equal('solid');
    await openRow(element);
    expect(textOf(element, '[part=case] dl')).to.contain('状态待处理已逾期');
  });
});

describe('<minyi-cases>: working a case', () => {
  it('shows the answer as text, then assigns, replies and closes, with the log and the resident’s rating', async () => {
    const comment = '排队两个小时<img src=x onerror="window.pwned=1">，<b>窗口</b>太少';
    const { subject, token } = await casesFor(['very-dissatisfied', comment]);
    const element = await mounted(subject, token);
    await openRow(element);
    expect(shadow(element).activeElement).to.equal($(element, '#case-title'));
    expect(textOf(element, '#case-title')).to.equal(subject);
    await waitFor(() => caseText(element).includes(QUESTION), 'the survey’s labels');
    expect(textOf(element, '[part=answer]')).to.contain(`${QUESTION} 非常不满意`);
    expect(textOf(element, '[part=comment]')).to.equal(comment);
    expect(shadow(element).querySelector('[part=case] img, [part=case] b')).to.equal(null);
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
    expect(textOf(element, '[part=reply]')).to.contain('尚未答复。');
    expect(logRows(element)).to.deep.equal([['受理', '系统（差评自动受理）', '']]);
    // An open case can be assigned or replied to; only a replied one closed.
    expect(shadow(element).querySelector('[part=assign-form]')).not.to.equal(null);
    expect(shadow(element).querySelector('[part=reply-form]')).not.to.equal(null);
    expect(shadow(element).querySelector('[part=close-form]')).to.equal(null);
    expect(textOf(element, '[part=assign]')).to.equal('交办');

    const assigned = await submit(element, '#assignee', '  政务服务中心综合窗口 ');
    expect(assigned.type).to.equal('minyi-case-changed');
    const change = assigned.detail as CaseChangedEventDetail;
    expect(change.action).to.equal('assign');
    expect(change.case).to.deep.include({ status: 'assigned', assignee: '政务服务中心综合窗口' });
    expect(textOf(element, '#case-status')).to.equal('已交办给“政务服务中心综合窗口”。');
    expect(shadow(element).activeElement).to.equal($(element, '#case-status'));
    expect(textOf(element, '[part=assign]')).to.equal('重新交办');
    expect($<HTMLInputElement>(element, '#assignee').value).to.equal('');
    expect(logRows(element)[1]).to.deep.equal([
      '交办',
      logRows(element)[1]![1]!,
      '政务服务中心综合窗口',
    ]);
    expect(logRows(element)[1]![1]).to.match(/^区政务办，令牌 [0-9a-f]{12}$/);
    // The row and the counts follow.
    await waitFor(() => rows(element)[1]?.[3] === '已交办', 'the list to follow');
    await waitFor(() => counts(element)[1] === '已交办1', 'the counts to follow');

    const reply = '已联系窗口负责人整改，\n下周起增加午间窗口。';
    const replied = await submit(element, '#reply', reply);
    expect((replied.detail as CaseChangedEventDetail).case.status).to.equal('replied');
    expect(textOf(element, '#case-status')).to.equal('答复已提交，居民可以通过回执查看。');
    expect(shadow(element).querySelector<HTMLElement>('[part=reply] .text')!.textContent).to.equal(
      reply,
    );
    expect(textOf(element, '[part=rating]')).to.contain('居民尚未评价答复。');
    expect(shadow(element).querySelector('[part=assign-form]')).to.equal(null);
    expect(shadow(element).querySelector('[part=reply-form]')).to.equal(null);
    expect(shadow(element).querySelector('[part=close-form]')).not.to.equal(null);

    // The resident rates the reply through their receipt; the case shows it once read again.
    const id = change.case.id;
    await postResponses([replyRating(id, 'satisfied', '答复及时')]);
    await openRow(element);
    expect(textOf(element, '[part=rating]')).to.contain('满意');
    expect(textOf(element, '[part=rating]')).to.contain('答复及时');
    expect(logRows(element).at(-1)!.slice(0, 2)).to.deep.equal(['居民评价答复', '居民']);

    const closed = await submit(element, '#close-note', '已整改完毕');
    expect((closed.detail as CaseChangedEventDetail).case).to.deep.include({ status: 'closed' });
    expect(textOf(element, '#case-status')).to.equal('案件已办结。');
    expect(textOf(element, '[part=work]')).to.contain('本案件已办结，无需再办理。');
    expect(shadow(element).querySelector('[part=work] form')).to.equal(null);
    expect(logRows(element).map((row) => row[0])).to.deep.equal([
      '受理',
      '交办',
      '答复',
      '居民评价答复',
      '办结',
    ]);
    expect(logRows(element).at(-1)![2]).to.equal('已整改完毕');
    await waitFor(() => counts(element)[3] === '已办结1', 'the counts to follow');

    // What the evaluator did is what the collector holds.
    const stored = await collectorCall(token, `v1/cases/${id}`);
    expect(stored.json).to.deep.include({ status: 'closed', assignee: '政务服务中心综合窗口' });
    expect((stored.json.reply as { text: string }).text).to.equal(reply);
  });

  it('checks the fields before sending, naming the one at fault and keeping focus there', async () => {
    const { subject, token } = await casesFor(['dissatisfied']);
    const element = await mounted(subject, token);
    await openRow(element);
    const posts = () => requests.filter((request) => request.method === 'POST').length;
    const before = posts();
    $<HTMLInputElement>(element, '#assignee').value = '   ';
    $<HTMLFormElement>(element, '[part=assign-form]').requestSubmit();
    await element.updateComplete;
    const assignee = $<HTMLInputElement>(element, '#assignee');
    expect(assignee.getAttribute('aria-invalid')).to.equal('true');
    expect(assignee.getAttribute('aria-describedby')).to.equal('assignee-error');
    expect(textOf(element, '#assignee-error')).to.equal('请填写承办单位或承办人。');
    expect(shadow(element).activeElement).to.equal(assignee);

    $<HTMLTextAreaElement>(element, '#reply').value = '答'.repeat(2001);
    $<HTMLFormElement>(element, '[part=reply-form]').requestSubmit();
    await element.updateComplete;
    expect(textOf(element, '#reply-error')).to.equal('不能超过 2000 个字。');
    expect($(element, '#reply').getAttribute('aria-describedby')).to.equal(
      'reply-error reply-hint',
    );
    expect(shadow(element).activeElement).to.equal($(element, '#reply'));
    expect(shadow(element).querySelector('#assignee-error')).to.equal(null);
    expect(posts()).to.equal(before);
  });

  it('409: a case another desk answered meanwhile is reloaded, and the evaluator told so', async () => {
    const { subject, token } = await casesFor(['very-dissatisfied']);
    const element = await mounted(subject, token);
    await openRow(element);
    const id = (shadow(element).querySelector('button[part=case-button]') as HTMLElement).dataset
      .case!;
    const elsewhere = await collectorCall(token, `v1/cases/${id}/reply`, { text: '已处理。' });
    expect(elsewhere.status).to.equal(200);

    const failed = await submit(element, '#assignee', '综合窗口');
    expect(failed.type).to.equal('minyi-cases-error');
    expect(failed.detail).to.deep.include({ code: 'conflict', status: 409, request: 'assign' });
    const alert = $(element, '#case-alert');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(element, '#case-alert')).to.match(
      /^案件状态已经变化，此次办理没有生效（case ".+" is replied; .+）。已重新载入案件，请查看最新状态后再办理。$/,
    );
    expect(shadow(element).activeElement).to.equal(alert);
    await waitFor(
      () => shadow(element).querySelector('[part=close-form]') !== null,
      'the case as it is now',
    );
    expect(textOf(element, '[part=reply] .text')).to.equal('已处理。');
    expect(shadow(element).querySelector('#case-alert')).not.to.equal(null);
  });

  it('returns to the case’s row with "back"', async () => {
    const { subject, token } = await casesFor(['very-dissatisfied'], ['dissatisfied']);
    const element = await mounted(subject, token);
    await openRow(element, 1);
    const row = shadow(element).querySelectorAll('button[part=case-button]')[1]!;
    expect(row.getAttribute('aria-current')).to.equal('true');
    $<HTMLButtonElement>(element, 'button[part=back]').click();
    await element.updateComplete;
    expect(shadow(element).querySelector('[part=case]')).to.equal(null);
    expect(shadow(element).activeElement).to.equal(row);
    expect(row.getAttribute('aria-current')).to.equal('false');
  });
});

describe('<minyi-cases>: what goes wrong is said, with what to do', () => {
  async function failing(
    answer: () => Response,
    lang = 'zh-CN',
  ): Promise<{ element: MinyiCases; detail: CasesErrorEventDetail }> {
    const { subject, token } = await casesFor(['very-dissatisfied']);
    worker.use(http.get('*/collector/v1/cases', answer));
    const element = await mountCases({ survey: 'page-feedback', subject, lang });
    const failed = nextEvent<CasesErrorEventDetail>(element, 'minyi-cases-error');
    await signIn(element, token);
    const { detail } = await failed;
    await element.updateComplete;
    return { element, detail };
  }

  it('500: says the collector failed, and "try again" loads the list', async () => {
    const { element, detail } = await failing(() =>
      HttpResponse.json({ error: 'database is locked' }, { status: 500 }),
    );
    expect(detail).to.deep.include({ code: 'server', status: 500, request: 'list' });
    const message = '服务器出错（HTTP 500）。请稍后重试；如果一直出现，请联系管理员。';
    expect(detail.message).to.equal(message);
    expect(textOf(element, '[role=alert] p')).to.equal(message);
    expect(shadow(element).activeElement).to.equal($(element, '#alert'));
    worker.resetHandlers();
    const loaded = nextEvent(element, 'minyi-cases-loaded');
    $<HTMLButtonElement>(element, '#alert button').click();
    await loaded;
    await element.updateComplete;
    expect(shadow(element).querySelector('[role=alert]')).to.equal(null);
    expect(rows(element)).to.have.length(2);
  });

  it('no answer at all: says to check the network', async () => {
    const { element, detail } = await failing(() => HttpResponse.error(), 'en');
    expect(detail.code).to.equal('network');
    expect(textOf(element, '[role=alert] p')).to.equal(
      'The collector could not be reached. Check your network connection (for an intranet, that you are on it), then try again.',
    );
  });

  it('a body the schema refuses: says the data is not understood, naming where', async () => {
    const { element, detail } = await failing(() =>
      HttpResponse.json({
        cases: [{ id: 'c7qm4xpt9rwak3mnp', status: 'lost' }],
        counts: { open: 1 },
      }),
    );
    expect(detail.code).to.equal('invalid-response');
    const text = textOf(element, '[role=alert] p');
    expect(text).to.match(
      /^服务器返回的案件数据无法识别（.*cases\[0\]\.\w+: .+）。请联系管理员确认收集服务的版本。$/,
    );
    expect(shadow(element).querySelector('table')).to.equal(null);
  });

  it('401: forgets the token and asks again, saying why', async () => {
    const { element, detail } = await failing(() =>
      HttpResponse.json({ error: 'the token has expired' }, { status: 401 }),
    );
    expect(detail.code).to.equal('unauthorized');
    expect(textOf(element, '#token-error')).to.equal('令牌无效或已过期，请向管理员申请新的令牌。');
    expect(shadow(element).activeElement).to.equal($(element, '#token'));
    expect($(element, '#token').getAttribute('aria-invalid')).to.equal('true');
  });

  it('401 from the real collector for a revoked or unknown token', async () => {
    const element = await mountCases({ survey: 'page-feedback' });
    const failed = nextEvent<CasesErrorEventDetail>(element, 'minyi-cases-error');
    await signIn(element, `minyi_ev_${'x'.repeat(43)}`);
    expect((await failed).detail).to.deep.include({ code: 'unauthorized', status: 401 });
  });

  it('403: says the token may not work cases', async () => {
    const { element } = await failing(
      () => HttpResponse.json({ error: 'forbidden' }, { status: 403 }),
      'zh-TW',
    );
    expect(textOf(element, '#token-error')).to.equal(
      '此令牌無權查看或辦理整改案件。請向管理員申請評估令牌。',
    );
  });

  it('404 from the real collector: a survey outside the token’s scope', async () => {
    const token = await collectorToken({ surveys: ['department-evaluation'] });
    const element = await mountCases({ survey: 'page-feedback', subject: freshSubject() });
    const failed = nextEvent<CasesErrorEventDetail>(element, 'minyi-cases-error');
    await signIn(element, token);
    expect((await failed).detail).to.deep.include({ code: 'not-found', status: 404 });
    await element.updateComplete;
    expect(textOf(element, '[role=alert] p')).to.match(
      /^找不到问卷“page-feedback”、评价对象“https:.+”的整改案件，或此令牌无权查看。/,
    );
  });

  it('400 on a reply, 404 on a case: said beside the case, the form kept', async () => {
    const { subject, token } = await casesFor(['very-dissatisfied']);
    const element = await mounted(subject, token);
    await openRow(element);
    worker.use(
      http.post('*/collector/v1/cases/:id/reply', () =>
        HttpResponse.json(
          { error: 'invalid reply', issues: [{ path: 'text', message: 'expected text' }] },
          { status: 400 },
        ),
      ),
    );
    const refused = await submit(element, '#reply', '已处理');
    expect(refused.detail).to.deep.include({ code: 'bad-request', request: 'reply' });
    expect(textOf(element, '#case-alert')).to.equal(
      '服务器拒绝了此次办理（invalid reply; text: expected text）。请检查填写的内容后重试。',
    );
    expect(shadow(element).querySelector('[part=reply-form]')).not.to.equal(null);

    worker.use(
      http.get('*/collector/v1/cases/:id', () =>
        HttpResponse.json({ error: 'unknown case' }, { status: 404 }),
      ),
    );
    const failed = nextEvent<CasesErrorEventDetail>(element, 'minyi-cases-error');
    shadow(element).querySelector<HTMLButtonElement>('button[part=case-button]')!.click();
    expect((await failed).detail).to.deep.include({ code: 'not-found', request: 'case' });
    await element.updateComplete;
    expect(textOf(element, '#case-alert p')).to.equal(
      '找不到这件案件，或此令牌无权查看。请刷新案件列表后再选择。',
    );
  });

  it('without a collector, says so to the web team', async () => {
    const element = document.createElement('minyi-cases');
    element.setAttribute('lang', 'en');
    const failed = nextEvent<CasesErrorEventDetail>(element, 'minyi-cases-error');
    document.body.append(element);
    expect((await failed).detail.code).to.equal('not-configured');
    await element.updateComplete;
    expect(textOf(element, '[role=alert]')).to.equal(
      'The collector’s address is not set: give <minyi-cases> a collector attribute.',
    );
  });
});

describe('<minyi-cases>: languages and the token', () => {
  it('speaks the page’s language: traditional Chinese and English', async () => {
    const { subject, token } = await casesFor(['very-dissatisfied']);
    const hant = await mounted(subject, token, { lang: 'zh-HK' });
    expect(rows(hant)[0]).to.deep.equal(['受理日期', '評價對象', '差評原因', '狀態', '辦理期限']);
    expect(counts(hant)).to.deep.equal(['待處理1', '已交辦0', '已答覆0', '已辦結0', '逾期0']);
    hant.remove();

    const pageLang = document.documentElement.getAttribute('lang');
    document.documentElement.lang = 'en';
    try {
      const element = await mountCases({ survey: 'page-feedback', subject, lang: '' });
      element.removeAttribute('lang');
      await element.updateComplete;
      expect(textOf(element, 'label[for=token]')).to.equal('Evaluator token');
      await listed(element, token);
      await waitFor(() => (rows(element)[1]?.[2] ?? '').startsWith('Are you'), 'the labels');
      expect(rows(element)[1]!.slice(2, 4)).to.deep.equal([
        'Are you satisfied with this page and its service?: Very dissatisfied',
        'Open',
      ]);
      expect(textOf(element, '#status')).to.equal('1 case shown.');
    } finally {
      if (pageLang === null) document.documentElement.removeAttribute('lang');
      else document.documentElement.lang = pageLang;
    }
  });

  it('remembers the token for the tab when asked, under the scoreboard’s key', async () => {
    const { subject, token } = await casesFor(['very-dissatisfied']);
    const first = await mountCases({ survey: 'page-feedback', subject });
    const loaded = nextEvent(first, 'minyi-cases-loaded');
    await signIn(first, token, true);
    await loaded;
    expect(Object.keys(sessionStorage)).to.deep.equal([`minyi-dashboard:token:${location.origin}`]);
    first.remove();
    const second = await mountCases({ survey: 'page-feedback', subject });
    await nextEvent(second, 'minyi-cases-loaded');
    expect(shadow(second).querySelector('#token')).to.equal(null);
    $<HTMLButtonElement>(second, 'button[part=sign-out]').click();
    await second.updateComplete;
    expect(sessionStorage.length).to.equal(0);
    expect(shadow(second).activeElement).to.equal($(second, '#token'));
    expect(shadow(second).querySelector('table')).to.equal(null);
  });
});

describe('<minyi-cases>: keyboard only', () => {
  /** Presses Tab until `target` has focus, failing after `limit` presses. */
  async function tabTo(element: MinyiCases, target: Element, limit = 30): Promise<void> {
    for (let i = 0; i < limit; i++) {
      if (shadow(element).activeElement === target) return;
      await sendKeys({ press: 'Tab' });
    }
    throw new Error(`Tab never reached ${target.outerHTML.slice(0, 80)}`);
  }

  it('signs in, opens a case, assigns, replies and closes it, and goes back, without a mouse', async () => {
    const { subject, token } = await casesFor(['very-dissatisfied', '态度差']);
    const element = await mountCases({ survey: 'page-feedback', subject });
    $<HTMLInputElement>(element, '#token').focus();
    await sendKeys({ type: token });
    const loaded = nextEvent(element, 'minyi-cases-loaded');
    await sendKeys({ press: 'Enter' });
    await loaded;
    await element.updateComplete;
    expect(shadow(element).activeElement).to.equal($(element, '#status'));

    const row = $<HTMLButtonElement>(element, 'button[part=case-button]');
    await tabTo(element, row);
    const opened = nextEvent(element, 'minyi-case-opened');
    await sendKeys({ press: 'Enter' });
    await opened;
    await element.updateComplete;
    expect(shadow(element).activeElement).to.equal($(element, '#case-title'));

    await tabTo(element, $(element, '#assignee'));
    await sendKeys({ type: '综合窗口' });
    let changed = nextEvent<CaseChangedEventDetail>(element, 'minyi-case-changed');
    await sendKeys({ press: 'Enter' });
    expect((await changed).detail.case.status).to.equal('assigned');
    await element.updateComplete;
    expect(shadow(element).activeElement).to.equal($(element, '#case-status'));

    await tabTo(element, $(element, '#reply'));
    await sendKeys({ type: '已整改' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: '谢谢监督' });
    const send = $<HTMLButtonElement>(element, '[part=reply-button]');
    await tabTo(element, send);
    const style = getComputedStyle(send);
    expect(style.outlineStyle).to.equal('solid');
    expect(Number.parseFloat(style.outlineWidth)).to.be.at.least(2);
    changed = nextEvent<CaseChangedEventDetail>(element, 'minyi-case-changed');
    await sendKeys({ press: 'Space' });
    const reply = (await changed).detail.case.reply;
    expect(reply?.text).to.equal('已整改\n谢谢监督');
    await element.updateComplete;

    await tabTo(element, $(element, '[part=close]'));
    changed = nextEvent<CaseChangedEventDetail>(element, 'minyi-case-changed');
    await sendKeys({ press: 'Enter' });
    expect((await changed).detail.case.status).to.equal('closed');
    await element.updateComplete;

    await tabTo(element, $(element, '[part=back]'));
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(shadow(element).activeElement).to.equal($(element, 'button[part=case-button]'));
  });
});

describe('<minyi-cases>: axe (WCAG 2.2 AA) in every state, in every locale', () => {
  for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
    it(`${lang}: the token prompt and its error, loading, the list`, async () => {
      const { subject, token } = await casesFor(['very-dissatisfied', '排队'], ['dissatisfied']);
      const element = await mountCases({
        survey: 'page-feedback',
        subject,
        lang,
        'page-size': '1',
      });
      await expectAccessible(element);
      await signIn(element, '');
      expect(textOf(element, '#token-error')).not.to.equal('');
      await expectAccessible(element);

      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      worker.use(
        http.get('*/collector/v1/cases', async ({ request }) => {
          await gate;
          return fetch(bypass(request));
        }),
      );
      const loaded = nextEvent(element, 'minyi-cases-loaded');
      await signIn(element, token);
      expect(textOf(element, '#status')).not.to.equal('');
      await expectAccessible(element);
      release();
      await loaded;
      await element.updateComplete;
      expect(shadow(element).querySelector('button[part=more]')).not.to.equal(null);
      await expectAccessible(element);
    });

    it(`${lang}: a case open with its forms, a field error, a refused move, each status`, async () => {
      const { subject, token } = await casesFor(['very-dissatisfied', '排队两个小时']);
      const element = await mounted(subject, token, { lang });
      await openRow(element);
      expect(shadow(element).querySelector('[part=assign-form]')).not.to.equal(null);
      await expectAccessible(element);

      $<HTMLFormElement>(element, '[part=reply-form]').requestSubmit();
      await element.updateComplete;
      expect(shadow(element).querySelector('#reply-error')).not.to.equal(null);
      await expectAccessible(element);

      await submit(element, '#assignee', '综合窗口');
      await expectAccessible(element);
      await submit(element, '#reply', '已整改');
      expect(shadow(element).querySelector('[part=close-form]')).not.to.equal(null);
      await expectAccessible(element);

      worker.use(
        http.post('*/collector/v1/cases/:id/close', () =>
          HttpResponse.json({ error: 'changed meanwhile' }, { status: 409 }),
        ),
      );
      await submit(element, '#close-note', '');
      expect(shadow(element).querySelector('#case-alert')).not.to.equal(null);
      await expectAccessible(element);
      worker.resetHandlers();
      await submit(element, '#close-note', '');
      expect(textOf(element, '[part=work]')).not.to.equal('');
      await expectAccessible(element);
    });

    it(`${lang}: the list’s error`, async () => {
      const { subject, token } = await casesFor(['very-dissatisfied']);
      worker.use(http.get('*/collector/v1/cases', () => HttpResponse.error()));
      const element = await mountCases({ survey: 'page-feedback', subject, lang });
      const failed = nextEvent(element, 'minyi-cases-error');
      await signIn(element, token);
      await failed;
      await element.updateComplete;
      expect(shadow(element).querySelector('[role=alert]')).not.to.equal(null);
      await expectAccessible(element);
    });
  }

  it('fits 320 px (200% zoom) without sideways scrolling of the page, with the case open', async () => {
    await setViewport({ width: 320, height: 640 });
    const { subject, token } = await casesFor(['very-dissatisfied', '排队两个小时'.repeat(20)]);
    const element = await mounted(subject, token);
    await openRow(element);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    for (const target of shadow(element).querySelectorAll<HTMLElement>(
      'button, select, input, textarea',
    )) {
      const box = target.getBoundingClientRect();
      expect(box.width, target.outerHTML.slice(0, 60)).to.be.at.least(24);
      expect(box.height, target.outerHTML.slice(0, 60)).to.be.at.least(24);
      if (!target.closest('.table-wrap')) expect(box.right).to.be.at.most(321);
    }
    await expectAccessible(element);
  });

  it('keeps its borders and markers in forced colours', async () => {
    await emulateMedia({ forcedColors: 'active' });
    const { subject, token } = await casesFor(['very-dissatisfied']);
    const element = await mounted(subject, token);
    await openRow(element);
    const row = $(element, 'button[part=case-button]');
    expect(getComputedStyle(row).borderStyle).to.equal('solid');
    expect(getComputedStyle($(element, '#assignee')).borderStyle).to.equal('solid');
    await expectAccessible(element);
  });
});
