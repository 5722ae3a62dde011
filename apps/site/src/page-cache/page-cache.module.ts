import { Global, Module } from '@nestjs/common';
import { ReadersCacheFastPath } from './readers-cache-fast-path';
import { ReadersCacheMetrics } from './readers-cache.metrics';
import { ReadersCache } from './readers-cache.service';

/** The replica cache of the readers' pages and public JSON (shared by the pages, the public API and /health, its figures on /metrics), and its fast path in front of Nest. */
@Global()
@Module({ providers: [ReadersCache, ReadersCacheFastPath, ReadersCacheMetrics], exports: [ReadersCache] })
export class PageCacheModule {}
