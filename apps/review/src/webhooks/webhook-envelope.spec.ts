import { webhookEnvelope } from './webhook-envelope';

describe('webhookEnvelope', () => {
  it('carries the event id, type and time, and only the article snapshot as data', () => {
    const article = { id: 'a1', headline: 'Pakta', version: 4 };
    const envelope = webhookEnvelope({
      id: 'e1',
      type: 'review.approved',
      occurredAt: new Date('2024-12-05T09:38:00.000Z'),
      payload: { article, claim: { editorId: 'x', expiresAt: 'y' } },
    });
    expect(envelope).toEqual({ id: 'e1', type: 'review.approved', occurredAt: '2024-12-05T09:38:00.000Z', data: { article } });
  });
});
