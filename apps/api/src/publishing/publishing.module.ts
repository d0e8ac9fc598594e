import { Module } from '@nestjs/common';
import { PublicController } from './public.controller';
import { SubscriberMailService } from './subscriber-mail.service';

/** What the public reads: published registers, agendas, minutes and feeds, and subscribers' emails. */
@Module({
  controllers: [PublicController],
  providers: [SubscriberMailService],
})
export class PublishingModule {}
