import { applyDecorators, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import {
  IsArray,
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { isIsoDate } from '../../../../libs/domain/src/shared/iso-date';

/** Each problem names its field by its path, e.g. "statusDisplay.GREEN.colour must be ...". */
function problemsOf(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      parent && message.startsWith(error.property) ? `${parent}.${message}` : message,
    );
    return [...(own.length ? [{ field, problems: own }] : []), ...problemsOf(error.children ?? [], field)];
  });
}

export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = problemsOf(errors);
      return new BadRequestException({
        message: details.flatMap((d) => d.problems).join('; '),
        field: details[0]?.field,
        details,
      });
    },
  });
}

/** A real calendar date written YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date written YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
}

/** An optional list of texts, each at most `max` characters (alternatives, discussion points...). */
export function OptionalTextList(max = 20_000) {
  return applyDecorators(IsOptional(), IsArray(), IsString({ each: true }), MaxLength(max, { each: true }));
}
