import { Inject, Injectable } from '@nestjs/common';
import { LOGIN_FAILURE_COUNTERS, LoginFailureCounters } from './failure-counter';
import { LoginBlockedError } from './login-blocked.error';

/**
 * Refused-resume limiting, per source address: like the logins' but with its own, far higher budget
 * (CIM_RESUME_MAX_FAILURES_PER_ADDRESS), since a resume checks no password and a reconnect storm is
 * many resumes from few addresses. An address over it is refused (429) until its block ends.
 */
@Injectable()
export class ResumeAttempts {
  constructor(@Inject(LOGIN_FAILURE_COUNTERS) private readonly counters: LoginFailureCounters) {}

  async check(address: string): Promise<void> {
    const blockedMs = await this.counters.resumesPerAddress.blockedForMs(address);
    if (blockedMs > 0)
      throw new LoginBlockedError(Math.ceil(blockedMs / 1000), 'refused resumes from this address');
  }

  async failed(address: string): Promise<void> {
    await this.counters.resumesPerAddress.fail(address);
  }
}
