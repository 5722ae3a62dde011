import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/auth.decorators';
import { CreatePreviewLinkDto } from './dto/create-preview-link.dto';
import { CreatedPreviewLinkResponse, PreviewLinkResponse } from './preview-link.response';
import { PreviewLinks } from './preview-links.service';

const WHO = 'an author of the article (creator or co-author) or an editor';
const FORBIDDEN = `not ${WHO} (PREVIEW.FORBIDDEN)`;
const NOT_FOUND = 'no such article, or one the caller may not see';

@ApiTags('drafts')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: FORBIDDEN })
@Controller('drafts/:id/preview-links')
export class PreviewLinksController {
  constructor(private readonly links: PreviewLinks) {}

  @Post()
  @ApiOperation({
    summary: 'Make a secret preview link',
    description:
      `For ${WHO}. The link shows the article's current version at \`/pratinjau/<token>\` on the readers' site, rendered like its page with a PRATINJAU banner, ` +
      'marked noindex (meta and X-Robots-Tag), `Cache-Control: private, no-store`, never cached by the site or the edge, never counted as a view, in no list, search or feed. ' +
      'Once expired or revoked it is the site\'s 404 page, saying nothing of the article, on every site replica. Recorded in the history as `preview_link_created`.',
  })
  @ApiCreatedResponse({ type: CreatedPreviewLinkResponse })
  @ApiBadRequestResponse({ description: 'expiresInHours not a whole number in 1..168, or an unknown field' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  create(@Param('id') id: string, @Body() dto: CreatePreviewLinkDto, @CurrentUser() user: AuthUser): Promise<CreatedPreviewLinkResponse> {
    return this.links.create(id, dto.expiresInHours, user);
  }

  @Get()
  @ApiOkResponse({ type: PreviewLinkResponse, isArray: true, description: 'every link of the article, newest first, revoked and expired ones too; never their URLs' })
  @ApiNotFoundResponse({ description: NOT_FOUND })
  list(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<PreviewLinkResponse[]> {
    return this.links.list(id, user);
  }

  @Delete(':linkId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'revoked (already revoked: nothing changes): the link is a 404 on every site replica from now on. Recorded as `preview_link_revoked`' })
  @ApiNotFoundResponse({ description: `${NOT_FOUND}, or no such link of this article` })
  revoke(@Param('id') id: string, @Param('linkId') linkId: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.links.revoke(id, linkId, user);
  }
}
