import { Global, Module } from '@nestjs/common';
import { ArticleAccess } from './article-access.service';
import { ArticleChangeCommitter } from './article-change-committer';

@Global()
@Module({ providers: [ArticleAccess, ArticleChangeCommitter], exports: [ArticleAccess, ArticleChangeCommitter] })
export class ArticleAccessModule {}
