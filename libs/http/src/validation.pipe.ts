import { ValidationPipe } from '@nestjs/common';

/**
 * Every body and query is checked against its DTO: unknown fields are refused
 * (not silently dropped), types are converted only where the DTO says so.
 */
export function newsroomValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
  });
}
