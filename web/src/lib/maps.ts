/** A link that opens the centre in the person's map app (no map is embedded: no third-party calls). */
export function mapLink(location: { lat: number; lng: number }): string {
  return `https://www.google.com/maps/search/?api=1&query=${location.lat},${location.lng}`;
}

/** Directions from wherever the person is. */
export function directionsLink(location: { lat: number; lng: number }): string {
  return `https://www.google.com/maps/dir/?api=1&destination=${location.lat},${location.lng}`;
}
