import { Injectable } from '@nestjs/common';
import { RedisClient } from '@newsroom/redis';
import { isArticleId } from '@newsroom/view-counting';
import { ViewKeys } from '../view-keys';
import { PopularRanking } from './popular-ranking.service';

/** Articles moved per round (one Postgres read for them all). */
const CHUNK = 500;

/**
 * Forgets the marks the flush has acted on, each only if it is still the mark
 * read: an article noted again meanwhile (another correction) stays for the
 * next flush. ARGV: pairs of article id and the mark read.
 */
const FORGET = `
local forgotten = 0
for i = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then forgotten = forgotten + redis.call('HDEL', KEYS[1], ARGV[i]) end
end
return forgotten
`;

/**
 * Keeps an article's counts in its rubric's Populer lists when a correction
 * (or an edit before it is published again) gives it another rubric. An article
 * change only notes the article; the next flush, which is the one writer of
 * the ranking and holds the flush lock, reads the rubric Postgres has then and
 * moves the counts. So a move never races a flush or a rebuild, changes that
 * arrive out of order still end on the rubric Postgres has, and a change noted
 * twice (BullMQ delivers at least once) moves nothing the second time.
 */
@Injectable()
export class RubricChanges {
  constructor(
    private readonly redis: RedisClient,
    private readonly ranking: PopularRanking,
  ) {
    redis.defineCommand('forgetRubricChecks', { numberOfKeys: 1, lua: FORGET });
  }

  /** The article may have another rubric now: the next flush checks. */
  async note(articleId: string): Promise<void> {
    await this.redis.hincrby(ViewKeys.rubricChecks, articleId, 1);
  }

  /** Moves the noted articles to their current rubric; called by the flush, under its lock. */
  async apply(now = new Date()): Promise<void> {
    const marks = Object.entries(await this.redis.hgetall(ViewKeys.rubricChecks));
    for (let i = 0; i < marks.length; i += CHUNK) {
      const chunk = marks.slice(i, i + CHUNK);
      // a field this service never writes is forgotten with the rest
      await this.ranking.fileUnderCurrentRubrics(chunk.map(([id]) => id).filter(isArticleId), now);
      await (this.redis as unknown as { forgetRubricChecks(key: string, ...args: string[]): Promise<number> }).forgetRubricChecks(
        ViewKeys.rubricChecks,
        ...chunk.flat(),
      );
    }
  }
}
