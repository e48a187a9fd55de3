/** Where a value stands in a WaitingLine: pass it to `remove` to take the value out from there. */
export interface PlaceInLine<T> {
  readonly value: T;
}

interface Place<T> extends PlaceInLine<T> {
  prev?: Place<T>;
  next?: Place<T>;
  inLine: boolean;
}

/**
 * Values in arrival order, linked both ways: joining at the end, leaving from the front and leaving
 * from anywhere each take the same time however long the line is.
 */
export class WaitingLine<T> {
  private head?: Place<T>;
  private tail?: Place<T>;
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Adds the value at the end. */
  push(value: T): PlaceInLine<T> {
    const place: Place<T> = { value, prev: this.tail, inLine: true };
    if (this.tail) this.tail.next = place;
    else this.head = place;
    this.tail = place;
    this.count++;
    return place;
  }

  /** Takes out the oldest value. */
  shift(): T | undefined {
    const place = this.head;
    if (!place) return undefined;
    this.remove(place);
    return place.value;
  }

  /** Takes the value out from wherever it stands; nothing if it left already. */
  remove(handle: PlaceInLine<T>): void {
    const place = handle as Place<T>;
    if (!place.inLine) return;
    place.inLine = false;
    if (place.prev) place.prev.next = place.next;
    else this.head = place.next;
    if (place.next) place.next.prev = place.prev;
    else this.tail = place.prev;
    place.prev = place.next = undefined;
    this.count--;
  }
}
