import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import {
  defineElements,
  type MinyiScoreboard,
  type ScoreboardErrorEventDetail,
  type ScoresResponse,
} from '../../src/index.js';
import {
  $,
  captureDownloads,
  chartOf,
  enterToken,
  faultWorker,
  loaded,
  mount,
  nextEvent,
  nodesWithRole,
  painted,
  scores,
  shadow,
  TOKEN,
  tableText,
  textOf,
  waitFor,
} from './helpers.js';

defineElements();

const worker = faultWorker();
afterEach(() => {
  worker.resetHandlers();
  document.body.replaceChildren();
  sessionStorage.clear();
});

const data = scores({
  subjects: 8,
  lowN: ['education'],
  ties: [['civil-affairs', 'health']],
  nps: true,
});
const byPeriod = {
  quarter: scores({
    subjects: 8,
    granularity: 'quarter',
    periods: ['2026-Q2', '2026-Q3', '2026-Q4'],
  }),
  poststratified: scores({ subjects: 8, lowN: ['education'], poststratify: true }),
};

/** Serves `answer` for every scores request and records each request. */
function serve(answer: (url: URL) => ScoresResponse | Response = () => data): Request[] {
  const requests: Request[] = [];
  worker.use(
    http.get('*/v1/scores', ({ request }) => {
      requests.push(request);
      const result = answer(new URL(request.url));
      return result instanceof Response ? result : HttpResponse.json(result);
    }),
  );
  return requests;
}

const rankingTable = (element: Element) =>
  tableText(element, '#figure-ranking-title ~ .table-wrap table');

async function choose(element: MinyiScoreboard, selector: string, value: string): Promise<void> {
  const select = $<HTMLSelectElement>(element, selector);
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await element.updateComplete;
}

