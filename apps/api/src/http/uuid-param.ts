import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const uuidParam = (field: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new BadRequestException({ message: `${field} must be a UUID`, field }),
  });
