import { User } from './user.entity';
import { Rubric } from './rubric.entity';
import { Article } from './article.entity';
import { ArticleRevision } from './article-revision.entity';
import { ArticleByline } from './article-byline.entity';
import { ArticleEvent } from './article-event.entity';
import { ArticleCorrection } from './article-correction.entity';
import { ReviewClaim } from './review-claim.entity';
import { OutboxEvent } from './outbox-event.entity';
import { Webhook } from './webhook.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { ArticleViewHour } from './article-view-hour.entity';
import { ArticleViewTotal } from './article-view-total.entity';
import { ViewFlush } from './view-flush.entity';
import { PreviewLink } from './preview-link.entity';
import { UserEvent, UserEventType, UserEventChanges } from './user-event.entity';

export {
  User,
  Rubric,
  Article,
  ArticleRevision,
  ArticleByline,
  ArticleEvent,
  ArticleCorrection,
  ReviewClaim,
  OutboxEvent,
  Webhook,
  WebhookDelivery,
  ArticleViewHour,
  ArticleViewTotal,
  ViewFlush,
  UserEvent,
  UserEventType,
  PreviewLink,
};
export type { UserEventChanges };

/** Every entity, listed explicitly: no folder scanning, so the compiled apps find them wherever they run. */
export const ENTITIES = [User, Rubric, Article, ArticleByline, ArticleRevision, ArticleEvent, ArticleCorrection, ReviewClaim, OutboxEvent, Webhook, WebhookDelivery, ArticleViewHour, ArticleViewTotal, ViewFlush, UserEvent, PreviewLink];
