import { Module } from '@nestjs/common';
import { PublicModule } from '../public/public.module';
import { SearchModule } from '../search/search.module';
import { SiteContent } from './site-content.service';
import { SiteController } from './site.controller';

/** The readers' site: /, /rubrik/:slug, /berita/:slug, /terbaru, /populer, /cari, /tag/:slug. */
@Module({ imports: [PublicModule, SearchModule], controllers: [SiteController], providers: [SiteContent] })
export class PagesModule {}
