import { Module } from '@nestjs/common';
import { PublicArticlesController } from './public-articles.controller';
import { PublishedArticlesService } from './published-articles.service';

/** The readers' API: GET /articles/latest, /articles/popular, /articles/:slug. */
@Module({ controllers: [PublicArticlesController], providers: [PublishedArticlesService] })
export class PublicModule {}
