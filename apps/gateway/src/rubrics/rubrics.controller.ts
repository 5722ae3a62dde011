import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Rubric } from '@newsroom/database';
import { conflict, Role } from '@newsroom/domain';
import { Public, Roles } from '../auth/auth.decorators';
import { RateLimit } from '../rate-limit/rate-limit.module';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { CreateRubricDto } from './dto/create-rubric.dto';
import { RubricResponse } from './rubric.response';

@ApiTags('rubrics')
@Controller('rubrics')
export class RubricsController {
  constructor(private readonly em: EntityManager) {}

  @Post()
  @ApiBearerAuth()
  @Roles(Role.Admin, Role.Editor)
  @ApiCreatedResponse({ type: RubricResponse })
  @ApiConflictResponse({ description: 'the slug is taken' })
  async create(@Body() dto: CreateRubricDto): Promise<RubricResponse> {
    const rubric = new Rubric(dto.slug, dto.name.trim());
    try {
      await this.em.fork().persist(rubric).flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict('RUBRIC.SLUG_TAKEN', `the rubric ${dto.slug} exists already`);
      throw error;
    }
    return { slug: rubric.slug, name: rubric.name };
  }

  @Public()
  @RateLimited(RateLimit.PublicRead)
  @Get()
  @ApiOkResponse({ type: RubricResponse, isArray: true })
  async list(): Promise<RubricResponse[]> {
    const rubrics = await this.em.find(Rubric, {}, { orderBy: { name: 'asc' } });
    return rubrics.map((r) => ({ slug: r.slug, name: r.name }));
  }
}
