import { CimHttpError, ResumeRejectedError } from './errors';
import { Credentials, GatewayApi } from './http-api';
import { LoginAnswer } from './types';

/** A login answer, and whether it came from the resume credential. */
export type SignedIn = LoginAnswer & { resumed: boolean };

/**
 * How the client gets a session from the route-gateway: with the resume credential of its last login
 * while it holds one (POST /api/resume: no password hash, cheap for a crowd coming back at once), else
 * with its password (POST /api/login). A credential the gateway refuses (401: expired, revoked...) is
 * dropped and the password used in the same attempt; any other failure keeps it for the next attempt.
 * A request naming a server to avoid that is answered 400 (a gateway that predates the field refuses
 * it) is made again at once without it.
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
    const credential = this.credential;
    if (credential) {
      try {
        const answer = await avoiding(avoid, (a) =>
          this.api.resume(credential, { carrier, device, avoid: a }, signal),
        );
        return this.keep(answer, true);
      } catch (error) {
        if (!(error instanceof ResumeRejectedError)) throw error;
        this.credential = undefined;
      }
    }
    const answer = await avoiding(avoid, (a) => this.api.login({ ...this.credentials, avoid: a }, signal));
    return this.keep(answer, false);
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

/** Makes the request naming `avoid`, and again without it if a gateway that predates it answers 400. */
async function avoiding<T>(avoid: string | undefined, request: (avoid?: string) => Promise<T>): Promise<T> {
  if (avoid === undefined) return request();
  try {
    return await request(avoid);
  } catch (error) {
    if (!(error instanceof CimHttpError && error.status === 400)) throw error;
    return request();
  }
}
