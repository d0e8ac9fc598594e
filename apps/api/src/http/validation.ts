import { applyDecorators, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import {
  ArrayMaxSize,
  IsArray,
  IsString,
  MaxLength,
  registerDecorator,
  ValidateIf,
  ValidationOptions,
} from 'class-validator';
import { isIsoDate } from '#domain/shared/iso-date';

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

/** An answer lists this many problems at most, so a flood of bad keys cannot make a flood of text. */
const MAX_PROBLEMS = 20;

export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const all = problemsOf(errors);
      const details = all.slice(0, MAX_PROBLEMS);
      const more = all.length - details.length;
      return new BadRequestException({
        message:
          details.flatMap((d) => d.problems).join('; ') + (more > 0 ? `; and ${more} more problems` : ''),
        field: details[0]?.field,
        details,
      });
    },
  });
}

/**
 * May be left out, but not null: class-validator's own IsOptional lets null through, and a null
 * setting would reach the events (and a NOT NULL column) as if it were a value.
 */
export function IsOptional(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_, value: unknown) => value !== undefined),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isNotNull',
        target: target.constructor,
        propertyName: String(propertyName),
        options: { message: `${String(propertyName)} must not be null; leave it out to keep it as it is` },
        validator: { validate: (value: unknown) => value !== null },
      }),
  );
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

/** The longest free text a record takes (a resolution, a discussion point, a decision's reasons). */
export const LONG_TEXT = 20_000;

/** An optional list of at most `items` texts, each at most `max` characters (alternatives, discussion points...). */
export function OptionalTextList(max = LONG_TEXT, items = 200) {
  return applyDecorators(
    IsOptional(),
    IsArray(),
    ArrayMaxSize(items),
    IsString({ each: true }),
    MaxLength(max, { each: true }),
  );
}
