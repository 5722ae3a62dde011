import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from '@newsroom/contracts';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://portal.example/hooks/newsroom', description: 'http or https; receives a signed POST per event' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, example: ['review.approved', 'article.published'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events: WebhookEventType[];

  @ApiProperty({ minLength: 16, maxLength: 200, description: 'HMAC-SHA256 key for X-Newsroom-Signature; never shown again' })
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret: string;
}
