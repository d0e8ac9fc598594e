import { Module } from '@nestjs/common';
import { PublicController } from './public.controller';
import { PublicationMailService } from './publication-mail.service';

/** What the public reads: published registers, agendas, minutes and feeds, and subscribers' emails. */
@Module({
  controllers: [PublicController],
  providers: [PublicationMailService],
})
export class PublishingModule {}
