import { MESSAGES } from '../world/parcel-scans.data';
import {
  type Order,
  type Parcel,
  type ParcelStatus,
  type TrackingEvent,
  type World,
} from '../world/world.types';

export const SCAN_STATUSES: readonly ParcelStatus[] = Object.keys(MESSAGES) as ParcelStatus[];

/** Ids of scans added at run time start here, far above the builders' own. */
const FIRST_SCAN_ID = 9_000_000;

export interface ScanResult {
  order: Order;
  parcel: Parcel;
  event: TrackingEvent;
}

/**
 * New carrier scans at run time (POST /_sandbox/parcels/{trackingNumber}/scans): a parcel in
 * transit hits an exception, is delivered, is lost. The world's parcel changes in place, so views
 * built again from it (the trackers' and the warehouse's: `VendorAdapter.refresh`) show it; a
 * reset puts every changed parcel back as it was built.
 */
export class ParcelScans {
  private readonly originals = new Map<Parcel, Pick<Parcel, 'events' | 'status' | 'deliveredAt'>>();
  private nextId = FIRST_SCAN_ID;

  constructor(
    private readonly world: World,
    /** The world's "now" (the write ledger's clock). */
    private readonly now: () => string,
  ) {}

  find(trackingNumber: string): { order: Order; parcel: Parcel } | undefined {
    for (const order of this.world.orders) {
      const parcel = order.parcels.find((p) => p.trackingNumber === trackingNumber);
      if (parcel) return { order, parcel };
    }
    return undefined;
  }

  /** Adds a scan as the parcel's newest; undefined when no parcel has this tracking number. */
  scan(trackingNumber: string, status: ParcelStatus, message?: string): ScanResult | undefined {
    const found = this.find(trackingNumber);
    if (!found) return undefined;
    const { parcel } = found;
    if (!this.originals.has(parcel)) {
      this.originals.set(parcel, {
        events: parcel.events,
        status: parcel.status,
        deliveredAt: parcel.deliveredAt,
      });
    }
    const last = parcel.events[parcel.events.length - 1];
    const event: TrackingEvent = {
      id: this.nextId++,
      at: this.now(),
      status,
      message: message ?? MESSAGES[status][0],
      ...(last?.location ? { location: last.location } : {}),
    };
    // A new array: views built earlier keep the scans they were built from.
    parcel.events = [...parcel.events, event];
    parcel.status = status;
    if (status === 'delivered' || status === 'picked_up') parcel.deliveredAt = event.at;
    return { ...found, event };
  }

  reset(): void {
    for (const [parcel, original] of this.originals) {
      parcel.events = original.events;
      parcel.status = original.status;
      if (original.deliveredAt === undefined) delete parcel.deliveredAt;
      else parcel.deliveredAt = original.deliveredAt;
    }
    this.originals.clear();
    this.nextId = FIRST_SCAN_ID;
  }
}
