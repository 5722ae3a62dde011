import { childTraceparent, currentTraceIds, runWithTrace, traceFromHeaders, traceFromIds, traceIdOf } from './trace-context';

describe('trace context', () => {
  it("keeps a client's request id and trace id, and makes them when missing or malformed", () => {
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const trace = traceFromHeaders({ 'x-request-id': 'req-42', traceparent: parent });
    expect(trace.requestId).toBe('req-42');
    expect(traceIdOf(trace.traceparent)).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(trace.traceparent).not.toBe(parent);
    const made = traceFromHeaders({ 'x-request-id': 'bad id\nwith newline', traceparent: '00-' + '0'.repeat(32) + '-b7ad6b7169203331-01' });
    expect(made.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(traceIdOf(made.traceparent)).not.toBe('0'.repeat(32));
    expect(traceFromHeaders({ 'x-request-id': 'x'.repeat(129) }).requestId).not.toBe('x'.repeat(129));
  });

  it('hands on the ids of the work in progress only', () => {
    expect(currentTraceIds()).toBeUndefined();
    const trace = traceFromIds({ requestId: 'req-7', traceparent: childTraceparent(undefined) }, { articleId: 'a1' });
    runWithTrace(trace, () => expect(currentTraceIds()).toEqual({ requestId: 'req-7', traceparent: trace.traceparent }));
    expect(trace.articleId).toBe('a1');
  });
});
