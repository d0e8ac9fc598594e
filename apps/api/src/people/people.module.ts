import { Module } from '@nestjs/common';
import { PeopleController } from './people.controller';

/** The directory of people and their roles in each body. */
@Module({
  controllers: [PeopleController],
})
export class PeopleModule {}
