import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  DEFAULT_FAULT_RATES,
  drawFate,
  FAULT_KINDS,
  type FaultKind,
  type FaultProxy,
  startFaultProxy,
} from '../chaos/fault-proxy.js';
import { planScenario, type Step } from '../chaos/plan.js';
import { mulberry32, stream } from '../chaos/random.js';

describe('fault draws', () => {
  test('follow the configured rates', () => {
    const random = mulberry32(7);
    const counts: Record<string, number> = {};
    const draws = 100_000;
    for (let i = 0; i < draws; i++) {
      const fate = drawFate(random(), DEFAULT_FAULT_RATES);
      counts[fate] = (counts[fate] ?? 0) + 1;
    }
    for (const kind of FAULT_KINDS) {
      expect(counts[kind]! / draws).toBeCloseTo(DEFAULT_FAULT_RATES[kind], 2);
    }
    expect(counts.pass! / draws).toBeCloseTo(0.65, 2);
  });
});

describe('the scenario plan', () => {
  test('is the same for the same seed and differs for another', () => {
    const a = planScenario(stream(1, 'scenario'), 300);
    expect(planScenario(stream(1, 'scenario'), 300)).toEqual(a);
    expect(planScenario(stream(2, 'scenario'), 300)).not.toEqual(a);
  });

  test.each([1, 7, 40, 300, 2_000])('of %i answers is complete and never reloads offline', (n) => {
    for (let seed = 0; seed < 20; seed++) {
      const plan = planScenario(stream(seed, 'scenario'), n);
      let offline = false;
      const indices: number[] = [];
      const check = (step: Step) => {
        if (step.kind === 'offline') {
          expect(offline).toBe(false);
          offline = true;
        } else if (step.kind === 'online') {
          expect(offline).toBe(true);
          offline = false;
        } else if (step.kind === 'answer') {
          indices.push(step.index);
          if (offline) expect(step.after).toBe('none');
        }
      };
      plan.steps.forEach(check);
      expect(offline, 'the plan ends online').toBe(false);
      expect(indices).toEqual(Array.from({ length: n }, (_, i) => i));
      if (n >= 40) {
        expect(plan.offlineSpells).toBeGreaterThanOrEqual(3);
        expect(plan.reloads).toBeGreaterThanOrEqual(4);
        expect(plan.midRequestReloads).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

describe('the fault proxy', () => {
  let upstream: Server;
  let upstreamUrl: string;
  let posts: number;
  let proxy: FaultProxy | undefined;

  beforeEach(async () => {
    posts = 0;
    upstream = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        if (request.method === 'POST') posts += 1;
        response.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'yes' });
        response.end('{"results":[]}');
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  });

  const only = (kind: FaultKind) =>
    Object.fromEntries(FAULT_KINDS.map((k) => [k, k === kind ? 1 : 0])) as Record<
      FaultKind,
      number
    >;

  const start = async (rates: Record<FaultKind, number>, hangMs = 200) => {
    proxy = await startFaultProxy({ upstream: upstreamUrl, random: mulberry32(1), rates, hangMs });
    return proxy;
  };

  const post = (base: string) =>
    fetch(`${base}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"responses":[{"id":"a"},{"id":"b"}]}',
    });

  test('answers 503 without forwarding', async () => {
    const { url, stats } = await start(only('unavailable'));
    expect((await post(url)).status).toBe(503);
    expect(posts).toBe(0);
    expect(stats).toMatchObject({ ingestRequests: 1, answersCarried: 2 });
    expect(stats.fates.unavailable).toBe(1);
  });

  test('forwards, then answers 500', async () => {
    const { url } = await start(only('stored-then-500'));
    expect((await post(url)).status).toBe(500);
    expect(posts).toBe(1);
  });

  test('resets the connection without forwarding', async () => {
    const { url } = await start(only('reset'));
    await expect(post(url)).rejects.toThrow();
    expect(posts).toBe(0);
  });

  test('forwards, then holds the answer and drops the connection', async () => {
    const { url } = await start(only('hang'), 300);
    const began = Date.now();
    await expect(post(url)).rejects.toThrow();
    expect(Date.now() - began).toBeGreaterThanOrEqual(250);
    expect(posts).toBe(1);
    expect(proxy!.stats.hangsAbandoned).toBe(0);
  });

  test('counts a hang the client gave up on', async () => {
    const { url, stats } = await start(only('hang'), 5_000);
    await expect(
      fetch(`${url}/v1/responses`, {
        method: 'POST',
        body: '{}',
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stats.hangsAbandoned).toBe(1);
  });

  test('relays the collector when no fault is drawn, and when faults are off', async () => {
    const running = await start(only('unavailable'));
    running.faults = false;
    const response = await post(running.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.text()).toBe('{"results":[]}');
    expect(running.stats.fates.pass).toBe(1);
  });

  test('forwards everything but ingest untouched', async () => {
    const { url } = await start(only('unavailable'));
    const response = await fetch(`${url}/v1/surveys/x`);
    expect(response.status).toBe(200);
    expect(posts).toBe(0);
  });

  test('holds a matching request until released', async () => {
    const running = await start(only('unavailable'), 5_000);
    const held = running.holdNext(() => true, 1_000);
    let answered = false;
    const request = post(running.url).then((response) => {
      answered = true;
      return response.status;
    });
    const release = await held;
    expect(release).toBeTypeOf('function');
    // The held request reached the collector and skipped the fault draw.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(posts).toBe(1);
    expect(answered).toBe(false);
    release!();
    expect(await request).toBe(200);
    expect(running.stats.held).toBe(1);
  });

  test('gives up holding when nothing matches in time', async () => {
    const running = await start(only('unavailable'));
    expect(await running.holdNext(() => false, 50)).toBeUndefined();
  });

  test('closes promptly while a request hangs', async () => {
    const running = await start(only('hang'), 60_000);
    const request = post(running.url).catch(() => 'dropped');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const began = Date.now();
    await running.close();
    expect(await request).toBe('dropped');
    expect(Date.now() - began).toBeLessThan(1_000);
  });
});
