import { publishedInLog } from './publisher-log';

describe('articles a publisher says it published', () => {
  it('adds up every batch line, in coloured text or JSON logs', () => {
    const text = [
      '\u001b[32m[Nest] 41  - \u001b[39m12/06/2026, 10:00:00 \u001b[32m    LOG\u001b[39m \u001b[33m[ScheduledPublisher] \u001b[39m\u001b[32mpublished 500 scheduled article(s), the latest 812 ms after its slot\u001b[39m',
      '[Nest] 41  - 12/06/2026, 10:00:01     LOG [ScheduledPublisher] published 17 scheduled article(s), the latest 40 ms after its slot',
      '{"level":"log","context":"ScheduledPublisher","message":"published 3 scheduled article(s), the latest 9 ms after its slot"}',
    ].join('\n');
    expect(publishedInLog(text)).toBe(520);
  });

  it('counts nothing in a log without batches (a publisher that found everything taken)', () => {
    expect(publishedInLog('[Nest] 42  - LOG [NestApplication] consuming its queues\nnot publishing abc v3: already published')).toBe(0);
  });
});
