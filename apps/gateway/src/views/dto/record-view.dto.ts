import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Validate, ValidateIf, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

const EXACTLY_ONE = 'give exactly one of slug or articleId';

@ValidatorConstraint({ name: 'notWithArticleId' })
class NotWithArticleId implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    return (args.object as RecordViewDto).articleId === undefined;
  }
  defaultMessage(): string {
    return EXACTLY_ONE;
  }
}

/** One page view, as the site's beacon sends it: the article by slug or by id, never both. */
export class RecordViewDto {
  @ApiPropertyOptional({ description: 'the article\'s slug (or give articleId)', example: 'pakta-pertahanan-korut-rusia-mulai-berlaku' })
  // checked when given, and also when articleId is missing, so that "neither" is refused too
  @ValidateIf((dto: RecordViewDto) => dto.slug !== undefined || dto.articleId === undefined)
  @IsString({ message: EXACTLY_ONE })
  @Length(1, 120)
  @Validate(NotWithArticleId)
  slug?: string;

  @ApiPropertyOptional({ description: 'the article\'s id (or give slug)', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  articleId?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'the site\'s own anonymous visitor id (e.g. a first-party cookie); without it the visitor is a salted hash of client IP and User-Agent',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  visitorId?: string;
}
