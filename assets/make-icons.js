#!/usr/bin/env node
"use strict";
/* global Buffer */
// Draws the add-in's icons (a white "C" on a teal rounded square) as PNG files, so the repo
// needs no image editor and no download: `node assets/make-icons.js` rewrites assets/icon-*.png.
// The PNGs are committed; this script only documents how they were made.
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const SIZES = [16, 32, 64, 80, 128];
const TEAL = [15, 110, 86];
const WHITE = [255, 255, 255];
const SUPERSAMPLE = 4;

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Coverage (0..1) of the background square and of the letter at a sub-pixel position. */
function shapeAt(x, y, size) {
  const r = size * 0.18; // corner radius
  const cx = Math.min(Math.max(x, r), size - r);
  const cy = Math.min(Math.max(y, r), size - r);
  const inSquare = (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const mx = size / 2, my = size / 2;
  const d = Math.hypot(x - mx, y - my);
  const outer = size * 0.34, inner = size * 0.2;
  // The gap of the "C" opens to the right, within ±40° of the horizontal.
  const angle = Math.atan2(y - my, x - mx);
  const inGap = Math.abs(angle) < (40 * Math.PI) / 180;
  const inLetter = d <= outer && d >= inner && !inGap;
  return { inSquare, inLetter };
}

function png(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      let square = 0, letter = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const s = shapeAt(x + (sx + 0.5) / SUPERSAMPLE, y + (sy + 0.5) / SUPERSAMPLE, size);
          if (s.inSquare) square++;
          if (s.inSquare && s.inLetter) letter++;
        }
      }
      const a = square / n;
      const w = square === 0 ? 0 : letter / square;
      const o = row + 1 + x * 4;
      for (let k = 0; k < 3; k++) raw[o + k] = Math.round(TEAL[k] * (1 - w) + WHITE[k] * w);
      raw[o + 3] = Math.round(a * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) {
  const file = path.join(__dirname, `icon-${size}.png`);
  fs.writeFileSync(file, png(size));
  process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
}
