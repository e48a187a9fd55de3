import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PresenceController } from './presence.controller';
import { PresenceService } from './presence.service';

@Module({
  imports: [AuthModule],
  controllers: [PresenceController],
  providers: [PresenceService],
})
export class PresenceModule {}
