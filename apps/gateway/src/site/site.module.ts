import { Module } from '@nestjs/common';
import { SiteContent } from './site-content.service';
import { SiteController } from './site.controller';

/** The readers' site: /, /rubrik/:slug, /berita/:slug, /terbaru, /populer. */
@Module({ controllers: [SiteController], providers: [SiteContent] })
export class SiteModule {}
