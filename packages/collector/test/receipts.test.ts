import { receiptViewSchema } from '@minyi/schema';
import { describe, expect, it } from 'vitest';
import {
  ADAPTERS,
  makeEvaluation,
  makeOpinion,
  makeToken,
  postResponses,
  startTestCollector,
} from './helpers.js';

describe.each(ADAPTERS)('GET /v1/receipts/{code} ($name)', (adapter) => {
  it('shows its holder when the answer was received, and nothing else', async () => {
    const collector = await startTestCollector({ adapter });
    const evaluation = makeEvaluation({ comment: '窗口服务很好' });
    const { results } = await postResponses(collector.url, evaluation, makeEvaluation());
    const receipt = results[0]!.receipt!;
    // Read aloud and typed: case, spaces and dashes do not matter.
    const loose = ` ${receipt.toLowerCase().replaceAll('-', ' ')} `;
    const response = await fetch(`${collector.url}/v1/receipts/${encodeURIComponent(loose)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const view = await response.json();
    expect(receiptViewSchema.safeParse(view).success).toBe(true);
    const stored = (await collector.storage.listResponses())[0]!;
    expect(view).toEqual({
      code: receipt,
      receivedAt: stored.receivedAt,
      kind: 'evaluation',
      survey: {
        id: 'department-evaluation',
        title: expect.objectContaining({ 'zh-Hans': expect.any(String) }),
      },
    });
    // Nothing of the answer itself, nor of the other answer: no id, answers, comment, device.
    const text = JSON.stringify(view);
    for (const secret of [
      evaluation.id as string,
      '窗口服务很好',
      results[1]!.receipt!,
      'satisfied',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('answers an unknown code and a malformed one alike', async () => {
    const collector = await startTestCollector({ adapter });
    const answers = await Promise.all(
      ['ABCD-EFGH-JKMN', 'not a code', '0000-1111-IIII', 'x'.repeat(300)].map(async (code) => {
        const response = await fetch(`${collector.url}/v1/receipts/${encodeURIComponent(code)}`);
        return [response.status, await response.text()];
      }),
    );
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0]![0]).toBe(404);
  });

  it('shows a participant the consultation, and its outcome once published', async () => {
    const collector = await startTestCollector({ adapter });
    const { results } = await postResponses(collector.url, makeOpinion());
    const receipt = results[0]!.receipt!;
    let view = await (await fetch(`${collector.url}/v1/receipts/${receipt}`)).json();
    expect(view.kind).toBe('consultation');
    expect(view.consultation).toMatchObject({ id: 'elevator-retrofit', status: 'open' });

    const admin = await makeToken(collector.storage, 'admin');
    const move = (body: unknown) =>
      fetch(`${collector.url}/v1/consultations/elevator-retrofit/status`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await move({ status: 'closed' })).status).toBeLessThan(300);
    expect(
      (
        await move({
          status: 'published',
          outcome: { text: { 'zh-Hans': '经协商，补助标准调整为每台25万元。' } },
        })
      ).status,
    ).toBeLessThan(300);
    view = await (await fetch(`${collector.url}/v1/receipts/${receipt}`)).json();
    expect(receiptViewSchema.safeParse(view).success).toBe(true);
    expect(view.consultation.status).toBe('published');
    expect(view.consultation.outcome.text['zh-Hans']).toContain('25万元');
    expect(view.consultation.outcome.tally.byOption.support).toBe(1);
  });
});
