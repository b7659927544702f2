import type { Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-110m.json';
import { createLocatorMaps } from './locatorMap';

/** Natural Earth 1:110m borders, bundled with the background and extension pages only. */
export function createBundledLocatorMaps() {
  return createLocatorMaps(countries as unknown as Topology);
}
