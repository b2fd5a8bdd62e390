import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }

  async insert(
    key: Pick<ApiKeyEntity, 'name' | 'role' | 'keyHash' | 'prefix' | 'createdBy'>,
  ): Promise<ApiKeyEntity> {
    const result = await this.repository.insert({ ...key, lastUsedAt: null, revokedAt: null });
    const id = (result.identifiers[0] as { id: string }).id;
    return this.repository.findOneByOrFail({ id });
  }

  findActiveByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.repository.findOneBy({ keyHash, revokedAt: IsNull() });
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.repository.find({ order: { createdAt: 'DESC' } });
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.repository.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  async touch(id: string): Promise<void> {
    await this.repository.update({ id }, { lastUsedAt: new Date() });
  }
}
