import { Module } from '@nestjs/common';
import { PublicModule } from '../public/public.module';
import { SiteContent } from './site-content.service';
import { SiteController } from './site.controller';

/** The readers' site: /, /rubrik/:slug, /berita/:slug, /terbaru, /populer. */
@Module({ imports: [PublicModule], controllers: [SiteController], providers: [SiteContent] })
export class PagesModule {}
