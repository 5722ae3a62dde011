import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
}

/** The contract's error message(s) as one line for a person. */
export function apiMessage(answer: ApiAnswer): string {
  const message = (answer.body as { message?: string | string[] } | undefined)?.message;
  return Array.isArray(message) ? message.join('; ') : (message ?? `HTTP ${answer.status}`);
}

/**
 * The desk acts through the gateway's own HTTP API, in process (Fastify's
 * inject: no socket), with the staff member's token. So every rule the API
 * enforces (roles, validation, versions, four-eyes, rate limits) holds for the
 * desk as well, and the desk depends on the contract, not on other modules'
 * internals. The person's address (as the injected request's socket
 * address) and browser travel along, so per-IP limits
 * count the person, not the gateway.
 */
@Injectable()
export class StaffApi {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async call<T = any>(from: FastifyRequest, token: string | undefined, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<ApiAnswer<T>> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const response = await fastify.inject({
      method,
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
        'user-agent': from.headers['user-agent'] ?? '',
      },
      payload: payload === undefined ? undefined : JSON.stringify(payload),
      // the person's address as the socket's, not as a forwarding header: the API trusts those only from real proxies
      remoteAddress: from.ip,
    });
    let body: unknown;
    try {
      body = response.body ? JSON.parse(response.body) : undefined;
    } catch {
      body = { message: response.body };
    }
    return { status: response.statusCode, body: body as T };
  }
}
