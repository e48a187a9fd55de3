import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { StoreEpochController } from './store-epoch.controller';
import { StoreEpochService } from './store-epoch.service';

/**
 * The session store's epoch: noticed when the store was reset, confirmed before a SEND is answered,
 * and told to the im-servers. Needs STORE_MARKER (StoreMarkerModule, imported by the root module).
 */
@Module({
  imports: [MetricsModule],
  controllers: [StoreEpochController],
  providers: [StoreEpochService],
  exports: [StoreEpochService],
})
export class StoreEpochModule {}
