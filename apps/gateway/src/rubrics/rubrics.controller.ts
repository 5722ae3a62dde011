import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Body, Controller, Get, Logger, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EventType, SITE_CONTENT_CHANNEL, SiteContentChange } from '@newsroom/contracts';
import { logSafeError, OutboxEvent, Rubric } from '@newsroom/database';
import { conflict, Role } from '@newsroom/domain';
import { RubricResponse } from '@newsroom/http';
import { OutboxRelay } from '@newsroom/outbox';
import { RedisClient } from '@newsroom/redis';
import { Roles } from '../auth/auth.decorators';
import { CreateRubricDto } from './dto/create-rubric.dto';

@ApiTags('rubrics')
@Controller('rubrics')
export class RubricsController {
  private readonly logger = new Logger(RubricsController.name);

  constructor(
    private readonly em: EntityManager,
    private readonly redis: RedisClient,
    private readonly relay: OutboxRelay,
  ) {}

  @Post()
  @ApiBearerAuth()
  @Roles(Role.Admin, Role.Editor)
  @ApiCreatedResponse({ type: RubricResponse })
  @ApiConflictResponse({ description: 'the slug is taken' })
  async create(@Body() dto: CreateRubricDto): Promise<RubricResponse> {
    const rubric = new Rubric(dto.slug, dto.name.trim());
    // committed with the rubric: the outbox purges the edge's pages (their navigation), however this process fares after the commit
    const event = new OutboxEvent(EventType.RubricCreated, null, { rubric: { slug: rubric.slug, name: rubric.name } });
    try {
      await this.em.fork().persist([rubric, event]).flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('RUBRIC.SLUG_TAKEN', `the rubric ${dto.slug} exists already`);
      throw error;
    }
    this.relay.relayInBackground([event]);
    await this.announceRubricsChanged();
    return { slug: rubric.slug, name: rubric.name };
  }

  /**
   * The rubrics for the staff (the desk's forms, through this app's own API):
   * the readers' public GET /rubrics is the site's, cached there; this one
   * asks for a token, since it is not the readers' and has no public limit.
   */
  @Get()
  @ApiBearerAuth()
  @ApiOkResponse({ type: RubricResponse, isArray: true })
  async list(): Promise<RubricResponse[]> {
    const rubrics = await this.em.fork().find(Rubric, {}, { orderBy: { name: 'asc' } });
    return rubrics.map((r) => ({ slug: r.slug, name: r.name }));
  }

  /**
   * Every page names the rubrics (its navigation), so each replica drops its
   * pages; a lost announcement leaves the new rubric out of the navigation
   * until the pages expire (NEWSROOM_SITE_CACHE_TTL_SECONDS), never a wrong answer.
   */
  private async announceRubricsChanged(): Promise<void> {
    const change: SiteContentChange = { kind: 'rubrics' };
    await this.redis
      .publish(this.redis.channel(SITE_CONTENT_CHANNEL), JSON.stringify(change))
      .catch((error: unknown) => this.logger.warn(`could not announce the new rubric to the readers' caches: ${logSafeError(error)}`));
  }
}
