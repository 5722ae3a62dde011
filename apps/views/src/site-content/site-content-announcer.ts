import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { SITE_CONTENT_CHANNEL, SiteContentChange } from '@newsroom/contracts';
import { RedisClient } from '@newsroom/redis';

/**
 * Tells every gateway replica that an article the readers may see appeared,
 * changed or went, so they drop the pages and JSON holding it. This service
 * already handles each publish, unpublish and correction from the outbox
 * (ArticleVisibilityChanged); announcing here, after the change is committed,
 * means a replica that re-renders at once reads the new state. The article is
 * re-read, so a late or repeated job announces what Postgres holds now (a
 * repeat only drops entries again).
 */
@Injectable()
export class SiteContentAnnouncer {
  constructor(
    private readonly redis: RedisClient,
    private readonly em: EntityManager,
  ) {}

  async articleChanged(articleId: string): Promise<void> {
    const [row]: { slug: string; rubric_slug: string; version: number; status: string }[] = await this.em
      .fork()
      .getConnection()
      .execute('select a.slug, r.slug as rubric_slug, a.version, a.status from articles a join rubrics r on r.id = a.rubric_id where a.id = ?', [articleId]);
    if (!row) return;
    const change: SiteContentChange = {
      kind: 'article',
      articleId,
      slug: row.slug,
      rubricSlug: row.rubric_slug,
      version: row.version,
      live: row.status === 'published',
    };
    await this.redis.publish(this.redis.channel(SITE_CONTENT_CHANNEL), JSON.stringify(change));
  }
}
