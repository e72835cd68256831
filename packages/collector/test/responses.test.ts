import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT, RECEIPT_PATTERN } from '../src/index.js';
import {
  ADAPTERS,
  type Adapter,
  makeResponse,
  post,
  postResponses,
  startTestCollector,
} from './helpers.js';

describe.each(ADAPTERS)('POST /v1/responses ($name)', (adapter: Adapter) => {
  it('accepts a response with a receipt, then answers duplicate with the same receipt', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const response = makeResponse();
    const first = await postResponses(url, response);
    expect(first.results).toEqual([
      { id: response.id, status: 'accepted', receipt: expect.stringMatching(RECEIPT_PATTERN) },
    ]);
    const again = await postResponses(url, response);
    expect(again.results).toEqual([
      { id: response.id, status: 'duplicate', receipt: first.results[0]!.receipt },
    ]);
    const stored = await storage.listResponses();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      id: response.id,
      survey: 'page-feedback',
      surveyVersion: 1,
      kind: 'satisfaction',
      subject: 'portal/home',
      group: undefined,
      createdAt: response.createdAt,
      json: JSON.stringify(response),
      receipt: first.results[0]!.receipt,
    });
    expect(Date.parse(stored[0]!.receivedAt)).not.toBeNaN();
  });

  it('rejects the same id with different content and keeps the first', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const response = makeResponse();
    await postResponses(url, response);
    const changed = { ...response, answers: { overall: 'very-dissatisfied' } };
    const { results } = await postResponses(url, changed);
    expect(results).toEqual([
      {
        id: response.id,
        status: 'rejected',
        error: expect.stringContaining('already used for a different response'),
      },
    ]);
    expect(results[0]!.error).toMatch(/^responses\[0\]\.id: /);
    const stored = await storage.listResponses();
    expect(stored.map((r) => r.json)).toEqual([JSON.stringify(response)]);
  });

  it('treats the same response with its keys in another order as a duplicate', async () => {
    const { url } = await startTestCollector({ adapter });
    const response = makeResponse({ answers: { overall: 'satisfied' }, group: 'resident' });
    const first = await postResponses(url, response);
    const reordered = Object.fromEntries(Object.entries(response).reverse());
    const again = await postResponses(url, reordered);
    expect(again.results[0]).toEqual({
      id: response.id,
      status: 'duplicate',
      receipt: first.results[0]!.receipt,
    });
  });

  it('stores 50 concurrent submissions of one id once: one accepted, 49 duplicates', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const response = makeResponse();
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => postResponses(url, response)),
    );
    const results = replies.map((reply) => reply.results[0]!);
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(49);
    expect(new Set(results.map((r) => r.receipt)).size).toBe(1);
    expect(await storage.countResponses()).toBe(1);
  });

  it('handles repeated ids inside one batch like separate requests', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const response = makeResponse();
    const other = makeResponse();
    const { results } = await postResponses(url, response, other, response, {
      ...response,
      comment: '不一样',
    });
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'duplicate', 'rejected']);
    expect(results[2]!.receipt).toBe(results[0]!.receipt);
    expect(results[1]!.receipt).not.toBe(results[0]!.receipt);
    expect(results[3]!.error).toMatch(/^responses\[3\]\.id: .*already used/);
    expect(await storage.countResponses()).toBe(2);
  });

  it('stores only the valid responses of a mixed batch and names every problem by path', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const valid = [makeResponse(), makeResponse()];
    const invalid = makeResponse({ createdAt: '2025-03-14 09:26', page: 'https://x.gov.cn/?q=1' });
    const { results } = await postResponses(url, valid[0], invalid, 'not an object', valid[1], {
      id: 7,
    });
    expect(results.map((r) => [r.id, r.status])).toEqual([
      [valid[0]!.id, 'accepted'],
      [invalid.id, 'rejected'],
      ['', 'rejected'],
      [valid[1]!.id, 'accepted'],
      ['', 'rejected'],
    ]);
    expect(results[1]!.error).toBe(
      'responses[1].page: expected an absolute http(s) URL without query or fragment; ' +
        'responses[1].createdAt: expected an ISO 8601 date-time with a time zone offset',
    );
    expect(results[1]).not.toHaveProperty('receipt');
    expect(results[2]!.error).toMatch(/^responses\[2\]: /);
    expect(results[4]!.error).toContain('responses[4].id: expected a UUID string');
    expect(results[4]!.error).toContain('responses[4].survey: ');
    expect((await storage.listResponses()).map((r) => r.id)).toEqual(valid.map((r) => r.id));
  });

  it('checks every response against the definition of the survey it names', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const { results } = await postResponses(
      url,
      makeResponse(),
      makeResponse({ surveyVersion: 2 }),
      makeResponse({ answers: { overall: 'satisfied', speed: 'satisfied' } }),
      makeResponse({ survey: 'defined-elsewhere' }),
    );
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected']);
    expect(results[1]!.error).toBe(
      'responses[1].surveyVersion: survey "page-feedback" has no version 2 on this collector',
    );
    expect(results[2]!.error).toBe(
      'responses[2].answers.speed: survey "page-feedback" version 1 has no dimension "speed"',
    );
    expect(results[3]!.error).toBe('responses[3].survey: unknown survey "defined-elsewhere"');
    expect(await storage.countResponses()).toBe(1);
  });

  it('accepts text/plain, as navigator.sendBeacon sends it', async () => {
    const { url } = await startTestCollector({ adapter });
    const response = makeResponse();
    const reply = await post(url, { responses: [response] }, 'text/plain;charset=UTF-8');
    expect(reply.status).toBe(200);
    expect(reply.json.results?.[0]?.status).toBe('accepted');
    const asJson = await post(url, { responses: [response] }, 'application/json; charset=utf-8');
    expect(asJson.json.results?.[0]).toMatchObject({ status: 'duplicate' });
  });

  it.each([
    ['application/x-www-form-urlencoded'],
    ['multipart/form-data; boundary=x'],
    ['application/xml'],
  ])('refuses %s with 415 naming the accepted types', async (type) => {
    const { url, storage } = await startTestCollector({ adapter });
    const reply = await post(url, { responses: [makeResponse()] }, type);
    expect(reply.status).toBe(415);
    expect(reply.json.accepted).toEqual(['application/json', 'text/plain']);
    expect(reply.json.error).toMatch(/application\/json or text\/plain/);
    expect(await storage.countResponses()).toBe(0);
  });

  it('refuses a body without a content type with 415', async () => {
    const { url } = await startTestCollector({ adapter });
    const reply = await fetch(`${url}/v1/responses`, {
      method: 'POST',
      body: new Uint8Array(Buffer.from(JSON.stringify({ responses: [makeResponse()] }))),
    });
    expect(reply.status).toBe(415);
  });

  it('refuses bodies over 64 KiB with 413 naming the limit', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const padding = 'x'.repeat(BODY_LIMIT);
    const reply = await post(url, { responses: [makeResponse({ comment: padding })] });
    expect(reply.status).toBe(413);
    expect(reply.json).toEqual({ error: expect.stringContaining('65536 bytes'), limit: 65536 });
    expect(await storage.countResponses()).toBe(0);
  });

  it('takes a body of exactly 64 KiB', async () => {
    const { url } = await startTestCollector({ adapter });
    const shell = JSON.stringify({ responses: [makeResponse({ note: '' })] });
    const note = 'x'.repeat(BODY_LIMIT - Buffer.byteLength(shell));
    const body = JSON.stringify({ responses: [makeResponse({ note })] });
    expect(Buffer.byteLength(body)).toBe(BODY_LIMIT);
    expect((await post(url, body)).status).toBe(200);
  });

  describe('malformed envelopes are 400 with the path of every problem, and store nothing', () => {
    const cases: [string, string, { path: string; message: RegExp }[]][] = [
      ['not JSON', '{"responses": [', [{ path: '$', message: /^not valid JSON: / }]],
      ['empty body', '', [{ path: '$', message: /^not valid JSON: / }]],
      ['an array', '[]', [{ path: '$', message: /expected an object/ }]],
      ['a string', '"hello"', [{ path: '$', message: /expected an object/ }]],
      ['null', 'null', [{ path: '$', message: /expected an object/ }]],
      ['no responses', '{}', [{ path: 'responses', message: /expected an array/ }]],
      [
        'responses not an array',
        '{"responses": {"0": {}}}',
        [{ path: 'responses', message: /expected an array/ }],
      ],
      ['no response', '{"responses": []}', [{ path: 'responses', message: /at least 1/ }]],
    ];
    it.each(cases)('%s', async (_name, body, issues) => {
      const { url, storage } = await startTestCollector({ adapter });
      const reply = await post(url, body);
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({
        error: expect.any(String),
        issues: issues.map((issue) => ({
          path: issue.path,
          message: expect.stringMatching(issue.message),
        })),
      });
      expect(await storage.countResponses()).toBe(0);
    });

    it('101 responses, valid or not', async () => {
      const { url, storage } = await startTestCollector({ adapter });
      const responses = Array.from({ length: 101 }, () => makeResponse({ id: randomUUID() }));
      const reply = await post(url, { responses });
      expect(reply.status).toBe(400);
      expect(reply.json.issues).toEqual([
        { path: 'responses', message: 'expected at most 100 responses' },
      ]);
      expect(await storage.countResponses()).toBe(0);
      const hundred = await post(url, { responses: responses.slice(0, 100) });
      expect(hundred.status).toBe(200);
      expect(await storage.countResponses()).toBe(100);
    });
  });
});
