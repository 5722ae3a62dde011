import { Module } from '@nestjs/common';
import { OutboxModule } from '@newsroom/outbox';
import { CreateDraft } from './create-draft.use-case';
import { DraftsController } from './drafts.controller';
import { DraftsQuery } from './drafts-query.service';
import { EditDraft } from './edit-draft.use-case';
import { SubmitDraft } from './submit-draft.use-case';
import { WithdrawDraft } from './withdraw-draft.use-case';
import { DraftsSearch } from '../search/drafts-search.service';

/** The reporter's drafts: write, edit, submit, withdraw, and the records of how an article came to be. */
@Module({
  imports: [OutboxModule],
  controllers: [DraftsController],
  providers: [CreateDraft, EditDraft, SubmitDraft, WithdrawDraft, DraftsQuery, DraftsSearch],
  exports: [DraftsSearch],
})
export class DraftsModule {}