describe('<minyi-scoreboard>: the token', () => {
  const labels = { 'zh-CN': '评估令牌', 'zh-TW': '評估令牌', en: 'Evaluator token' } as const;
  for (const [lang, label] of Object.entries(labels)) {
    it(`asks for it in a password field a screen reader names ${label} (${lang})`, async () => {
      const requests = serve();
      const element = await mount({ lang });
      const input = $<HTMLInputElement>(element, '#token');
      expect(input.type).to.equal('password');
      expect(input.autocomplete).to.equal('off');
      expect(input.labels?.[0]?.textContent?.trim()).to.equal(label);
      const boxes = await nodesWithRole('textbox');
      expect(boxes.map((node) => node.name)).to.include(label);
      expect(requests).to.have.length(0);
    });
  }

  it('refuses an empty token at the field and keeps focus there', async () => {
    const requests = serve();
    const element = await mount();
    await enterToken(element, '   ');
    const input = $<HTMLInputElement>(element, '#token');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('token-error');
    expect(textOf(element, '#token-error')).to.equal('请输入评估令牌。');
    expect(shadow(element).activeElement).to.equal(input);
    expect(requests).to.have.length(0);
  });

  it('sends it only as "Authorization: Bearer", never in a URL, and keeps it nowhere unasked', async () => {
    const requests = serve();
    const page = location.href;
    const element = await mount();
    await loaded(element);
    expect(requests).to.have.length(1);
    const [request] = requests;
    expect(request!.headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
    expect(request!.url).not.to.contain(TOKEN);
    expect(request!.credentials).to.equal('omit');
    expect(location.href).to.equal(page);
    expect(JSON.stringify({ ...sessionStorage })).not.to.contain(TOKEN);
    expect(JSON.stringify({ ...localStorage })).not.to.contain(TOKEN);
    expect(element.outerHTML + shadow(element).innerHTML).not.to.contain(TOKEN);
  });

  it('remembers it for the tab when asked, and forgets it on signing out', async () => {
    const requests = serve();
    const first = await mount();
    const rendered = nextEvent(first, 'minyi-rendered');
    await enterToken(first, TOKEN, true);
    await rendered;
    expect(Object.values({ ...sessionStorage })).to.deep.equal([TOKEN]);
    first.remove();

    const second = await mount();
    await nextEvent(second, 'minyi-rendered');
    expect(shadow(second).querySelector('#token')).to.equal(null);
    expect(requests).to.have.length(2);

    $<HTMLButtonElement>(second, 'button[part=sign-out]').click();
    await second.updateComplete;
    expect(sessionStorage.length).to.equal(0);
    expect(shadow(second).activeElement).to.equal($(second, '#token'));
    expect(shadow(second).querySelector('canvas')).to.equal(null);
  });

  it('is never sent to a collector other than the one it was entered for', async () => {
    const requests = serve();
    const element = await mount();
    await loaded(element);
    element.setAttribute('collector', 'https://elsewhere.example/');
    await element.updateComplete;
    expect(shadow(element).querySelector('#token')).not.to.equal(null);
    expect(requests.map((request) => new URL(request.url).origin)).to.deep.equal([location.origin]);
  });

  it('401: says the token is not valid or has expired, and asks for a new one', async () => {
    serve(() => HttpResponse.json({ error: 'the token has expired' }, { status: 401 }));
    const element = await mount();
    const failed = nextEvent<ScoreboardErrorEventDetail>(element, 'minyi-scores-error');
    await enterToken(element, TOKEN, true);
    const { detail } = await failed;
    await element.updateComplete;
    expect(detail).to.deep.include({ code: 'unauthorized', status: 401 });
    expect(textOf(element, '#token-error')).to.equal('令牌无效或已过期，请向管理员申请新的令牌。');
    expect($(element, '#token').getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(element).activeElement).to.equal($(element, '#token'));
    expect(sessionStorage.length).to.equal(0);
  });

  it('403: says this token may not see this survey', async () => {
    serve(() => HttpResponse.json({ error: 'this token is an admin token' }, { status: 403 }));
    const element = await mount({ lang: 'en' });
    const failed = nextEvent<ScoreboardErrorEventDetail>(element, 'minyi-scores-error');
    await enterToken(element);
    expect((await failed).detail.code).to.equal('forbidden');
    await element.updateComplete;
    expect(textOf(element, '#token-error')).to.equal(
      'This token may not see this survey. Ask your administrator for a token that may.',
    );
  });
});

describe('<minyi-scoreboard>: errors and empty states say what to do', () => {
  const cases: Array<[string, () => Response, string, string]> = [
    [
      '404',
      () => HttpResponse.json({ error: 'unknown survey' }, { status: 404 }),
      'not-found',
      '找不到问卷“department-evaluation”，或此令牌无权查看。请核对页面上的 survey 属性，或联系管理员。',
    ],
    [
      '400',
      () => HttpResponse.json({ error: 'from: expected a date YYYY-MM-DD' }, { status: 400 }),
      'bad-request',
      '评分服务拒绝了此次查询（from: expected a date YYYY-MM-DD）。请检查所选的时段和日期。',
    ],
    [
      '503',
      () => new HttpResponse(null, { status: 503 }),
      'server',
      '评分服务出错（HTTP 503）。请稍后重试；如果一直出现，请联系管理员。',
    ],
    [
      'no answer',
      () => HttpResponse.error(),
      'network',
      '无法连接评分服务。请检查网络连接（内网系统请确认已接入内网），然后重试。',
    ],
    [
      'an answer of another shape',
      () => HttpResponse.json({ survey: {}, cells: 'none' }),
      'invalid-response',
      '评分服务返回的数据无法识别',
    ],
  ];
  for (const [what, answer, code, message] of cases) {
    it(`${what}: ${code}, with a retry that works`, async () => {
      let failing = true;
      serve(() => (failing ? answer() : data));
      const element = await mount();
      const failed = nextEvent<ScoreboardErrorEventDetail>(element, 'minyi-scores-error');
      await enterToken(element);
      expect((await failed).detail.code).to.equal(code);
      await element.updateComplete;
      const alert = $(element, '[role=alert]');
      expect(textOf(element, '[role=alert] p')).to.contain(message);
      expect(shadow(element).activeElement).to.equal(alert);
      failing = false;
      const rendered = nextEvent(element, 'minyi-rendered');
      $<HTMLButtonElement>(element, '[role=alert] button').click();
      await rendered;
      expect(shadow(element).querySelector('[role=alert]')).to.equal(null);
    });
  }

  it('says so when nobody has answered yet, and what to do', async () => {
    serve(() => ({ ...data, cells: [], distributions: {} }));
    const element = await mount();
    await loaded(element);
    expect(textOf(element, '[role=status]')).to.equal(
      '所选时段还没有回答。居民提交评价后，评分会显示在这里；也可以换一个统计周期或时间范围。',
    );
    expect(shadow(element).querySelector('canvas')).to.equal(null);
  });

  it('says "loading" until the scores arrive', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    worker.use(
      http.get('*/v1/scores', async () => {
        await gate;
        return HttpResponse.json(data);
      }),
    );
    const element = await mount();
    await enterToken(element);
    expect(textOf(element, '[role=status]')).to.equal('正在加载评分…');
    const rendered = nextEvent(element, 'minyi-rendered');
    release();
    await rendered;
    expect(textOf(element, '[role=status]')).to.equal('已加载 8 个评价对象、4 个期间的评分。');
  });
});

