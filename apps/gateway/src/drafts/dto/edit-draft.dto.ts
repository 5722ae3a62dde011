import { ApiProperty } from '@nestjs/swagger';
import { IsArticleVersion } from '@newsroom/http';
import { ArticleContentDto } from '../../article-access/article-content.dto';

/** An edit: the version the client last saw, and at least one content field to change. */
export class EditDraftDto extends ArticleContentDto {
  @ApiProperty({ minimum: 1, example: 1, description: 'the version the change is based on; any other than the current one is a 409' })
  @IsArticleVersion()
  version: number;
}
