import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Counter } from 'prom-client';
import { PasswordHasher } from '@cim/auth';
import { MetricsRegistry } from '@cim/observability';
import { LOGIN_FAILURE_COUNTERS, LoginFailureCounters } from './failure-counter';
import { LoginBlockedError } from './login-blocked.error';

/** One login: whose account it tries (a user id, or the name or id given) and from which address. */
export interface LoginAttempt {
  account: string;
  address: string;
}

/** The key of the account a login tries: the user when they exist, else what was given. */
export function accountOf(given: { name?: string; userId?: string }, user: { id: string } | null): string {
  if (user) return `user:${user.id}`;
  return given.userId !== undefined ? `id:${given.userId}` : `name:${given.name ?? ''}`;
}

/** Counts the password checks of POST /api/login: one per login that is not blocked, known user or not. */
export const PASSWORD_CHECKS_METRIC = 'cim_password_checks_total';

/**
 * Failed-login limiting: an account or an address with too many failures in the window is refused
 * (LoginBlockedError, 429) before its password is checked, even a right one. And every password check
 * costs the same, whether the user exists or not, so that the time of an answer does not tell.
 */
@Injectable()
export class LoginAttempts implements OnModuleInit, OnApplicationShutdown {
  private readonly checks: Counter;
  /** A hash of a random password at the configured cost, checked against for unknown users. */
  private dummyHash?: Promise<string>;

  constructor(
    @Inject(LOGIN_FAILURE_COUNTERS) private readonly counters: LoginFailureCounters,
    private readonly hasher: PasswordHasher,
    metrics: MetricsRegistry,
  ) {
    this.checks = new Counter({
      name: PASSWORD_CHECKS_METRIC,
      help: 'Password hashes verified by POST /api/login (known and unknown users alike).',
      registers: [metrics],
    });
  }

  onModuleInit(): void {
    this.dummyHash = this.hasher.hash(randomBytes(16).toString('base64'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.counters.close();
  }

  /** Refuses a login whose account or address is blocked. */
  async check({ account, address }: LoginAttempt): Promise<void> {
    const blockedMs = Math.max(
      ...(await Promise.all([
        this.counters.perUser.blockedForMs(account),
        this.counters.perAddress.blockedForMs(address),
      ])),
    );
    if (blockedMs > 0) throw new LoginBlockedError(Math.ceil(blockedMs / 1000));
  }

  /** Whether the password matches the hash; without a hash (no such user) it is checked against a dummy. */
  async verify(password: string, passwordHash: string | undefined): Promise<boolean> {
    this.dummyHash ??= this.hasher.hash(randomBytes(16).toString('base64'));
    const matches = await this.hasher.verify(password, passwordHash ?? (await this.dummyHash));
    this.checks.inc();
    return passwordHash !== undefined && matches;
  }

  /** Counts a failure against the account and the address; a success clears the account's failures. */
  async record({ account, address }: LoginAttempt, succeeded: boolean): Promise<void> {
    if (succeeded) {
      await this.counters.perUser.forget(account);
      return;
    }
    await Promise.all([this.counters.perUser.fail(account), this.counters.perAddress.fail(address)]);
  }
}
