import { ApiProperty } from '@nestjs/swagger';
import type { PreviewLink } from '@newsroom/database';
import { StaffRef } from '../drafts/staff-ref.response';

/** A new link: the only time its URL (its token) is shown. */
export class CreatedPreviewLinkResponse {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'https://www.portal.example/pratinjau/Hk3...43 characters', description: 'on NEWSROOM_PUBLIC_URL; the token in it is stored only as a hash, so this is the one time it is shown' })
  url: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ description: 'the article version it shows' }) version: number;
  @ApiProperty() createdAt: string;
}

/** A link as listed: never its URL. */
export class PreviewLinkResponse {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'the article version it shows' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ type: StaffRef }) createdBy: StaffRef;
  @ApiProperty({ description: 'neither revoked nor expired' }) active: boolean;

  static of(link: PreviewLink, now: Date): PreviewLinkResponse {
    return {
      id: link.id,
      version: link.version,
      createdAt: link.createdAt.toISOString(),
      expiresAt: link.expiresAt.toISOString(),
      revokedAt: link.revokedAt?.toISOString() ?? null,
      createdBy: StaffRef.of(link.createdBy)!,
      active: link.revokedAt === null && link.expiresAt > now,
    };
  }
}
