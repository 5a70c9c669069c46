import type { Ucri2Address } from "./ucri2-model.js";

/**
 * A UCRI2 address in words, German order: `Musterstraße 15b, 12345 Musterhausen-Musterberg,
 * Brandenburg, DE` (Ortsteil after the city, as German addresses write it).
 */
export function formatAddress(address: Ucri2Address): string {
  const street = [address.street, address.houseNumber].filter(Boolean).join(" ");
  const city = [address.city, address.cityDistrict].filter(Boolean).join("-");
  const place = [address.postalCode, city].filter(Boolean).join(" ");
  return [street, place, address.state, address.country].filter(Boolean).join(", ");
}
