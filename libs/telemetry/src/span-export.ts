import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace as otelTrace, Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/**
 * OpenTelemetry export of the newsroom's own traces, off unless a collector's
 * URL is set (NEWSROOM_OTEL_ENDPOINT): one span per HTTP request and one per
 * queue job, sent over OTLP/HTTP in batches. The W3C traceparent the apps
 * already hand on (requests, jobs, outbox events, webhooks) carries each
 * span's id, so the spans of one article's journey through five apps form one
 * trace in the collector. No global registration and no auto-instrumentation:
 * nothing changes when the setting is unset.
 */
let tracer: Tracer | undefined;
let provider: BasicTracerProvider | undefined;

/** How often a batch of finished spans is sent. */
const EXPORT_EVERY_MS = 1000;

export function startSpanExport(service: string, endpoint: string | undefined): void {
  if (!endpoint || tracer) return;
  provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: `newsroom-${service}` }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }), { scheduledDelayMillis: EXPORT_EVERY_MS })],
  });
  tracer = provider.getTracer('newsroom');
}

/** Sends what is still buffered (a drained shutdown calls it last). */
export async function stopSpanExport(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
  tracer = undefined;
}

/** One hop's span: its traceparent is what the hop hands on, so the next hops' spans are its children. */
export interface HopSpan {
  traceparent: string;
  end(name: string, attributes: Record<string, string | number | undefined>, failed: boolean): void;
}

const TRACEPARENT = /^00-(?!0{32})([0-9a-f]{32})-(?!0{16})([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A span child of `parent` (the caller's traceparent), or the root of a new trace; none while export is off. */
export function startHopSpan(kind: 'server' | 'consumer', parent: string | undefined): HopSpan | undefined {
  if (!tracer) return undefined;
  const match = parent ? TRACEPARENT.exec(parent) : null;
  const parentContext = match
    ? otelTrace.setSpanContext(ROOT_CONTEXT, { traceId: match[1], spanId: match[2], traceFlags: parseInt(match[3], 16), isRemote: true })
    : ROOT_CONTEXT;
  const span = tracer.startSpan('newsroom', { kind: kind === 'server' ? SpanKind.SERVER : SpanKind.CONSUMER }, parentContext);
  const own = span.spanContext();
  return {
    traceparent: `00-${own.traceId}-${own.spanId}-${match ? match[3] : '01'}`,
    end(name, attributes, failed) {
      span.updateName(name);
      for (const [key, value] of Object.entries(attributes)) if (value !== undefined) span.setAttribute(key, value);
      if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}
