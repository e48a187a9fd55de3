import { ResumeRejectedError } from './errors';
import { Credentials, GatewayApi } from './http-api';
import { LoginAnswer } from './types';

/** A login answer, and whether it came from the resume credential. */
export type SignedIn = LoginAnswer & { resumed: boolean };

/**
 * How the client gets a session from the route-gateway: with the resume credential of its last login
 * while it holds one (POST /api/resume: no password hash, cheap for a crowd coming back at once), else
 * with its password (POST /api/login). A credential the gateway refuses (401: expired, revoked...) is
 * dropped and the password used in the same attempt; any other failure keeps it for the next attempt.
 */
export class SignIn {
  private credential?: string;

  constructor(
    private readonly api: GatewayApi,
    private readonly credentials: Credentials,
  ) {}

  /** `avoid`: the im-server that answered the last LOGIN busy, which the gateway then places elsewhere. */
  async session(signal: AbortSignal, avoid?: string): Promise<SignedIn> {
    const { carrier, device } = this.credentials;
    if (this.credential) {
      try {
        return this.keep(await this.api.resume(this.credential, { carrier, device, avoid }, signal), true);
      } catch (error) {
        if (!(error instanceof ResumeRejectedError)) throw error;
        this.credential = undefined;
      }
    }
    return this.keep(await this.api.login({ ...this.credentials, avoid }, signal), false);
  }

  /** Drops the resume credential: the next session needs the password. */
  forget(): void {
    this.credential = undefined;
  }

  private keep(answer: LoginAnswer, resumed: boolean): SignedIn {
    this.credential = answer.resume?.credential ?? this.credential;
    return { ...answer, resumed };
  }
}
