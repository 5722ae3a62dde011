import { Module } from '@nestjs/common';
import { PopularRankingReader } from './popular-ranking.reader';
import { PublicArticlesController } from './public-articles.controller';
import { PublishedArticlesService } from './published-articles.service';
import { RubricsListController } from './rubrics-list.controller';
import { TrendingArticlesService } from './trending-articles.service';

/** The readers' API: GET /articles/latest, /articles/popular, /articles/trending, /articles/:slug, /rubrics. */
@Module({ controllers: [PublicArticlesController, RubricsListController], providers: [PublishedArticlesService, PopularRankingReader, TrendingArticlesService], exports: [PublishedArticlesService, TrendingArticlesService] })
export class PublicModule {}