describe('<minyi-scoreboard>: the ranking', () => {
  it('ranks by weighted score with intervals, ties as ties, low_n marked and unranked', async () => {
    serve();
    const element = await mount();
    await loaded(element);
    const rows = rankingTable(element);
    expect(rows[0]).to.deep.equal([
      '名次',
      '评价对象',
      '得分 (95% 置信区间)',
      '有效样本量',
      '回答数',
      '说明',
    ]);
    const body = rows.slice(1);
    expect(body).to.have.length(8);
    const tied = body.filter((row) => row[1] === '区民政局' || row[1] === '区卫生健康委员会');
    expect(tied[0]![0]).to.match(/^=\d$/);
    expect(tied[1]![0]).to.equal(tied[0]![0]);
    expect(tied.map((row) => row[5])).to.deep.equal(['并列', '并列']);
    expect(body.at(-1)).to.include.members(['—', '区教育局', '样本不足']);
    for (const row of body) expect(row[2]).to.match(/^\d+\.\d \(\d+\.\d–\d+\.\d\)$/);

    const chart = chartOf(element, 'ranking');
    expect(chart.data.labels).to.deep.equal(
      body.map((row) => (row[0] === '—' ? `${row[1]} (${row[5]})` : `${row[0]} ${row[1]}`)),
    );
    const canvas = $<HTMLCanvasElement>(element, 'canvas[data-chart=ranking]');
    expect(painted(canvas)).to.equal(true);
    expect(canvas.getAttribute('role')).to.equal('img');
    const images = await nodesWithRole('image');
    expect(images.map((node) => node.name)).to.include(
      `2026年11月得分排名条形图：7 个对象参与排名，第一名为${body[0]![1]} ${body[0]![2]!.split(' ')[0]}；1 个对象样本不足，未排名。详见下表。`,
    );
  });

  it('shows the period chosen', async () => {
    serve();
    const element = await mount();
    await loaded(element);
    const november = rankingTable(element);
    await choose(element, '#shown-period', '2026-09');
    const september = rankingTable(element);
    expect(september).not.to.deep.equal(november);
    const cells = data.cells.filter((cell) => cell.period === '2026-09');
    const best = cells.find((cell) => cell.rank === 1)!;
    expect(september[1]![1]).to.equal(data.labels.subjects[best.department]!['zh-Hans']);
    expect(textOf(element, '#shown-period option:checked')).to.equal('2026年9月');
  });

  it('asks for months, quarters, years and custom ranges', async () => {
    const requests = serve((url) =>
      url.searchParams.get('period') === 'quarter' ? byPeriod.quarter : data,
    );
    const element = await mount();
    await loaded(element);
    const query = () => Object.fromEntries(new URL(requests.at(-1)!.url).searchParams);
    expect(query()).to.deep.equal({ survey: 'department-evaluation', period: 'month' });

    let rendered = nextEvent(element, 'minyi-rendered');
    $<HTMLInputElement>(element, 'input[name=granularity][value=quarter]').click();
    await rendered;
    expect(query()).to.deep.equal({ survey: 'department-evaluation', period: 'quarter' });
    expect(textOf(element, '#shown-period option:checked')).to.equal('2026年第4季度');

    $<HTMLInputElement>(element, 'input[name=granularity][value=custom]').click();
    await element.updateComplete;
    expect(requests).to.have.length(2);
    $<HTMLInputElement>(element, '#from').value = '2026-10-01';
    $<HTMLInputElement>(element, '#to').value = '2026-09-01';
    $<HTMLButtonElement>(element, 'form.controls button[type=submit]').click();
    await element.updateComplete;
    expect(textOf(element, '#range-error')).to.equal('截止日期不能早于起始日期。');
    expect($(element, '#to').getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(element).activeElement).to.equal($(element, '#to'));
    expect(requests).to.have.length(2);

    $<HTMLInputElement>(element, '#to').value = '2026-11-30';
    $<HTMLSelectElement>(element, '#group-by').value = 'month';
    rendered = nextEvent(element, 'minyi-rendered');
    $<HTMLButtonElement>(element, 'form.controls button[type=submit]').click();
    await rendered;
    expect(query()).to.deep.equal({
      survey: 'department-evaluation',
      period: 'month',
      from: '2026-10-01',
      to: '2026-11-30',
    });

    rendered = nextEvent(element, 'minyi-rendered');
    $<HTMLInputElement>(element, 'input[name=granularity][value=year]').click();
    await rendered;
    expect(query()).to.deep.equal({ survey: 'department-evaluation', period: 'year' });
  });

  it('asks the collector to post-stratify, and says the scores are', async () => {
    const requests = serve((url) =>
      url.searchParams.get('poststratify') === 'true' ? byPeriod.poststratified : data,
    );
    const element = await mount();
    await loaded(element);
    const rendered = nextEvent(element, 'minyi-rendered');
    $<HTMLInputElement>(element, 'input[name=poststratify]').click();
    await rendered;
    expect(new URL(requests.at(-1)!.url).searchParams.get('poststratify')).to.equal('true');
    expect(textOf(element, 'header .meta')).to.equal('按月 · 全部时间 · 已事后分层加权');
  });

  it('keeps only the newest answer when the period changes quickly', async () => {
    let calls = 0;
    worker.use(
      http.get('*/v1/scores', async ({ request }) => {
        calls += 1;
        // The first answer is slow: it must not replace the second.
        if (calls === 2) await new Promise((resolve) => setTimeout(resolve, 300));
        const period = new URL(request.url).searchParams.get('period');
        return HttpResponse.json(period === 'quarter' ? byPeriod.quarter : data);
      }),
    );
    const element = await mount();
    await loaded(element);
    $<HTMLInputElement>(element, 'input[name=granularity][value=month]').checked = false;
    element.period = 'year';
    await element.updateComplete;
    element.period = 'quarter';
    await nextEvent(element, 'minyi-rendered');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(textOf(element, '#shown-period option:checked')).to.equal('2026年第4季度');
  });
});

