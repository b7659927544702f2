import type { LocatorMapData } from '../geo/locatorMap';

/** The card's small map: borders and a marked point, drawn from data, no tiles. */
export function LocatorMap({ map, label }: { map: LocatorMapData; label: string }) {
  const [x, y] = map.point;
  return (
    <figure class="locator-map">
      <svg
        viewBox={`0 0 ${map.width} ${map.height}`}
        width="100%"
        role="img"
        aria-label={map.homeName ? `Map: ${label}, in ${map.homeName}` : `Map: ${label}`}
      >
        <rect class="map-sea" x="0" y="0" width={map.width} height={map.height} />
        <path class="map-land" d={map.countries} />
        {map.home && <path class="map-home" d={map.home} />}
        <circle class="map-halo" cx={x} cy={y} r="9" />
        <circle class="map-point" cx={x} cy={y} r="4" />
      </svg>
      {map.homeName && <figcaption>{map.homeName}</figcaption>}
    </figure>
  );
}
