import { Module } from '@nestjs/common';
import { GroupPresence } from './group-presence';

/**
 * The groups' index of their members online, on its own: the sweep of lapsed im-server runs and the
 * server directory clean it when they release routes, and they sit below the modules that deliver.
 */
@Module({
  providers: [GroupPresence],
  exports: [GroupPresence],
})
export class GroupPresenceModule {}
