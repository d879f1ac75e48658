/** The entities duplicate detection knows: people (lead, contact, raw contact) and companies. */
export type DedupEntity = 'lead' | 'contact' | 'company' | 'rawContact';

/** Every {@link DedupEntity}. */
export const DEDUP_ENTITIES: readonly DedupEntity[] = ['lead', 'contact', 'company', 'rawContact'];

/** Whether an entity name is one duplicate detection knows. */
export function isDedupEntity(entity: string): entity is DedupEntity {
  return (DEDUP_ENTITIES as readonly string[]).includes(entity);
}