describe('<minyi-scoreboard>: one subject', () => {
  it('shows its dimensions, rates, groups, NPS, counts, trend and answers by level', async () => {
    serve();
    const element = await mount();
    await loaded(element);
    await choose(element, '#subject', 'housing');
    const cell = data.cells.find((c) => c.department === 'housing' && c.period === '2026-11')!;
    expect(textOf(element, '#detail-title')).to.equal('区住房和城乡建设局（2026年11月）');
    const charts = [...shadow(element).querySelectorAll('canvas')].map((c) => c.dataset.chart);
    expect(charts).to.deep.equal([
      'ranking',
      'dimensions',
      'rates',
      'groups',
      'trend',
      'distribution-1',
      'distribution-2',
    ]);
    for (const canvas of shadow(element).querySelectorAll('canvas')) {
      expect(painted(canvas), canvas.dataset.chart).to.equal(true);
    }
    const stats = Object.fromEntries(
      [...shadow(element).querySelectorAll('dl.stats > div')].map((item) => [
        item.querySelector('dt')!.textContent!.trim(),
        item.querySelector('dd')!.textContent!.trim(),
      ]),
    );
    expect(stats).to.deep.include({
      回答数: String(cell.n),
      排除: String(cell.n_excluded),
      有效样本量: cell.score.n_eff!.toFixed(1),
    });
    expect(stats['得分 (95% 置信区间)']).to.match(/^\d+\.\d \(\d+\.\d–\d+\.\d\)$/);
    expect(stats['净推荐值: 推荐意愿']).to.match(/^[+-]?\d+\.\d \(/);

    const counts = tableText(element, '#counts-title ~ .table-wrap table');
    expect(counts[0]).to.deep.equal(['指标', '已作答', '不适用', '未作答']);
    expect(counts[1]).to.deep.equal([
      '服务态度',
      String(cell.dimensions.attitude!.n_answered),
      String(cell.dimensions.attitude!.n_na),
      String(cell.dimensions.attitude!.n_missing),
    ]);
    const groups = tableText(element, '#figure-groups-title ~ .table-wrap table');
    expect(groups.slice(1).map((row) => row[0])).to.deep.equal(
      Object.keys(data.labels.groups)
        .filter((id) => id in cell.groups)
        .map((id) => data.labels.groups[id]!['zh-Hans']),
    );
    const levels = tableText(element, '#figure-distribution-1-title ~ .table-wrap table');
    expect(levels[0]).to.deep.equal([
      '指标',
      '非常不满意',
      '不满意',
      '基本满意',
      '满意',
      '非常满意',
      '合计',
    ]);
    const distribution = chartOf(element, 'distribution-1');
    expect(distribution.data.datasets.map((dataset) => dataset.backgroundColor)).to.deep.equal([
      '#b2182b',
      '#ef8a62',
      '#d9d9d9',
      '#67a9cf',
      '#2166ac',
    ]);
    const trend = tableText(element, '#figure-trend-title ~ .table-wrap table');
    expect(trend.slice(1).map((row) => row[0])).to.deep.equal([
      '2026年8月',
      '2026年9月',
      '2026年10月',
      '2026年11月',
    ]);
  });

  it('opens the subject of a bar clicked in the ranking, and moves focus to it', async () => {
    serve();
    const element = await mount();
    await loaded(element);
    const chart = chartOf(element, 'ranking');
    chart.canvas.scrollIntoView();
    // chart.js follows its container's size a frame later (a scroll bar may have appeared).
    await new Promise((resolve) => setTimeout(resolve, 100));
    const index = 1;
    const bar = chart.getDatasetMeta(0).data[index]!;
    const { x, y, base } = bar.getProps(['x', 'y', 'base'], true) as Record<string, number>;
    const box = chart.canvas.getBoundingClientRect();
    await sendMouse({
      type: 'click',
      position: [Math.round(box.left + (x! + base!) / 2), Math.round(box.top + y!)],
    });
    await waitFor(
      () => shadow(element).querySelector('canvas[data-chart=dimensions]') !== null,
      'detail',
    );
    await element.updateComplete;
    const name = String(chart.data.labels![index]).replace(/^=?\d+ /, '');
    expect(textOf(element, '#detail-title')).to.equal(`${name}（2026年11月）`);
    expect(shadow(element).activeElement).to.equal($(element, '#detail-title'));
    await resetMouse();
  });

  it('compares its trend with another subject’s', async () => {
    serve();
    const element = await mount({ lang: 'en' });
    await loaded(element);
    await choose(element, '#subject', 'housing');
    await choose(element, '#compare', 'civil-affairs');
    const chart = chartOf(element, 'trend');
    expect(chart.data.datasets.map((dataset) => dataset.label)).to.deep.equal([
      'District Housing Bureau',
      'District Civil Affairs Bureau',
    ]);
    expect((chart.data.datasets[1] as { borderDash?: number[] }).borderDash).to.deep.equal([6, 4]);
    const table = tableText(element, '#figure-trend-title ~ .table-wrap table');
    expect(table[0]).to.deep.equal([
      'Period',
      'District Housing Bureau (95% confidence interval)',
      'District Housing Bureau: Note',
      'District Civil Affairs Bureau (95% confidence interval)',
      'District Civil Affairs Bureau: Note',
    ]);
    expect(table[4]![0]).to.equal('November 2026');
  });
});

describe('<minyi-scoreboard>: tables and exports', () => {
  it('shows every chart as a table on request, and back', async () => {
    serve();
    const element = await mount();
    await loaded(element);
    await choose(element, '#subject', 'housing');
    const toggle = $<HTMLButtonElement>(element, 'button[part=table-toggle]');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    for (const wrap of shadow(element).querySelectorAll(
      'section.figure[part=figure] .table-wrap',
    )) {
      expect(wrap.classList.contains('sr-only')).to.equal(true);
    }
    toggle.click();
    await element.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    for (const chart of shadow(element).querySelectorAll<HTMLElement>('.chart')) {
      expect(chart.hidden).to.equal(true);
    }
    for (const wrap of shadow(element).querySelectorAll<HTMLElement>('.table-wrap')) {
      expect(wrap.classList.contains('sr-only')).to.equal(false);
      expect(wrap.tabIndex).to.equal(0);
      expect(wrap.getBoundingClientRect().height).to.be.greaterThan(40);
    }
    expect(shadow(element).querySelectorAll('button[aria-label*="PNG"]')).to.have.length(0);
    toggle.click();
    await element.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const canvas = $<HTMLCanvasElement>(element, 'canvas[data-chart=ranking]');
    expect(canvas.getBoundingClientRect().width).to.be.greaterThan(100);
  });

  it('exports what is shown as CSV for spreadsheets, and each chart as PNG', async () => {
    serve();
    const element = await mount();
    await loaded(element);
    const downloads = captureDownloads();
    try {
      $<HTMLButtonElement>(element, 'button[aria-label="下载 CSV: 得分排名"]').click();
      $<HTMLButtonElement>(element, 'button[aria-label="下载图片（PNG）: 得分排名"]').click();
      await waitFor(() => downloads.files.length === 2, 'two downloads');
    } finally {
      downloads.restore();
    }
    const [csv, png] = downloads.files;
    expect(csv!.name).to.equal('department-evaluation_2026-11_ranking.csv');
    expect(csv!.blob.type).to.equal('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await csv!.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.split('\r\n');
    expect(lines[0]).to.equal(
      '名次,评价对象,得分,得分: 95% 置信区间 下限,得分: 95% 置信区间 上限,有效样本量,回答数,说明',
    );
    expect(lines.filter((line) => /^'=\d,/.test(line))).to.have.length(2);
    expect(lines).to.have.length(8 + 2);
    const shown = rankingTable(element).slice(1);
    lines.slice(1, -1).forEach((line, index) => {
      const [, name, mean] = line.split(',');
      expect(name).to.equal(shown[index]![1]);
      expect(shown[index]![2]!.startsWith(Number(mean).toFixed(1))).to.equal(true);
    });
    expect(png!.name).to.equal('department-evaluation_2026-11_ranking.png');
    expect(png!.blob.type).to.equal('image/png');
    expect(png!.blob.size).to.be.greaterThan(2000);
  });
});

describe('<minyi-scoreboard>: locales', () => {
  it('writes numbers, periods and levels in 繁體', async () => {
    serve();
    const element = await mount({ lang: 'zh-HK' });
    expect($(element, 'label[for=token]').textContent?.trim()).to.equal('評估令牌');
    await loaded(element);
    await choose(element, '#subject', 'housing');
    expect(textOf(element, '#detail-title')).to.equal('區住房和城鄉建設局（2026年11月）');
    expect(tableText(element, '#figure-distribution-1-title ~ .table-wrap table')[0]).to.deep.equal(
      ['指標', '非常不滿意', '不滿意', '基本滿意', '滿意', '非常滿意', '合計'],
    );
    expect(rankingTable(element)[0]![2]).to.equal('得分 (95% 信賴區間)');
  });

  it('writes numbers, periods and levels in English', async () => {
    serve();
    const element = await mount({ lang: 'en' });
    await loaded(element);
    const table = rankingTable(element);
    expect(table[0]![0]).to.equal('Rank');
    expect(table.at(-1)).to.include.members(['District Education Bureau', 'Too few responses']);
    expect(textOf(element, '#shown-period option:checked')).to.equal('November 2026');
    expect(textOf(element, 'header .meta')).to.equal('Month · all time');
  });
});

describe('<minyi-scoreboard> in a changing page', () => {
  it('follows its lang attribute', async () => {
    serve();
    const element = await mount();
    await loaded(element);
    expect(rankingTable(element)[0]![0]).to.equal('名次');
    element.setAttribute('lang', 'en');
    await element.updateComplete;
    expect(rankingTable(element)[0]![0]).to.equal('Rank');
    expect(chartOf(element, 'ranking').data.labels![0]).to.match(/^1 District /);
  });

  it('takes the language of the component it sits in, across its shadow root', async () => {
    const host = document.createElement('div');
    host.setAttribute('lang', 'zh-TW');
    const root = host.attachShadow({ mode: 'open' });
    const element = document.createElement('minyi-scoreboard');
    element.setAttribute('collector', '/scores-api/');
    root.append(element);
    document.body.append(host);
    await element.updateComplete;
    expect($(element, 'label[for=token]').textContent?.trim()).to.equal('評估令牌');
  });

  it('draws again when moved within the page, even in the middle of a request', async () => {
    let calls = 0;
    worker.use(
      http.get('*/v1/scores', async () => {
        calls += 1;
        if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 200));
        return HttpResponse.json(data);
      }),
    );
    const element = await mount();
    await enterToken(element);
    const box = document.createElement('div');
    document.body.append(box);
    const rendered = nextEvent(element, 'minyi-rendered');
    box.append(element);
    await rendered;
    expect(calls).to.equal(2);
    expect(painted($<HTMLCanvasElement>(element, 'canvas[data-chart=ranking]'))).to.equal(true);
    box.append(element.ownerDocument.createElement('hr'));
    document.body.prepend(element);
    await element.updateComplete;
    // Loaded scores are kept: no new request, the charts are drawn again.
    expect(calls).to.equal(2);
    expect(painted($<HTMLCanvasElement>(element, 'canvas[data-chart=ranking]'))).to.equal(true);
  });
});

describe('<minyi-scoreboard> without a collector', () => {
  it('tells the web team, on the page and in an event', async () => {
    const element = document.createElement('minyi-scoreboard');
    element.setAttribute('lang', 'en');
    const failed = nextEvent<ScoreboardErrorEventDetail>(element, 'minyi-scores-error');
    const warn = console.warn;
    console.warn = () => {};
    try {
      document.body.append(element);
      expect((await failed).detail.code).to.equal('not-configured');
    } finally {
      console.warn = warn;
    }
    expect(textOf(element, '[role=alert]')).to.equal(
      'The collector’s address is not set: give <minyi-scoreboard> a collector attribute.',
    );
    expect(shadow(element).querySelector('#token')).to.equal(null);
  });
});

describe('defineElements', () => {
  it('leaves a page’s own element under the name alone and says so', () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const defined: string[] = [];
      const registry = {
        get: () => class extends HTMLElement {},
        define: (name: string) => defined.push(name),
      } as unknown as CustomElementRegistry;
      defineElements(registry);
      defineElements();
      expect(defined).to.deep.equal([]);
      expect(warnings).to.deep.equal([
        "[minyi] <minyi-scoreboard> is already defined by the page; Minyi's is not registered.",
        "[minyi] <minyi-cases> is already defined by the page; Minyi's is not registered.",
      ]);
    } finally {
      console.warn = warn;
    }
  });
});
