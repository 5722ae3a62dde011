import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { User, Webhook, WebhookDelivery } from '@newsroom/database';
import { invalid, notFound } from '@newsroom/domain';
import { checkEgressTarget } from '@newsroom/egress';
import { isUuid } from '../article-access/article-access.service';
import { AuthUser } from '../auth/auth-user';
import { GatewayConfig } from '../gateway.config';
import { CreateWebhookDto } from './dto/create-webhook.dto';

/** Webhook subscriptions; deliveries themselves are the review service's work. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: GatewayConfig,
  ) {}

  /**
   * Refuses a target inside the newsroom's own network (loopback, private,
   * link-local, ... unless NEWSROOM_WEBHOOK_ALLOWED_HOSTS lists it) and a name
   * that does not resolve: otherwise the delivery log would answer whether an
   * internal port is open. The review service checks again when it connects.
   */
  async create(dto: CreateWebhookDto, admin: AuthUser): Promise<Webhook> {
    const verdict = await checkEgressTarget(dto.url, this.config.webhookAllowList);
    if (!verdict.allowed && verdict.reason === 'unresolvable') throw invalid('WEBHOOK.UNRESOLVABLE_TARGET', `webhook url refused: ${verdict.message}`);
    if (!verdict.allowed) {
      throw invalid('WEBHOOK.FORBIDDEN_TARGET', `webhook url refused: ${verdict.message}; only public hosts, or those NEWSROOM_WEBHOOK_ALLOWED_HOSTS lists, can be targeted`);
    }
    const em = this.em.fork();
    const webhook = new Webhook(dto.url, dto.events, dto.secret, em.getReference(User, admin.id));
    await em.persist(webhook).flush();
    return webhook;
  }

  list(): Promise<Webhook[]> {
    return this.em.find(Webhook, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  /** Deleting stops deliveries at once: a queued delivery finds the webhook gone and does nothing. */
  async remove(id: string): Promise<void> {
    const deleted = isUuid(id) ? await this.em.fork().nativeDelete(Webhook, { id }) : 0;
    if (!deleted) throw notFound('WEBHOOK.NOT_FOUND', 'no such webhook');
  }

  async deliveries(id: string, limit: number): Promise<WebhookDelivery[]> {
    const webhook = isUuid(id) ? await this.em.findOne(Webhook, { id }) : null;
    if (!webhook) throw notFound('WEBHOOK.NOT_FOUND', 'no such webhook');
    return this.em.find(WebhookDelivery, { webhook }, { orderBy: { at: 'desc', attempt: 'desc' }, limit });
  }
}
