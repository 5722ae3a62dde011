import { Global, Module } from '@nestjs/common';
import { ArticleAccess } from './article-access.service';

@Global()
@Module({ providers: [ArticleAccess], exports: [ArticleAccess] })
export class ArticleAccessModule {}
