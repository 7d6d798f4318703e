import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../src/core/import/parse-route';

describe('route cells: WKT and GeoJSON lines', () => {
  it.each([
    [
      'LINESTRING(116.1 39.9, 116.2 39.95)',
      [
        [
          [116.1, 39.9],
          [116.2, 39.95],
        ],
      ],
    ],
    [
      '  linestring ( 116.1  39.9 ,116.2 39.95 ) ',
      [
        [
          [116.1, 39.9],
          [116.2, 39.95],
        ],
      ],
    ],
    [
      'LINESTRING Z (116.1 39.9 40, 116.2 39.95 41)',
      [
        [
          [116.1, 39.9],
          [116.2, 39.95],
        ],
      ],
    ],
    [
      'SRID=4326;LINESTRING(116.1 39.9, 116.2 39.95)',
      [
        [
          [116.1, 39.9],
          [116.2, 39.95],
        ],
      ],
    ],
    [
      'MULTILINESTRING((116.1 39.9, 116.2 39.9), (116.3 40, 116.4 40, 116.5 40.1))',
      [
        [
          [116.1, 39.9],
          [116.2, 39.9],
        ],
        [
          [116.3, 40],
          [116.4, 40],
          [116.5, 40.1],
        ],
      ],
    ],
    [
      '{"type":"LineString","coordinates":[[116.1,39.9],[116.2,39.95]]}',
      [
        [
          [116.1, 39.9],
          [116.2, 39.95],
        ],
      ],
    ],
    [
      '{"type":"MultiLineString","coordinates":[[[116.1,39.9],[116.2,39.9]],[[116.3,40],[116.4,40]]]}',
      [
        [
          [116.1, 39.9],
          [116.2, 39.9],
        ],
        [
          [116.3, 40],
          [116.4, 40],
        ],
      ],
    ],
    [
      '{"type":"Feature","properties":{"班次":"夜"},"geometry":{"type":"LineString","coordinates":[[116.1,39.9,50],[116.2,39.95,51]]}}',
      [
        [
          [116.1, 39.9],
          [116.2, 39.95],
        ],
      ],
    ],
  ])('reads %s', (text, parts) => {
    expect(parseRoute(text)).toEqual({ parts });
  });

  it.each([
    ['LINESTRING(116.1 39.9, abc 39.95)', 'reject.routeUnreadable'],
    ['LINESTRING(116.1 39.9, 116.2 39.95', 'reject.routeUnreadable'],
    ['LINESTRING(116.1, 116.2)', 'reject.routeUnreadable'],
    ['POINT(116.1 39.9)', 'reject.routeUnreadable'],
    ['POLYGON((116.1 39.9, 116.2 39.9, 116.2 40, 116.1 39.9))', 'reject.routeUnreadable'],
    ['MULTILINESTRING((116.1 39.9, 116.2 39.9) (116.3 40, 116.4 40))', 'reject.routeUnreadable'],
    ['LINESTRING EMPTY', 'reject.routeUnreadable'],
    ['116.1,39.9;116.2,39.95', 'reject.routeUnreadable'],
    ['{"type":"LineString","coordinates":[[116.1,39.9],[116.2]]}', 'reject.routeUnreadable'],
    ['{"type":"LineString","coordinates":[[116.1,39.9],["116.2","39.9"]]}', 'reject.routeUnreadable'],
    ['{"type":"Point","coordinates":[116.1,39.9]}', 'reject.routeUnreadable'],
    ['{"type":"LineString",', 'reject.routeUnreadable'],
    ['LINESTRING(116.1 39.9)', 'reject.routeTooFewVertices'],
    ['LINESTRING()', 'reject.routeTooFewVertices'],
    ['MULTILINESTRING((116.1 39.9, 116.2 39.9), (116.3 40))', 'reject.routeTooFewVertices'],
    ['{"type":"LineString","coordinates":[[116.1,39.9]]}', 'reject.routeTooFewVertices'],
  ])('refuses %s', (text, error) => {
    expect(parseRoute(text)).toEqual({ error });
  });
});
