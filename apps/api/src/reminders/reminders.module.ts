import { Module } from '@nestjs/common';
import { RemindersController } from './reminders.controller';

/** Reminders planned and sent, and those that failed. */
@Module({
  controllers: [RemindersController],
})
export class RemindersModule {}
