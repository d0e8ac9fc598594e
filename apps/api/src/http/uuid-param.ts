import { BadRequestException, ParseIntPipe, ParseUUIDPipe } from '@nestjs/common';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const uuidParam = (field: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new BadRequestException({ message: `${field} must be a UUID`, field }),
  });

/** A path parameter that must be a whole number from 0; anything else is a 400 naming the parameter. */
export const placeParam = (field: string) =>
  new ParseIntPipe({
    exceptionFactory: () =>
      new BadRequestException({
        message: `${field} must be a whole number (its place in the list, from 0)`,
        field,
      }),
  });
