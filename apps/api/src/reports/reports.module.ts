import { Module } from '@nestjs/common';
import { GetRagReportHandler, ReportsController } from './reports.controller';

/** The RAG report, as in effect and as known at a date. */
@Module({
  controllers: [ReportsController],
  providers: [GetRagReportHandler],
})
export class ReportsModule {}
