import type { CrmContext } from '../crm/context.js';
import { EntityService } from '../crm/entity-service.js';
import type { Condition, StoredRecord } from '../storage/contract.js';

/** Every record of an entity matching `where` that the acting user may read (all pages). */
export async function loadReadable<T extends object>(context: CrmContext, entity: string, where: readonly Condition[] = []): Promise<StoredRecord<T>[]> {
  return (await new EntityService<T, T>(context, entity).listAll(where.length > 0 ? { where } : {})) as StoredRecord<T>[];
}
