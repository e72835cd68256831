import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../src/index.js';
import { api, makeResponse, post, startTestCollector } from './helpers.js';

describe('rate limits', () => {
  it('answer 429 with Retry-After once an address has used its requests, sparing /healthz', async () => {
    const { url, storage } = await startTestCollector({ rateLimit: { perAddress: 5 } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await post(url, { responses: [makeResponse()] })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await post(url, { responses: [makeResponse()] });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.json).toEqual({
      error: expect.stringMatching(/^too many requests from this address; try again in \d+ s$/),
      retryAfter: Number(limited.headers.get('retry-after')),
    });
    // Reads count too; the load balancer's probe does not.
    expect((await api(url, 'GET', '/v1/surveys/page-feedback')).status).toBe(429);
    expect((await api(url, 'GET', '/healthz')).status).toBe(200);
    expect(await storage.countResponses()).toBe(5);
  });

  it('take the address from X-Forwarded-For only behind a trusted proxy', async () => {
    const direct = await startTestCollector({ rateLimit: { perAddress: 2 } });
    const behind = await startTestCollector({ rateLimit: { perAddress: 2 }, trustProxy: true });
    const send = (url: string, address: string) =>
      post(url, { responses: [makeResponse()] }, 'application/json', {
        // A client may put anything first; the proxy appends the address it saw.
        'x-forwarded-for': `10.9.9.9, ${address}`,
      });
    const directStatuses = [];
    const behindStatuses = [];
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4']) {
      directStatuses.push((await send(direct.url, address)).status);
      behindStatuses.push((await send(behind.url, address)).status);
    }
    expect(directStatuses).toEqual([200, 200, 429, 429]);
    expect(behindStatuses).toEqual([200, 200, 200, 200]);
    const again = [await send(behind.url, '198.51.100.1'), await send(behind.url, '198.51.100.1')];
    expect(again.map((reply) => reply.status)).toEqual([200, 429]);
  });

  it('limit a device key however many addresses it comes from', async () => {
    const { url, storage } = await startTestCollector({
      rateLimit: { perAddress: 0, perDevice: 3 },
    });
    const send = (device: string) =>
      post(url, { responses: [makeResponse()], device }, 'application/json');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send('flooding-device-1')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await send('flooding-device-1');
    expect(limited.json.error).toMatch(/^too many requests from this device/);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await send('another-device-1')).status).toBe(200);
    expect(await storage.countResponses()).toBe(4);
  });

  it('have defaults a resident never reaches', () => {
    expect(DEFAULT_RATE_LIMITS.perDevice).toBeGreaterThanOrEqual(60);
    expect(DEFAULT_RATE_LIMITS.perAddress).toBeGreaterThanOrEqual(600);
  });
});
