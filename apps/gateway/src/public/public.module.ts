import { Module } from '@nestjs/common';
import { PublicArticlesController } from './public-articles.controller';
import { PopularRankingReader } from './popular-ranking.reader';
import { PublishedArticlesService } from './published-articles.service';

/** The readers' API: GET /articles/latest, /articles/popular, /articles/:slug. */
@Module({ controllers: [PublicArticlesController], providers: [PublishedArticlesService, PopularRankingReader] })
export class PublicModule {}
