import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { PasswordHasher } from '@cim/auth';
import { NameTakenError, SESSION_STORE, SessionStore } from '@cim/session-store';
import { UserCreatedResponse } from './dto/user-created.response';

@Injectable()
export class AccountsService {
  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Creates a user with a unique name; the password is kept only as a salted scrypt hash. */
  async register(name: string, password: string): Promise<UserCreatedResponse> {
    const passwordHash = await this.hasher.hash(password);
    try {
      const user = await this.store.createUser(name, passwordHash);
      return { userId: user.id, name: user.name };
    } catch (error) {
      if (error instanceof NameTakenError)
        throw new ConflictException(`user name "${name}" is already taken`);
      throw error;
    }
  }
}
