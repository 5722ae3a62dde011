import { Module } from '@nestjs/common';
import { FeedContent } from './feed-content.service';
import { FeedsController } from './feeds.controller';
import { SitemapsController } from './sitemaps.controller';

/** What feed readers and crawlers read: RSS 2.0 feeds, the sitemaps, robots.txt. */
@Module({ controllers: [FeedsController, SitemapsController], providers: [FeedContent] })
export class FeedsModule {}
