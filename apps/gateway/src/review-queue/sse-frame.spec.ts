import { sseComment, sseEvent } from './sse-frame';

describe('SSE framing', () => {
  it('frames an event with its name and one data line, ended by a blank line', () => {
    expect(sseEvent('claimed', '{"a":1}')).toBe('event: claimed\ndata: {"a":1}\n\n');
  });

  it('splits multi-line data into data fields so a newline cannot end the event early', () => {
    expect(sseEvent('left', 'one\ntwo\r\nthree')).toBe('event: left\ndata: one\ndata: two\ndata: three\n\n');
  });

  it('keeps line breaks out of the event name and comments', () => {
    expect(sseEvent('bad\nname', 'x')).toBe('event: badname\ndata: x\n\n');
    expect(sseComment('heart\nbeat')).toBe(': heart beat\n\n');
  });
});
