import { Module } from '@nestjs/common';
import { PublicController } from './public.controller';

/** What the public reads: published registers, agendas, minutes and feeds. */
@Module({
  controllers: [PublicController],
})
export class PublishingModule {}
