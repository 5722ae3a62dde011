import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DraftsModule } from '../drafts/drafts.module';
import { AccountDeskController, PasswordDeskController } from './account-desk.controller';
import { ArticleDeskController } from './article-desk.controller';
import { DeskPublishing } from './desk-publishing.service';
import { DeskRevisions } from './desk-revisions.service';
import { DeskSessionController } from './desk-session.controller';
import { DeskViews } from './desk-views.service';
import { DeskGuard } from './desk.guard';
import { PublishedDeskController } from './published-desk.controller';
import { ReporterDeskController } from './reporter-desk.controller';
import { ReviewDeskController } from './review-desk.controller';
import { RubricsDeskController } from './rubrics-desk.controller';
import { ScheduleDeskController } from './schedule-desk.controller';
import { StaffApi } from './staff-api.service';
import { UsersDeskController } from './users-desk.controller';
import { WebhooksDeskController } from './webhooks-desk.controller';

/** The staff desk (/desk): server-rendered pages with a little htmx, acting through the gateway's own API. */
@Module({
  // DraftsModule: the draft page's archive box searches with the desk's search service
  imports: [AuthModule, DraftsModule],
  controllers: [
    DeskSessionController,
    ReporterDeskController,
    ReviewDeskController,
    ScheduleDeskController,
    PublishedDeskController,
    ArticleDeskController,
    UsersDeskController,
    AccountDeskController,
    PasswordDeskController,
    RubricsDeskController,
    WebhooksDeskController,
  ],
  providers: [StaffApi, DeskViews, DeskGuard, DeskPublishing, DeskRevisions],
})
export class DeskModule {}
