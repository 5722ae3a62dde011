import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { findPreviewedVersion, PreviewedVersion } from '@newsroom/database';
import { formatNewsroomTime, tagSlug } from '@newsroom/domain';
import { STRINGS } from '@newsroom/html';
import type { FastifyReply } from 'fastify';
import { SIDE_SLOT } from '../page-cache/readers-cache.service';
import { PublicReadLimited } from '../rate-limit/public-read.guard';
import { SiteConfig } from '../site.config';
import { articleDateline } from './dateline';
import { listPageMeta } from './site-meta';
import { SiteContent } from './site-content.service';

const LAYOUT = 'layouts/site.hbs' as const;

/**
 * What a preview answers besides its page: one reader's, never stored by a
 * browser, proxy or the edge (Varnish passes /pratinjau/ too); never indexed;
 * and the token in the address never leaves as a Referer.
 */
const PREVIEW_HEADERS = {
  'cache-control': 'private, no-store',
  'x-robots-tag': 'noindex, nofollow',
  'referrer-policy': 'no-referrer',
  'content-type': 'text/html; charset=utf-8',
};

/**
 * Secret previews (`/pratinjau/<token>`, made on the desk or with POST
 * /drafts/:id/preview-links): the version the link was made for, rendered
 * with the article page's template and side lists, under a PRATINJAU banner,
 * without the view beacon. Every request reads the link from the primary and
 * nothing is kept in the replica cache, so a revoked or expired link is the
 * plain 404 page (which names no article) on every replica at once.
 * The public-read rate limit applies, which also slows any guessing.
 */
@ApiExcludeController()
@PublicReadLimited()
@Controller('pratinjau')
export class PreviewController {
  constructor(
    private readonly content: SiteContent,
    private readonly em: EntityManager,
    @Inject(SiteConfig) private readonly config: SiteConfig,
  ) {}

  @Get(':token')
  async preview(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const previewed = await findPreviewedVersion((sql, params) => this.em.getConnection('write').execute(sql, params), token);
    const [rubrics, side] = await Promise.all([this.content.rubrics(), this.sideBlock(reply)]);
    const html = previewed
      ? await reply.viewAsync('site/article.hbs', { ...this.pageData(previewed), rubrics, sideSlot: side }, { layout: LAYOUT })
      : await reply.viewAsync(
          'site/not-found.hbs',
          { rubrics, sideSlot: side, meta: listPageMeta(undefined, STRINGS.notFoundTitle, STRINGS.notFoundText), noindex: true },
          { layout: LAYOUT },
        );
    await reply.status(previewed ? 200 : 404).headers(PREVIEW_HEADERS).send(html);
  }

  private pageData(previewed: PreviewedVersion): Record<string, unknown> {
    // not yet published: the time it is set for, or now, is what its dateline would say
    const at = previewed.publishedAt ?? previewed.scheduledFor ?? new Date();
    const display = formatNewsroomTime(at, this.config.NEWSROOM_TZ);
    return {
      preview: true,
      noindex: true,
      activeRubric: previewed.rubric.slug,
      article: {
        headline: previewed.headline,
        lead: previewed.lead,
        body: previewed.body,
        rubric: previewed.rubric,
        image: previewed.image,
        dateline: articleDateline(display, previewed.authorNames),
        tagLinks: previewed.tags.map((name) => ({ name, slug: tagSlug(name) })).filter((tag) => tag.slug !== ''),
        corrections: [],
      },
      related: [],
      // no canonical address or OpenGraph URL: the preview's is a secret
      meta: { ...listPageMeta(undefined, previewed.headline, previewed.lead ?? previewed.headline), ogType: 'article' },
      previewBanner: STRINGS.previewBanner.replace('{version}', String(previewed.version)),
    };
  }

  /** The readers' Populer and UPDATE beside it, as on an article page. */
  private async sideBlock(reply: FastifyReply): Promise<string> {
    const lists = await this.content.sideLists(undefined, { popular: true, latest: true });
    return reply.viewAsync('site/side.hbs', { ...lists, showPopular: true, showLatest: true });
  }
}
