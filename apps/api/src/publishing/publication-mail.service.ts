import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { PublicationMail } from './publication-mail';

/** Publication emails go out from every API process while it runs, when the engine can send email. */
@Injectable()
export class PublicationMailService implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Null without SMTP_URL: subscribing is then not offered, and agendas are not emailed. */
  readonly mail: PublicationMail | null;

  constructor(@Inject(ENGINE) engine: Engine) {
    const { smtpUrl, reminderIntervalMs } = engine.config;
    this.mail = smtpUrl ? new PublicationMail(engine, smtpUrl, reminderIntervalMs) : null;
  }

  onApplicationBootstrap(): void {
    this.mail?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.mail?.stop();
  }
}
