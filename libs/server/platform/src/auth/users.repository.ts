import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@ccp/contracts';
import { DataSource } from 'typeorm';
import { UserEntity } from './user.entity';

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  team: string | null;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ email: email.toLowerCase() });
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(UserEntity).count();
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id });
  }

  /** Inserts the user unless the email is taken; returns whether a row was created. */
  async insertIfAbsent(user: NewUser): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({ ...user, email: user.email.toLowerCase() })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }
}
