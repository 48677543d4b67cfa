// Renders build/icon.svg, the one source image, into the PNGs electron-builder
// needs: build/icon.png (1024 px; it derives the Windows .ico and macOS .icns
// from it) and build/icons/NxN.png for Linux. Generated, not committed.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

const svg = readFileSync('build/icon.svg');
const render = (size) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();

writeFileSync('build/icon.png', render(1024));
mkdirSync('build/icons', { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(`build/icons/${size}x${size}.png`, render(size));
console.log('icons written to build/');
