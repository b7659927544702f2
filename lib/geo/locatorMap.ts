import { geoContains, geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * A small locator map drawn from bundled Natural Earth borders: no tiles, no network. The
 * background draws it (d3 and the borders stay out of the page) and the card renders the paths.
 */
export interface LocatorMapData {
  width: number;
  height: number;
  /** Every country border in view, as one SVG path. */
  countries: string;
  /** The country that contains the point, drawn a shade darker. */
  home: string;
  homeName: string | undefined;
  point: [number, number];
}

const WIDTH = 320;
const HEIGHT = 150;
/** About 28 degrees of longitude across the map: Afghanistan and its neighbours at once. */
const SCALE = 650;

type CountryFeature = GeoJSON.Feature<GeoJSON.Geometry, { name?: string }>;

export function createLocatorMaps(topology: Topology): (lat: number, lon: number) => LocatorMapData {
  const countries = feature(
    topology,
    topology.objects.countries as GeometryCollection<{ name?: string }>,
  ) as GeoJSON.FeatureCollection<GeoJSON.Geometry, { name?: string }>;
  return (lat, lon) => {
    const projection = geoMercator()
      .center([lon, lat])
      .scale(SCALE)
      .translate([WIDTH / 2, HEIGHT / 2])
      .clipExtent([
        [0, 0],
        [WIDTH, HEIGHT],
      ]);
    const path = geoPath(projection);
    const home: CountryFeature | undefined = countries.features.find((country) => geoContains(country as GeoPermissibleObjects, [lon, lat]));
    const point = projection([lon, lat]) ?? [WIDTH / 2, HEIGHT / 2];
    return {
      width: WIDTH,
      height: HEIGHT,
      countries: path(countries as GeoPermissibleObjects) ?? '',
      home: home ? (path(home as GeoPermissibleObjects) ?? '') : '',
      homeName: home?.properties?.name,
      point: [Math.round(point[0] * 10) / 10, Math.round(point[1] * 10) / 10],
    };
  };
}
