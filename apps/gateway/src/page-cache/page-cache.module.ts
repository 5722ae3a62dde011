import { Global, Module } from '@nestjs/common';
import { ReadersCache } from './readers-cache.service';

/** The replica cache of the readers' pages and public JSON (shared by the site, the public API and the metrics). */
@Global()
@Module({ providers: [ReadersCache], exports: [ReadersCache] })
export class PageCacheModule {}
