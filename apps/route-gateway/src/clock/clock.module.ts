import { Module } from '@nestjs/common';
import { systemClock } from '@cim/auth';

/** The token under which the current time (a `Clock` from @cim/auth) is injected; tests give their own. */
export const CLOCK = Symbol('CLOCK');

@Module({
  providers: [{ provide: CLOCK, useValue: systemClock }],
  exports: [CLOCK],
})
export class ClockModule {}
