import { Module } from '@nestjs/common';
import { PublicModule } from '../public/public.module';
import { SearchModule } from '../search/search.module';
import { SiteContent } from './site-content.service';
import { PreviewController } from './preview.controller';
import { SiteController } from './site.controller';

/** The readers' site: /, /rubrik/:slug, /berita/:slug, /terbaru, /populer, /cari, /tag/:slug, and previews at /pratinjau/:token. */
@Module({ imports: [PublicModule, SearchModule], controllers: [SiteController, PreviewController], providers: [SiteContent] })
export class PagesModule {}
