import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { ArticleView } from '@newsroom/contracts';
import { Role } from '@newsroom/domain';
import { ArticleResponse } from '../article-access/article.response';
import { ArticleAccess } from '../article-access/article-access.service';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { CreateDraft } from './create-draft.use-case';
import { DraftsQuery } from './drafts-query.service';
import { CreateDraftDto } from './dto/create-draft.dto';
import { DiffRevisionsQuery } from './dto/diff-revisions.query';
import { DraftActionDto } from './dto/draft-action.dto';
import { EditDraftDto } from './dto/edit-draft.dto';
import { ListDraftsQuery } from './dto/list-drafts.query';
import { RevisionDiffParams } from './dto/revision-diff.params';
import { EditDraft } from './edit-draft.use-case';
import { HistoryEntryResponse } from './history-entry.response';
import { RevisionDiffResponse } from './revision-diff.response';
import { RevisionResponse } from './revision.response';
import { SubmitDraft } from './submit-draft.use-case';
import { WithdrawDraft } from './withdraw-draft.use-case';
import { SearchDraftsQuery } from '../search/dto/search-drafts.query';
import { DraftsSearch } from '../search/drafts-search.service';
import { StaffSearchResults } from '../search/staff-search-result.response';

/**
 * The reporter's drafts, and every staff member's view of articles in the
 * making. Any logged-in staff member may read (reporters only their own:
 * anyone else's is a 404); the routes that change things say who may.
 */
@ApiTags('drafts')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'no such article, or not one the caller may see' })
@Controller('drafts')
export class DraftsController {
  constructor(
    private readonly createDraft: CreateDraft,
    private readonly editDraft: EditDraft,
    private readonly submitDraft: SubmitDraft,
    private readonly withdrawDraft: WithdrawDraft,
    private readonly query: DraftsQuery,
    private readonly access: ArticleAccess,
    private readonly drafts: DraftsSearch,
  ) {}

  @Post()
  @Roles(Role.Reporter)
  @ApiCreatedResponse({ type: ArticleResponse, description: 'a draft at version 1, its slug made unique from the headline' })
  @ApiBadRequestResponse({ description: 'invalid fields, an unknown rubric, or a body with nothing left once sanitized; nothing is stored' })
  create(@Body() dto: CreateDraftDto, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.createDraft.execute(dto, user);
  }

  @Get()
  @ApiOkResponse({ type: ArticleResponse, isArray: true, description: 'newest `updatedAt` first' })
  list(@Query() query: ListDraftsQuery, @CurrentUser() user: AuthUser): Promise<ArticleView[]> {
    return this.query.list(query, user);
  }

  @Get('search')
  @ApiOkResponse({ type: StaffSearchResults, description: 'articles in every status, best match first; a reporter finds only what GET /drafts shows them' })
  @ApiBadRequestResponse({ description: 'q empty or over 200 characters, a bad filter, or a cursor not from a previous page of the same search' })
  search(@Query() query: SearchDraftsQuery, @CurrentUser() user: AuthUser): Promise<StaffSearchResults> {
    return this.drafts.search(query, user);
  }

  @Get(':id')
  @ApiOkResponse({ type: ArticleResponse })
  async get(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.access.present(await this.access.findForStaff(id, user));
  }

  @Patch(':id')
  @ApiOkResponse({ type: ArticleResponse, description: 'version+1 when the content changed; the article as it was when nothing did' })
  @ApiBadRequestResponse({ description: "invalid fields, no field to change, or authors/guestBylines on a revision of a live article (REVISION.BYLINE_FIXED)" })
  @ApiForbiddenResponse({ description: 'neither the author nor an editor' })
  @ApiConflictResponse({ description: '`version` is not the current one; nothing changed' })
  @ApiUnprocessableEntityResponse({ description: 'not editable in its status (by this caller)' })
  edit(@Param('id') id: string, @Body() dto: EditDraftDto, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.editDraft.execute(id, dto, user);
  }

  @Post(':id/submit')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ArticleResponse, description: '`submitted`; the draft-submission service then hands it to review or sends it back' })
  @ApiForbiddenResponse({ description: 'not the author' })
  @ApiConflictResponse({ description: 'a `version` was given and is not the current one' })
  @ApiUnprocessableEntityResponse({ description: 'not a draft or an article with changes requested' })
  submit(@Param('id') id: string, @Body() dto: DraftActionDto, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.submitDraft.execute(id, dto.version, user);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: ArticleResponse, description: 'back to `draft`; out of the review queue, any claim dropped' })
  @ApiForbiddenResponse({ description: 'neither the author nor an editor' })
  @ApiConflictResponse({ description: 'a `version` was given and is not the current one' })
  @ApiUnprocessableEntityResponse({ description: 'not submitted or in review' })
  withdraw(@Param('id') id: string, @Body() dto: DraftActionDto, @CurrentUser() user: AuthUser): Promise<ArticleView> {
    return this.withdrawDraft.execute(id, dto.version, user);
  }

  @Get(':id/revisions')
  @ApiOkResponse({ type: RevisionResponse, isArray: true, description: 'every stored version of the content, newest first' })
  revisions(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<RevisionResponse[]> {
    return this.query.revisions(id, user);
  }

  @Get(':id/revisions/:version/diff')
  @ApiOkResponse({
    type: RevisionDiffResponse,
    description: 'what changed from the content at `against` to the content at `:version`; only changed fields are listed',
  })
  @ApiBadRequestResponse({ description: 'a version that is not a whole number of at least 1' })
  diff(@Param() params: RevisionDiffParams, @Query() query: DiffRevisionsQuery, @CurrentUser() user: AuthUser): Promise<RevisionDiffResponse> {
    return this.query.diff(params.id, params.version, query.against, user);
  }

  @Get(':id/history')
  @ApiOkResponse({ type: HistoryEntryResponse, isArray: true, description: 'every event, oldest first' })
  history(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<HistoryEntryResponse[]> {
    return this.query.history(id, user);
  }
}
