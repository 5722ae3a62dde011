import { Module } from '@nestjs/common';
import { ArticleSearchController } from './article-search.controller';
import { ArticleSearch } from './article-search.service';

/** The readers' search: GET /articles/search (the /cari page reads it too). */
@Module({ controllers: [ArticleSearchController], providers: [ArticleSearch], exports: [ArticleSearch] })
export class SearchModule {}
