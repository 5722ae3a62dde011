import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role } from '@newsroom/domain';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { DELIVERIES_DEFAULT_LIMIT, ListDeliveriesQuery } from './dto/list-deliveries.query';
import { WebhookDeliveryResponse } from './webhook-delivery.response';
import { WebhookResponse } from './webhook.response';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'not an admin' })
@Roles(Role.Admin)
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiCreatedResponse({
    type: WebhookResponse,
    description:
      'Each event is POSTed as JSON {id, type, occurredAt, data: {article}} with X-Newsroom-Signature: sha256=<hex HMAC-SHA256 of the raw body>, ' +
      'X-Newsroom-Event (the type) and X-Newsroom-Delivery (the attempt). Failures are retried with exponential backoff (first retry after ~2 s, for over two hours); ' +
      'the body\'s id stays the same across retries.',
  })
  @ApiBadRequestResponse({
    description:
      'invalid body; WEBHOOK.FORBIDDEN_TARGET: the URL\'s host is, or resolves to, a loopback, private, link-local or otherwise internal address ' +
      'not listed in NEWSROOM_WEBHOOK_ALLOWED_HOSTS; WEBHOOK.UNRESOLVABLE_TARGET: the host name does not resolve',
  })
  async create(@Body() dto: CreateWebhookDto, @CurrentUser() admin: AuthUser): Promise<WebhookResponse> {
    return WebhookResponse.of(await this.webhooks.create(dto, admin));
  }

  @Get()
  @ApiOkResponse({ type: WebhookResponse, isArray: true })
  async list(): Promise<WebhookResponse[]> {
    return (await this.webhooks.list()).map((w) => WebhookResponse.of(w));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted; pending deliveries are dropped' })
  @ApiNotFoundResponse({ description: 'no such webhook' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.webhooks.remove(id);
  }

  @Get(':id/deliveries')
  @ApiOkResponse({ type: WebhookDeliveryResponse, isArray: true, description: 'delivery attempts, newest first' })
  @ApiNotFoundResponse({ description: 'no such webhook' })
  async deliveries(@Param('id') id: string, @Query() query: ListDeliveriesQuery): Promise<WebhookDeliveryResponse[]> {
    return (await this.webhooks.deliveries(id, query.limit ?? DELIVERIES_DEFAULT_LIMIT)).map((d) => WebhookDeliveryResponse.of(d));
  }
}
