import { Body, Controller, HttpCode, ParseArrayPipe, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBody, ApiNotFoundResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { invalid } from '@newsroom/domain';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { RateLimit } from '../rate-limit/rate-limit.module';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { RecordViewDto } from './dto/record-view.dto';
import { BeaconClient, ViewsAccepted, ViewsService } from './views.service';

export const MAX_VIEWS_PER_BATCH = 500;

class ViewsAcceptedResponse implements ViewsAccepted {
  @ApiProperty({ description: 'views handed on to be counted; crawlers and unknown or unpublished articles are not', example: 1 })
  accepted: number;
}

/**
 * The site's view beacon. Counts reach `views` and the popular lists within
 * two seconds; a visitor's repeat view of an article within 30 minutes counts
 * once; crawlers (by User-Agent) count zero but still get 202.
 */
@ApiTags('public')
@Public()
@RateLimited(RateLimit.ViewBeacon)
@Controller('views')
export class ViewsController {
  constructor(private readonly views: ViewsService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ViewsAcceptedResponse, description: 'accepted: the view is queued to be counted' })
  @ApiNotFoundResponse({ description: 'no published article with that slug or id' })
  @ApiBadRequestResponse({ description: 'neither or both of slug and articleId, or a malformed field' })
  record(@Body() dto: RecordViewDto, @Req() request: FastifyRequest): Promise<ViewsAccepted> {
    return this.views.record(dto, beaconClient(request));
  }

  @Post('batch')
  @HttpCode(202)
  @ApiBody({ type: RecordViewDto, isArray: true, description: `1..${MAX_VIEWS_PER_BATCH} views as a bare array` })
  @ApiAcceptedResponse({ type: ViewsAcceptedResponse, description: 'accepted; unknown or unpublished articles count zero' })
  @ApiBadRequestResponse({ description: `not an array of 1..${MAX_VIEWS_PER_BATCH} valid views; nothing is counted then` })
  recordBatch(
    @Body(new ParseArrayPipe({ items: RecordViewDto, whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } }))
    dtos: RecordViewDto[],
    @Req() request: FastifyRequest,
  ): Promise<ViewsAccepted> {
    if (dtos.length < 1 || dtos.length > MAX_VIEWS_PER_BATCH) {
      throw invalid('VIEWS.BATCH_SIZE', `a batch holds 1 to ${MAX_VIEWS_PER_BATCH} views, not ${dtos.length}`);
    }
    return this.views.recordBatch(dtos, beaconClient(request));
  }
}

/** Behind the site's proxy (trustProxy is on), request.ip is the reader's address from X-Forwarded-For. */
function beaconClient(request: FastifyRequest): BeaconClient {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' };
}
