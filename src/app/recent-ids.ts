/**
 * A bounded set of recently seen ids, oldest evicted first. LINE may deliver one event twice (redelivery or
 * network retries); its webhookEventId stays the same, so remembering the last few thousand is enough.
 */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity: number) {}

  /** Records the id; returns false when it was already there. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
