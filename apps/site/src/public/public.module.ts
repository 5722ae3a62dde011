import { Module } from '@nestjs/common';
import { PopularRankingReader } from './popular-ranking.reader';
import { PublicArticlesController } from './public-articles.controller';
import { PublishedArticlesService } from './published-articles.service';
import { RubricsListController } from './rubrics-list.controller';

/** The readers' API: GET /articles/latest, /articles/popular, /articles/:slug, /rubrics. */
@Module({ controllers: [PublicArticlesController, RubricsListController], providers: [PublishedArticlesService, PopularRankingReader], exports: [PublishedArticlesService] })
export class PublicModule {}
