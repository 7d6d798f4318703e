import { describe, expect, it } from 'vitest';
import { FileSource, PMTiles } from 'pmtiles';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../src/core/geo/coords';
import { planGcjTile, tileCentre, worldPixel } from '../../src/core/geo/gcj-tiles';
import { normalizeTileTemplate } from '../../src/views/shared/map/basemap-source';
import { encodeSolidPng, listTiles, writePmtiles } from '../helpers/tiles';

describe('GCJ-02 tiles redrawn into WGS-84', () => {
  it('draws a WGS-84 tile from the GCJ-02 tiles at the offset of its centre', () => {
    // Tiananmen at zoom 15: GCJ-02 lies some 600 m east and 150 m north of WGS-84 (about 170 and 40 pixels)
    const z = 15;
    const [px, py] = worldPixel(116.3975, 39.9087, z);
    const x = Math.floor(px / 256);
    const y = Math.floor(py / 256);
    const pieces = planGcjTile(z, x, y);
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(pieces.length).toBeLessThanOrEqual(4);
    // each piece covers its part of the tile exactly: the GCJ-02 pixel under the tile's centre is the centre's
    const [lon, lat] = tileCentre(z, x, y);
    const [gx, gy] = worldPixel(...wgs84ToGcj02(lon, lat), z);
    for (const p of pieces) {
      // the source tile's top-left in GCJ-02 world pixels, minus where it is drawn, is the tile's own origin
      expect(p.x * 256 - p.dx).toBeCloseTo(x * 256 + (gx - worldPixel(lon, lat, z)[0]), 6);
      expect(p.y * 256 - p.dy).toBeCloseTo(y * 256 + (gy - worldPixel(lon, lat, z)[1]), 6);
    }
    const shift = gx - worldPixel(lon, lat, z)[0];
    expect(shift).toBeGreaterThan(100);
    expect(shift).toBeLessThan(250);
  });

  it('keeps every point of a tile within half a pixel at zoom 18 when shifted by the centre’s offset', () => {
    const z = 18;
    const [px, py] = worldPixel(116.3975, 39.9087, z);
    const x = Math.floor(px / 256);
    const y = Math.floor(py / 256);
    const [lon, lat] = tileCentre(z, x, y);
    const centre = worldPixel(...wgs84ToGcj02(lon, lat), z).map((v, i) => v - worldPixel(lon, lat, z)[i]!);
    // the tile's corners: their own offset against the centre's
    const n = 2 ** z;
    for (const [cx, cy] of [
      [x, y],
      [x + 1, y + 1],
    ]) {
      const cLon = (cx! / n) * 360 - 180;
      const cLat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * cy!) / n))) * 180) / Math.PI;
      const own = worldPixel(...wgs84ToGcj02(cLon, cLat), z).map((v, i) => v - worldPixel(cLon, cLat, z)[i]!);
      expect(Math.abs(own[0]! - centre[0]!)).toBeLessThan(0.5);
      expect(Math.abs(own[1]! - centre[1]!)).toBeLessThan(0.5);
    }
    // and the published inverse brings the point back within a centimetre
    const [wLon, wLat] = gcj02ToWgs84(...wgs84ToGcj02(lon, lat));
    expect(Math.abs(wLon - lon) * 85_000).toBeLessThan(0.01);
    expect(Math.abs(wLat - lat) * 111_000).toBeLessThan(0.01);
  });
});

describe('tile URL templates', () => {
  const page = 'http://127.0.0.1:5173';
  it('accepts XYZ and WMTS templates and names their origin', () => {
    expect(normalizeTileTemplate('http://10.1.2.3:8080/vec_w/{z}/{x}/{y}.png', page)).toEqual({
      ok: true,
      template: 'http://10.1.2.3:8080/vec_w/{z}/{x}/{y}.png',
      origin: 'http://10.1.2.3:8080',
    });
    const wmts = normalizeTileTemplate(
      'http://tdt.intranet/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=vec&TILEMATRIXSET=w&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}',
      page,
    );
    expect(wmts.ok && wmts.template).toContain('TILEMATRIX={z}&TILEROW={y}&TILECOL={x}');
    expect(normalizeTileTemplate('/tiles/{z}/{x}/{y}.png', page)).toEqual({
      ok: true,
      template: 'http://127.0.0.1:5173/tiles/{z}/{x}/{y}.png',
      origin: null,
    });
  });

  it('refuses templates without placeholders or with another scheme', () => {
    expect(normalizeTileTemplate('http://x/{z}/{x}.png', page)).toMatchObject({
      ok: false,
      reason: 'basemap.error.placeholders',
    });
    expect(normalizeTileTemplate('ftp://x/{z}/{x}/{y}.png', page)).toMatchObject({
      ok: false,
      reason: 'basemap.error.scheme',
    });
    expect(normalizeTileTemplate('  ', page)).toMatchObject({ ok: false, reason: 'basemap.error.empty' });
  });
});

describe('the test tile set', () => {
  it('is a PMTiles archive the pmtiles library reads back, tile for tile', async () => {
    const png = encodeSolidPng(256, [0, 200, 200]);
    const box: [number, number, number, number] = [115.4, 39.4, 117.5, 41.1];
    const tiles = listTiles(box, 0, 8);
    const archive = new PMTiles(new FileSource(new File([writePmtiles(tiles, png, box)], 't.pmtiles')));
    const header = await archive.getHeader();
    expect(header).toMatchObject({ minZoom: 0, maxZoom: 8, tileType: 2, numAddressedTiles: tiles.length });
    for (const t of tiles) {
      const got = await archive.getZxy(t.z, t.x, t.y);
      expect(new Uint8Array(got!.data)).toEqual(new Uint8Array(png));
    }
    expect(await archive.getZxy(8, 0, 0)).toBeUndefined();
  });
});
