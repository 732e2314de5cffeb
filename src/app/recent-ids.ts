/**
 * A bounded set of recently seen ids, oldest evicted first. LINE may deliver one event twice (redelivery or
 * network retries); its webhookEventId stays the same, so remembering the last few thousand is enough.
 * The ids also sit in a ring, so the oldest is found in O(1): taking it from the Set's front would walk over every
 * id deleted before it (V8 keeps deleted entries as holes until it rehashes).
 */
export class RecentIds {
  private readonly ids = new Set<string>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(private readonly capacity: number) {
    this.ring = new Array<string | undefined>(capacity).fill(undefined);
  }

  /** Records the id; returns false when it was already there. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    const oldest = this.ring[this.next];
    if (oldest !== undefined) this.ids.delete(oldest);
    this.ring[this.next] = id;
    this.next = (this.next + 1) % this.capacity;
    this.ids.add(id);
    return true;
  }
}
