import { applyDecorators } from '@nestjs/common';
import { isISO8601, IsInt, Max, Min, ValidateBy } from 'class-validator';
import { EARLIEST_YEAR, isWithinNewsroomYears, LATEST_YEAR } from '@newsroom/domain';

/**
 * A strict ISO-8601 time in the years the newsroom accepts (API.md v1.3): a
 * year 0 or 10000 is valid ISO-8601 and a valid JavaScript Date, but Postgres
 * refuses it, which used to surface as a 500. Times typed by people are read
 * by parseNewsroomTime, which applies the same range.
 */
export function IsIsoTimeInNewsroomYears(): PropertyDecorator {
  return ValidateBy({
    name: 'isIsoTimeInNewsroomYears',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isISO8601(value, { strict: true }) && isWithinNewsroomYears(new Date(value)),
      defaultMessage: (args) => `${args?.property ?? 'value'} must be an ISO-8601 time in the years ${EARLIEST_YEAR}..${LATEST_YEAR}`,
    },
  });
}

/** Postgres `integer`, the type of `articles.version`: a larger number is no version, not a 500. */
const INT4_MAX = 2_147_483_647;

/** An article version: a whole number from 1 up to what the column holds. */
export function IsArticleVersion(): PropertyDecorator {
  return applyDecorators(IsInt(), Min(1), Max(INT4_MAX));
}
