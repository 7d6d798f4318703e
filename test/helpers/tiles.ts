import { crc32, deflateSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

/** A PNG of one opaque colour (RFC 2083: IHDR, one IDAT of unfiltered rows, IEND; CRC-32 per chunk). */
export function encodeSolidPng(size: number, [r, g, b]: [number, number, number]): Uint8Array<ArrayBuffer> {
  const chunk = (type: string, data: Uint8Array) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    Buffer.from(data).copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  const row = Buffer.alloc(1 + 3 * size);
  for (let x = 0; x < size; x++) row.set([r, g, b], 1 + 3 * x);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

function varints(values: number[]): number[] {
  const out: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
  }
  return out;
}

/** The tiles of zooms minZoom…maxZoom covering a lon/lat box (XYZ scheme). */
export function listTiles(box: [number, number, number, number], minZoom: number, maxZoom: number) {
  const out: { z: number; x: number; y: number }[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    const n = 2 ** z;
    const tx = (lon: number) => Math.floor(((lon + 180) / 360) * n);
    const ty = (lat: number) => {
      const phi = (lat * Math.PI) / 180;
      return Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n);
    };
    for (let x = tx(box[0]); x <= tx(box[2]); x++) for (let y = ty(box[3]); y <= ty(box[1]); y++) out.push({ z, x, y });
  }
  return out;
}

/**
 * A PMTiles v3 archive (github.com/protomaps/PMTiles, spec/v3/spec.md) whose every tile is the same PNG:
 * 127-byte header, root directory (uncompressed), metadata '{}', one tile's bytes that every entry points to.
 */
export function writePmtiles(
  tiles: { z: number; x: number; y: number }[],
  png: Uint8Array,
  box: [number, number, number, number],
): Uint8Array<ArrayBuffer> {
  const ids = [...new Set(tiles.map((t) => zxyToTileId(t.z, t.x, t.y)))].sort((a, b) => a - b);
  const dir = Uint8Array.from([
    ...varints([ids.length]),
    ...varints(ids.map((id, i) => id - (i ? (ids[i - 1] as number) : 0))),
    ...varints(ids.map(() => 1)),
    ...varints(ids.map(() => png.length)),
    // offset + 1 for the first entry; every later one repeats offset 0 (not contiguous), written as 0 + 1
    ...varints(ids.map(() => 1)),
  ]);
  const metadata = new TextEncoder().encode('{}');
  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const u64 = (v: number, at: number) => header.writeBigUInt64LE(BigInt(v), at);
  const rootAt = 127;
  const metaAt = rootAt + dir.length;
  const dataAt = metaAt + metadata.length;
  u64(rootAt, 8);
  u64(dir.length, 16);
  u64(metaAt, 24);
  u64(metadata.length, 32);
  u64(dataAt, 40);
  u64(0, 48);
  u64(dataAt, 56);
  u64(png.length, 64);
  u64(ids.length, 72);
  u64(ids.length, 80);
  u64(1, 88);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(2, 99); // tile type: png
  const zs = tiles.map((t) => t.z);
  header.writeUInt8(Math.min(...zs), 100);
  header.writeUInt8(Math.max(...zs), 101);
  const e7 = (v: number) => Math.round(v * 1e7);
  header.writeInt32LE(e7(box[0]), 102);
  header.writeInt32LE(e7(box[1]), 106);
  header.writeInt32LE(e7(box[2]), 110);
  header.writeInt32LE(e7(box[3]), 114);
  header.writeUInt8(Math.min(...zs), 118);
  header.writeInt32LE(e7((box[0] + box[2]) / 2), 119);
  header.writeInt32LE(e7((box[1] + box[3]) / 2), 123);
  return new Uint8Array(Buffer.concat([header, dir, metadata, png]));
}
