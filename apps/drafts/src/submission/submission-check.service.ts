import { OptimisticLockError } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { CheckSubmissionPayload, EventType } from '@newsroom/contracts';
import { Article, ArticleJournal, OutboxEvent } from '@newsroom/database';
import { ArticleAction, ArticleStatus, HistoryType, nextStatus } from '@newsroom/domain';
import { OutboxRelay } from '@newsroom/outbox';
import { bodyStats, completenessProblems, normalizeSubmission, SubmissionContent } from './submission-rules';

/** What a check did, kept as the job's return value (visible in BullMQ for a while). */
export type SubmissionOutcome = 'accepted' | 'bounced' | 'skipped';

/**
 * Checks a submitted draft: tidies it, snapshots it as a revision, and either
 * hands it to review or sends it back to the reporter with the reasons. BullMQ may deliver the job more
 * than once, and the reporter may withdraw or edit meanwhile, so it acts only
 * on an article still `submitted` at the version the job names, and the flush
 * is guarded by the optimistic lock on `version`.
 */
@Injectable()
export class SubmissionCheckService {
  private readonly logger = new Logger(SubmissionCheckService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly relay: OutboxRelay,
  ) {}

  async check(payload: CheckSubmissionPayload): Promise<SubmissionOutcome> {
    const em = this.em.fork();
    const article = await em.findOne(Article, { id: payload.articleId }, { populate: ['rubric', 'author'] });
    if (!article || article.status !== ArticleStatus.Submitted || article.version !== payload.version) return 'skipped';

    const journal = new ArticleJournal(em);
    const before = contentOf(article);
    const tidy = normalizeSubmission(before);
    const problems = completenessProblems(tidy);
    let announced: OutboxEvent | null = null;
    if (problems.length === 0) {
      applyTidyContent(article, tidy);
      article.status = nextStatus(article.status, ArticleAction.AcceptSubmission);
      article.submittedAt = new Date();
      journal.history(article, { type: HistoryType.ReviewStarted, actor: null, from: ArticleStatus.Submitted, to: article.status });
      announced = journal.announce(EventType.ReviewEntered, article);
    } else {
      // The reporter's own text goes back untouched: they fix it, we tidy it next time.
      Object.assign(article, bodyStats(article.body));
      article.status = nextStatus(article.status, ArticleAction.BounceSubmission);
      journal.history(article, {
        type: HistoryType.ChangesRequested,
        actor: null,
        from: ArticleStatus.Submitted,
        to: article.status,
        comment: problems.join('; '),
        data: { reasons: problems },
      });
    }
    // Every submission is snapshotted, tidied or not, accepted or bounced: the revisions then show
    // exactly what each round of review was handed (or what was refused), without working it out
    // from the versions before it.
    journal.revision(article, null);

    try {
      await em.flush();
    } catch (error) {
      if (error instanceof OptimisticLockError) {
        this.logger.log(`article ${article.id} changed while its submission was checked; leaving it as it is now`);
        return 'skipped';
      }
      throw error;
    }
    if (announced) this.relay.relayInBackground([announced]);
    return announced ? 'accepted' : 'bounced';
  }
}

function contentOf(article: Article): SubmissionContent {
  return {
    headline: article.headline,
    lead: article.lead,
    body: article.body,
    rubricSlug: article.rubric?.slug ?? null,
    image: article.imageUrl ? { url: article.imageUrl, caption: article.imageCaption ?? '', credit: article.imageCredit ?? '' } : null,
  };
}

function applyTidyContent(article: Article, tidy: SubmissionContent): void {
  article.headline = tidy.headline;
  article.lead = tidy.lead;
  article.body = tidy.body;
  if (tidy.image) {
    article.imageUrl = tidy.image.url;
    article.imageCaption = tidy.image.caption;
    article.imageCredit = tidy.image.credit;
  }
  Object.assign(article, bodyStats(tidy.body));
}
