import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { WEBHOOK_EVENT_TYPES, WebhookEventType } from '@newsroom/contracts';
import { parseHttpUrl } from '@newsroom/egress';

/**
 * Read with the WHATWG URL parser, the one the delivery's fetch uses: a
 * stricter parser would answer "not a URL" for http://127.1/, which fetch
 * happily reaches, instead of letting the target check refuse what it means.
 */
const IsHttpUrl = () =>
  ValidateBy({
    name: 'isHttpUrl',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseHttpUrl(value) !== null,
      defaultMessage: () => 'url must be an http:// or https:// URL without credentials',
    },
  });

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://portal.example/hooks/newsroom', description: 'http or https; receives a signed POST per event. Loopback, private, link-local and other internal hosts (also by the addresses a name resolves to) -> 400 WEBHOOK.FORBIDDEN_TARGET unless NEWSROOM_WEBHOOK_ALLOWED_HOSTS lists them; a name that does not resolve -> 400 WEBHOOK.UNRESOLVABLE_TARGET' })
  @IsHttpUrl()
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
