import { Module } from '@nestjs/common';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';
import { WebhookDeliveryService } from './webhook-delivery.service';

@Module({ providers: [WebhookDeliveryProcessor, WebhookDeliveryService] })
export class WebhooksModule {}
