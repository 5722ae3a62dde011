import { Global, Module } from '@nestjs/common';
import { ReadersCacheFastPath } from './readers-cache-fast-path';
import { ReadersCache } from './readers-cache.service';

/** The replica cache of the readers' pages and public JSON (shared by the site, the public API and the metrics), and its fast path in front of Nest. */
@Global()
@Module({ providers: [ReadersCache, ReadersCacheFastPath], exports: [ReadersCache] })
export class PageCacheModule {}
