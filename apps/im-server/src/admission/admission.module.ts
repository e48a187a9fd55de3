import { Module } from '@nestjs/common';
import { ConfirmationQueue } from './confirmation-queue';

/** The bound on session confirmations under way at this server, shared by every LOGIN. */
@Module({ providers: [ConfirmationQueue], exports: [ConfirmationQueue] })
export class AdmissionModule {}
